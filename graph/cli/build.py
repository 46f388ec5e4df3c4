"""``kg build``: read a corpus, extract, resolve entities, write the RDF store and outputs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

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
        "--validate",
        choices=("auto", "full", "sample"),
        default=None,
        help="what SHACL validates: the whole store (full), a fixed sample of article graphs "
        "with the entities they use (sample), or auto: full up to 150,000 triples, else a "
        "sample (default; --strict means full)",
    )
    p.add_argument(
        "--force", action="store_true", help="extract every article again (ignore the cache)"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="extraction processes (default: all cores); with --dask local, Dask workers",
    )
    p.add_argument(
        "--dask",
        default=None,
        metavar="local|tcp://HOST:PORT",
        help="extract on a Dask cluster: 'local' starts one on this machine, an address joins "
        "a running scheduler (needs pip install 'migrasi-kg[dask]'; workers need this package)",
    )
    p.add_argument(
        "--no-export",
        action="store_true",
        help="do not write OUT/graph.trig and OUT/graph.ttl (`kg export` writes them later)",
    )
    p.add_argument("--no-view", action="store_true", help="do not write OUT/graph.html")
    p.add_argument(
        "--no-dedup",
        action="store_true",
        help="keep syndicated copies (near-identical stories of several outlets) as separate "
        "articles instead of one article with every URL",
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
        err.print(f"[red]no such file or directory: {escape(', '.join(missing))}[/red]")
        return 2
    if args.workers is not None and args.workers < 1:
        err.print("[red]--workers must be at least 1[/red]")
        return 2
    from graph.extract.parallel import default_workers

    try:
        report = build(
            paths,
            args.out,
            store=args.store,
            workers=args.workers or default_workers(),
            dask=args.dask,
            dedup=not args.no_dedup,
            exports=not args.no_export,
            view=not args.no_view,
            validate=False if args.no_validate else (args.validate or _default_mode(args)),
            force=args.force,
            log=lambda m: err.print(escape(m)),
        )
    except (RuntimeError, ValueError, OSError) as exc:
        err.print(f"[red]build failed: {escape(str(exc))}[/red]")
        return 1
    remember_build(args.out)
    print_summary(report)
    if args.strict and report.validation and not report.validation["conforms"]:
        err.print(f"[red]{report.validation['violations']} SHACL violation(s) (--strict)[/red]")
        return 1
    return 0


def _default_mode(args: argparse.Namespace) -> str:
    return "full" if args.strict else "auto"


def print_summary(report: BuildReport) -> None:
    out.print(
        f"articles read: {report.articles} ({report.extracted} extracted, "
        f"{report.reused} unchanged); graphs written: {report.graphs_written}; "
        f"removed: {report.deleted}"
    )
    if report.skipped:
        out.print(f"skipped: {len(report.skipped)}")
        for path, reason in report.skipped[:20]:
            out.print(f"  {escape(path)}: {escape(reason)}")
        if len(report.skipped) > 20:
            out.print(f"  ... and {len(report.skipped) - 20} more (see build.json)")
    types = ", ".join(f"{t} {n}" for t, n in report.entities_by_type.items() if n)
    if report.syndicated:
        n = sum(len(c) for c in report.syndicated.values())
        out.print(
            f"syndicated copies: {n} of {len(report.syndicated)} stories, counted once "
            "(every URL kept)"
        )
    out.print(f"entities: {report.entities} ({types or 'none'})")
    out.print(f"relations: {report.relations}; quotes: {report.quotes}; triples: {report.triples}")
    if report.validation is not None:
        v = report.validation
        scope = (
            f" (sample: {v['graphs_validated']} of {v['graphs_total']} article graphs, "
            f"{v['triples_validated']} triples; --validate full for all)"
            if v.get("mode") == "sample"
            else ""
        )
        out.print(
            f"validation: conforms{scope}"
            if v["conforms"]
            else f"validation: {v['violations']} violation(s){scope} (`kg validate` for details)"
        )
    out.print(f"time: {report.seconds:.1f} s")
    out.print(f"store: {escape(report.store)}")
    for name, path in report.outputs.items():
        out.print(f"{name}: {escape(path)}")
