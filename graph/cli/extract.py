"""``kg extract``: articles -> one JSON per article in the gold annotation format.

The JSON files are what ``kg eval --pred DIR`` scores; without ``--json`` the
command prints what it found, article by article, for reading.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graph.cli._common import err, out, progress

if TYPE_CHECKING:
    from graph.model import Article, Extraction

ORDER = 30

#: Called with (path, reason) for every input that yields no extraction.
OnSkip = Callable[[str, str], None]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "extract",
        help="extract entities, relations and quotes; write gold-format JSON",
        description="Read articles (files or directories of .txt/.md/.html/.jsonl), extract "
        "entities, relations and quotes, and write one JSON per article in the gold annotation "
        "format (DIR/{article}.json, scored by `kg eval --pred DIR`). Without --json, print a "
        "readable summary per article.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories")
    p.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="DIR",
        help="write DIR/{article}.json (created if needed) instead of printing",
    )
    add_workers_option(p)
    p.set_defaults(func=run)


def add_workers_option(parser: argparse.ArgumentParser, when: str = "") -> None:
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=f"extraction processes{when} (default 1: in this process)",
    )


def read_articles(paths: Iterable[str | Path], on_skip: OnSkip) -> Iterator[Article]:
    """The articles of ``paths`` (``graph.corpus``); skipped inputs go to ``on_skip``."""
    from graph.corpus import iter_corpus
    from graph.model import Article

    for item in iter_corpus([str(p) for p in paths]):
        if isinstance(item, Article):
            yield item
        else:
            on_skip(str(getattr(item, "path", "?")), str(getattr(item, "reason", item)))


def extract_articles(
    articles: Iterable[Article], on_skip: OnSkip, *, workers: int = 1
) -> Iterator[Extraction]:
    """Extractions in input order; an article the extractor fails on goes to ``on_skip``."""
    from graph.build import Failed, extract_stream

    for result in extract_stream(articles, workers=max(1, workers)):
        if isinstance(result, Failed):
            on_skip(result.article.path or result.article.name, result.reason)
        else:
            yield result


def report_skip(path: str, reason: str) -> None:
    from rich.markup import escape

    err.print(f"[yellow]skipped[/yellow] {escape(path)}: {escape(reason)}")


def run(args: argparse.Namespace) -> int:
    import json

    from graph.evaluate import prediction_filename

    try:
        articles = read_articles(args.paths, report_skip)
        extractions = extract_articles(
            progress(articles, label="extracting"), report_skip, workers=args.workers
        )
        if args.json is not None:
            args.json.mkdir(parents=True, exist_ok=True)
        totals: Counter[str] = Counter()
        written: dict[str, str] = {}
        for ex in extractions:
            name = ex.article.name
            where = ex.article.path or name
            if name in written:
                report_skip(where, f"article name {name!r} already written from {written[name]}")
                continue
            written[name] = where
            totals.update(
                articles=1,
                entities=len(ex.entities),
                relations=len(ex.relations),
                quotes=len(ex.quotes),
            )
            if args.json is None:
                print_extraction(ex)
                continue
            target = args.json / prediction_filename(name)
            target.write_text(
                json.dumps(ex.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
    except (ImportError, OSError, RuntimeError) as exc:
        from rich.markup import escape

        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return 2
    dest = f" -> {args.json}/" if args.json is not None else ""
    summary = (
        f"{totals['articles']} article(s), {totals['entities']} entities, "
        f"{totals['relations']} relations, {totals['quotes']} quotes{dest}"
    )
    (out if args.json is not None else err).print(summary, markup=False)
    return 0 if totals["articles"] else 1


def print_extraction(ex: Extraction) -> None:
    """A readable account of one extraction: entities by type, relations, quotes."""
    out.print(describe(ex), markup=False)


def describe(ex: Extraction) -> str:
    """Plain text of one extraction (what ``kg extract`` without ``--json`` prints)."""
    art = ex.article
    names = {e.id: e.name for e in ex.entities}
    lines = [
        f"== {art.name}" + (f" ({art.path})" if art.path and art.path != art.name else ""),
        f"   title: {art.title or '-'}   published: {art.published or '-'}",
        f"   {len(ex.entities)} entities, {len(ex.relations)} relations, {len(ex.quotes)} quotes",
    ]
    by_type: dict[str, list[str]] = {}
    for e in ex.entities:
        by_type.setdefault(str(e.type), []).append(_entity_label(e.name, e.aliases))
    for t, items in by_type.items():
        lines.append(f"   {t}: " + "; ".join(items))
    for r in ex.relations:
        extra = ""
        if r.role:
            extra = f"  [{r.role}{', implied' if r.implied else ''}]"
        lines.append(f"   {names.get(r.s, r.s)} -{r.p}-> {names.get(r.o, r.o)}{extra}")
    for q in ex.quotes:
        text = " ".join(q.text.split())
        text = text if len(text) <= 90 else text[:89] + "…"
        lines.append(f"   {names.get(q.speaker, q.speaker)}: “{text}”")
    return "\n".join(lines)


def _entity_label(name: str, aliases: list[str]) -> str:
    return f"{name} ({', '.join(aliases)})" if aliases else name
