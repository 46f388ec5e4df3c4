"""``kg corpus``: read a corpus the way ``kg build`` does and show what was kept and cut."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from rich.markup import escape

from graph.cli._common import err, out, progress
from graph.defaults import MAX_FILE_BYTES, SAMPLE_CORPUS_DIR

if TYPE_CHECKING:
    from graph.corpus import Read, ReadStats, Skipped
    from graph.corpus.check import GoldCheck

ORDER = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "corpus",
        help="read a corpus and show each article's kept text, title, date and cuts",
        description="Read files and folders (.txt, .md, .html, .jsonl) as `kg build` does: "
        "decode, remove page boilerplate (markers in ontology/boilerplate.yaml), find title and "
        "publication date. Prints one row per article and one line per skipped input. Exits "
        "non-zero only when nothing usable was read (with --check-gold: when a check fails).",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or directories of articles (default: {SAMPLE_CORPUS_DIR})",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--show", metavar="NAME", help="print the kept text and the cut parts of NAME")
    p.add_argument(
        "--check-gold",
        metavar="DIR",
        help="measure boilerplate removal and dates against DIR/*.gold.json "
        "(noise that survives, gold entities cut out, published date, README story bounds)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_FILE_BYTES,
        metavar="N",
        help=f"skip files larger than N bytes (default {MAX_FILE_BYTES:,})",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.check_gold:
        return _check(args)
    from graph.corpus import ReadStats, Skipped, iter_reads

    paths = args.paths or [str(SAMPLE_CORPUS_DIR)]
    stats = ReadStats()
    rows: list[dict[str, Any]] = []  # one small summary per article, never the texts
    shown: list[Read] = []
    skipped: list[Skipped] = []
    for item in progress(iter_reads(paths, max_bytes=args.max_bytes, stats=stats), label="reading"):
        if isinstance(item, Skipped):
            skipped.append(item)
            if not args.json:
                err.print(f"[yellow]skipped[/yellow] {escape(item.path)}: {escape(item.reason)}")
        elif args.show is not None:
            if _matches(item, args.show):
                shown.append(item)
        else:
            rows.append(_row(item))
    if args.show is not None:
        return _show(shown, args.show, skipped)
    if args.json:
        print(json.dumps(_report(rows, skipped, stats), ensure_ascii=False, indent=1))
    else:
        _table(rows, stats)
    return 0 if rows else 1


def _matches(read: Read, name: str) -> bool:
    a = read.article
    return name in (a.name, a.id) or (len(name) >= 6 and a.id.startswith(name))


def _row(read: Read) -> dict[str, Any]:
    from graph.corpus.boilerplate import cut_summary

    a = read.article
    return {
        "name": a.name,
        "id": a.id,
        "path": a.path,
        "format": read.source.format,
        "encoding": read.source.encoding,
        "raw_chars": read.raw_chars,
        "kept_chars": len(a.text),
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "published": a.published,
        "published_how": a.published_how,
        "story_span": list(a.story_span),
        "cut": cut_summary(read.clean.cuts),
    }


def _report(rows: list[dict[str, Any]], skipped: list[Skipped], stats: ReadStats) -> dict[str, Any]:
    how: dict[str, int] = {}
    for r in rows:
        how[r["published_how"]] = how.get(r["published_how"], 0) + 1
    return {
        "articles": rows,
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        "summary": {
            "articles": len(rows),
            "raw_chars": sum(r["raw_chars"] for r in rows),
            "kept_chars": sum(r["kept_chars"] for r in rows),
            "published": how,
            "skipped": len(skipped),
            "files": stats.files,
            "ignored": dict(stats.ignored),
            "encodings": dict(stats.encodings),
        },
    }


def _table(rows: list[dict[str, Any]], stats: ReadStats) -> None:
    from rich.table import Table

    table = Table(title=f"{len(rows)} article(s)", show_lines=False)
    for col in ("name", "format", "chars", "title", "published", "cut"):
        table.add_column(col, overflow="fold")
    for row in rows:
        fmt = (
            row["format"]
            if row["encoding"] in ("utf-8", "ascii")
            else (f"{row['format']} ({row['encoding']})")
        )
        cells = (
            row["name"],
            fmt,
            f"{row['raw_chars']} → {row['kept_chars']}",
            (row["title"] or "—")[:60],
            f"{row['published'] or '—'} ({row['published_how']})",
            row["cut"] or "—",
        )
        table.add_row(*map(escape, cells))  # data, not console markup
    _print_table(table)
    if stats.ignored:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(stats.ignored.items()))
        out.print(f"ignored: {sum(stats.ignored.values())} file(s) ({kinds})")
    for path, enc in stats.encodings.items():
        out.print(f"decoded as {enc}: {escape(path)}")


def _print_table(table: object) -> None:
    """On a terminal at its width; piped, wide enough that rows stay readable."""
    if out.is_terminal:
        out.print(table)
    else:
        from rich.console import Console

        Console(highlight=False, width=max(out.width, 160)).print(table)


def _show(reads: list[Read], name: str, skipped: list[Skipped]) -> int:
    if not reads:
        hit = [s for s in skipped if name in s.path]
        why = f" (skipped: {hit[0].reason})" if hit else ""
        err.print(f"[red]{escape(f'no article named {name!r} in these paths{why}')}[/red]")
        return 1
    for read in reads:
        a = read.article
        out.rule(f"{a.name}  {a.path}")
        out.print(f"title: {a.title}", markup=False)
        out.print(f"published: {a.published} ({a.published_how})", markup=False)
        out.print(f"story span: {a.story_span[0]}..{a.story_span[1]} of the decoded input")
        out.rule("kept text")
        out.print(a.text, markup=False, highlight=False)
        out.rule(f"cut ({len(read.clean.cuts)} part(s))")
        for c in read.clean.cuts:
            out.print(f"[bold]{escape(c.reason)}[/bold] \\[{c.start}..{c.end}]")
            out.print(c.text, markup=False, highlight=False, style="dim")
    return 0


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from graph.corpus.check import check_gold

    directory = Path(args.check_gold)
    if not directory.is_dir():
        err.print(f"[red]not a directory: {directory}[/red]")
        return 2
    rows = check_gold(directory)
    if not rows:
        err.print(f"[red]no *.gold.json files in {directory}[/red]")
        return 2
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
    else:
        print_check_table(rows, str(directory))
    return 0 if all(r.ok for r in rows) else 1


def print_check_table(rows: list[GoldCheck], title: str = "") -> None:
    from rich.table import Table

    table = Table(title=f"boilerplate check: {title}")
    for col in ("article", "noise surviving", "gold entities lost", "story bounds", "published"):
        table.add_column(col, overflow="fold")
    for r in rows:
        bounds = (
            "—"
            if r.starts_ok is None
            else ("ok" if r.starts_ok and r.ends_ok and not r.inline_left else _bounds_problem(r))
        )
        date = f"{r.published or 'null'} ({r.published_how})"
        if not r.date_ok:
            date += f" ≠ gold {r.published_gold or 'null'}"
        cells = (
            r.article if r.found else f"{r.article} (not read)",
            ", ".join(r.noise_surviving) or "0",
            ", ".join(r.entities_lost) or "0",
            bounds,
            date,
        )
        table.add_row(*map(escape, cells))
    _print_table(table)
    noise = sum(len(r.noise_surviving) for r in rows)
    lost = sum(len(r.entities_lost) for r in rows)
    dates = sum(r.date_ok for r in rows)
    out.print(
        f"total: noise surviving {noise}, gold entities lost {lost}, "
        f"published correct {dates}/{len(rows)}"
    )


def _bounds_problem(r: GoldCheck) -> str:
    bad = [
        what
        for what, ok in (("start", r.starts_ok), ("end", r.ends_ok), ("inline", not r.inline_left))
        if not ok
    ]
    return "wrong " + "/".join(bad)
