"""``kg build``: read a corpus, extract, resolve entities, write the RDF store and outputs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from graph.cli._common import err, out, remember_build
from graph.defaults import DEFAULT_OUT, SAMPLE_CORPUS_DIR

if TYPE_CHECKING:
    from graph.build import BuildReport

ORDER = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "build",
        help="build (or update) the knowledge graph of a corpus",
        description="Corpus -> extraction -> cross-article entity resolution -> RDF with "
        "provenance -> store. Incremental: only changed articles are extracted again and only "
        "changed named graphs are rewritten. Writes OUT/store/ (Oxigraph), OUT/graph.trig, "
        "OUT/graph.ttl, OUT/extractions/, OUT/search.sqlite, OUT/build.json and, when the view "
        "module is installed, OUT/graph.html.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or directories of articles (default: {SAMPLE_CORPUS_DIR})",
    )
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output directory (default: output/)"
    )
    p.add_argument(
        "--store",
        default=None,
        metavar="memory|URL",
        help="write to an in-memory store or a SPARQL 1.1 endpoint instead of OUT/store/",
    )
    p.add_argument(
        "--strict", action="store_true", help="fail (exit 1) when SHACL validation finds violations"
    )
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument(
        "--force", action="store_true", help="extract every article again (ignore the cache)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.build import build

    if args.strict and args.no_validate:
        err.print("[red]--strict needs validation; drop --no-validate[/red]")
        return 2
    paths = args.paths or [str(SAMPLE_CORPUS_DIR)]
    if not args.paths:
        err.print(f"no PATH given: building the sample corpus {SAMPLE_CORPUS_DIR}")
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        err.print(f"[red]no such file or directory: {', '.join(missing)}[/red]")
        return 2
    try:
        report = build(
            paths,
            args.out,
            store=args.store,
            validate=not args.no_validate,
            force=args.force,
            log=lambda m: err.print(m),
        )
    except (RuntimeError, ValueError, OSError) as exc:
        err.print(f"[red]build failed: {exc}[/red]")
        return 1
    remember_build(args.out)
    print_summary(report)
    if args.strict and report.validation and not report.validation["conforms"]:
        err.print(f"[red]{report.validation['violations']} SHACL violation(s) (--strict)[/red]")
        return 1
    return 0


def print_summary(report: BuildReport) -> None:
    out.print(
        f"articles read: {report.articles} ({report.extracted} extracted, "
        f"{report.reused} unchanged); graphs written: {report.graphs_written}; "
        f"removed: {report.deleted}"
    )
    if report.skipped:
        out.print(f"skipped: {len(report.skipped)}")
        for path, reason in report.skipped[:20]:
            out.print(f"  {path}: {reason}")
        if len(report.skipped) > 20:
            out.print(f"  ... and {len(report.skipped) - 20} more (see build.json)")
    types = ", ".join(f"{t} {n}" for t, n in report.entities_by_type.items() if n)
    out.print(f"entities: {report.entities} ({types or 'none'})")
    out.print(f"relations: {report.relations}; quotes: {report.quotes}; triples: {report.triples}")
    if report.validation is not None:
        v = report.validation
        out.print(
            "validation: conforms"
            if v["conforms"]
            else f"validation: {v['violations']} violation(s) (`kg validate` for details)"
        )
    out.print(f"time: {report.seconds:.1f} s")
    out.print(f"store: {report.store}")
    for name, path in report.outputs.items():
        out.print(f"{name}: {path}")
