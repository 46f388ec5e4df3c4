"""``kg export``: the whole graph as Turtle, TriG, N-Quads or JSON-LD, deterministically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli._common import add_store_option, err

ORDER = 60


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="export the graph (ttl, trig, nq, jsonld)",
        description="Write every quad of the store in sorted order, so the same graph always "
        "gives the same bytes. Turtle holds the union of all named graphs.",
    )
    p.add_argument("--format", "-f", choices=("ttl", "trig", "nq", "jsonld"), default="trig")
    p.add_argument("--out", "-o", type=Path, default=None, help="output file (default: stdout)")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.cli.query import checked_open
    from graph.store import open_store
    from graph.store.export import export

    store = checked_open(args, lambda loc: open_store(loc, read_only=True))
    if store is None:
        return 2
    if args.out is None:
        export(store, args.format, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        export(store, args.format, args.out)
        err.print(f"wrote {args.out}")
    return 0
