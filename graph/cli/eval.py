"""``kg eval``: score extraction against gold files (``../shared/corpus/README.md`` section 8).

With ``--pred DIR`` it scores the ``{article}.json`` files that ``kg extract
--json DIR`` (or any other extractor) wrote; without it, it extracts the article
texts that lie next to the gold files first. The text report ends with a
compact summary, so the tail of the output is the headline numbers.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cli._common import err, out
from graph.cli.extract import add_workers_option

if TYPE_CHECKING:
    from graph.evaluate import EvalReport
    from graph.model import Article

ORDER = 35

#: Article files looked for next to ``{article}.gold.json`` (JSONL files are read whole).
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval",
        help="score extraction against a gold directory (P/R/F1 per type and predicate)",
        description="Score predictions against the *.gold.json files of GOLD_DIR: entity P/R/F1 "
        "per type, relation P/R/F1 per predicate, holdsRole role accuracy and implied/explicit "
        "recall, quote P/R/F1, noise leakage, published-date accuracy, per-article counts. "
        "Without --pred, the articles next to the gold files ({article}.txt/.md/.html or "
        "JSONL records with that id) are extracted first. A missing prediction is empty.",
    )
    p.add_argument("gold", type=Path, metavar="GOLD_DIR", help="directory of *.gold.json files")
    p.add_argument(
        "--pred",
        type=Path,
        default=None,
        metavar="DIR",
        help="directory of {article}.json predictions (default: extract the articles now)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--details",
        action="store_true",
        help="also list, per article, the missed (FN) and wrong (FP) entities, relations, quotes",
    )
    add_workers_option(p, " when there is no --pred")
    p.set_defaults(func=run)


# --------------------------------------------------------------------------- extraction


def article_inputs(gold_dir: Path, articles: Iterable[str]) -> tuple[list[Path], list[str]]:
    """The files holding the gold articles' texts, and the articles with no file of their own.

    ``{article}.txt/.md/.html/.htm`` next to the gold file; every ``*.jsonl`` of the
    directory too, since a feed may hold any of them (records are matched by id later).
    """
    paths: list[Path] = []
    without: list[str] = []
    for article in articles:
        found = next(
            (p for suf in TEXT_SUFFIXES if (p := gold_dir / f"{article}{suf}").is_file()), None
        )
        if found is None:
            without.append(article)
        else:
            paths.append(found)
    paths.extend(sorted(gold_dir.glob("*.jsonl")))
    return paths, without


def _only(articles: Iterable[Article], wanted: set[str]) -> Iterator[Article]:
    """The first article of each wanted name (a feed may hold other articles, or repeats)."""
    seen: set[str] = set()
    for art in articles:
        if art.name in wanted and art.name not in seen:
            seen.add(art.name)
            yield art


def extract_predictions(
    gold_dir: Path, articles: Iterable[str], *, workers: int = 1
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Extract the gold articles' texts now: article -> prediction dict, and the problems."""
    from graph.cli.extract import extract_articles, read_articles

    wanted = list(articles)
    problems: list[tuple[str, str]] = []

    def skip(path: str, reason: str) -> None:
        problems.append((path, reason))

    paths, without = article_inputs(gold_dir, wanted)
    preds: dict[str, dict[str, Any]] = {}
    if paths:
        found = _only(read_articles(paths, skip), set(wanted))
        for ex in extract_articles(found, skip, workers=workers):
            preds[ex.article.name] = ex.to_json()
    for article in without:
        if article not in preds:  # not in a JSONL feed either
            problems.append(
                (
                    str(gold_dir / f"{article}.gold.json"),
                    f"no article text found ({article}.txt/.md/.html/.htm or a *.jsonl "
                    "record with that id): scored as an empty prediction",
                )
            )
    return preds, problems


# --------------------------------------------------------------------------- command


def run(args: argparse.Namespace) -> int:
    import json

    from rich.markup import escape

    from graph.evaluate import load_gold, score

    gold_dir: Path = args.gold
    if not gold_dir.is_dir():
        err.print(f"[red]error:[/red] {escape(str(gold_dir))}: not a directory")
        return 2
    golds, _ = load_gold(gold_dir)
    if not golds:
        err.print(f"[red]error:[/red] {escape(str(gold_dir))}: no readable *.gold.json files")
        return 2
    if args.pred is not None:
        if not args.pred.is_dir():
            err.print(f"[red]error:[/red] {escape(str(args.pred))}: prediction directory not found")
            return 2
        report = score(gold_dir, args.pred)
    else:
        try:
            preds, problems = extract_predictions(gold_dir, golds, workers=args.workers)
        except (ImportError, RuntimeError) as exc:
            err.print(
                f"[red]error:[/red] cannot extract the articles ({escape(str(exc))}); "
                "give predictions with --pred DIR"
            )
            return 2
        report = score(gold_dir, preds)
        report.problems.extend(problems)
    for path, reason in report.problems:
        err.print(f"[yellow]warning:[/yellow] {escape(path)}: {escape(reason)}")
    pred_label = str(args.pred) if args.pred is not None else "extracted now"
    if args.json:
        data = {"gold": str(gold_dir), "pred": pred_label, **report.to_json(details=args.details)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print_report(report, details=args.details, header=f"gold {gold_dir}, predictions {pred_label}")
    return 0


def print_report(report: EvalReport, *, details: bool, header: str) -> None:
    """Tables, then the details, then the compact summary (the output's last lines)."""
    out.print(report.to_table())
    if details:
        out.print()
        out.print("\n".join(report.details_lines()), markup=False, highlight=False)
    out.print()
    out.print(header, markup=False)
    out.print("\n".join(report.summary_lines()), markup=False, highlight=False)
