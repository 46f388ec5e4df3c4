"""``kg search``: find entities (any label or alias), evidence sentences and quotes."""

from __future__ import annotations

import argparse
import json

from rich.markup import escape

from graph.cli._common import add_store_option, err, out

ORDER = 55


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search",
        help="full-text search of entities, evidence sentences and quotes",
        description="Accent- and case-insensitive prefix search over every entity label and "
        "alias, every evidence sentence and every quote, ranked (exact names first).",
    )
    p.add_argument("text", nargs="+", help="words to look for (prefixes match)")
    p.add_argument(
        "--type",
        "-t",
        default=None,
        metavar="T",
        help="only entities of this type (Person, GovernmentBody, ...)",
    )
    p.add_argument(
        "--kind",
        "-k",
        action="append",
        choices=("entity", "evidence", "quote", "article"),
        help="only these kinds of hits (repeatable)",
    )
    p.add_argument("--limit", "-n", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print hits as JSON lines")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.cli.query import checked_open
    from graph.search import open_index

    idx = checked_open(args, open_index)
    if idx is None:
        return 2
    try:
        hits = idx.search(" ".join(args.text), type=args.type, kinds=args.kind, limit=args.limit)
    finally:
        idx.close()
    if args.json:
        for h in hits:
            print(json.dumps(h.to_json(), ensure_ascii=False))
        return 0
    for h in hits:
        if h.kind == "entity":
            alts = ", ".join(a for a in h.text.split("\n") if a)
            out.print(
                f"[bold]{escape(h.label)}[/bold] ({h.type}) {escape(h.iri)}"
                + (f"\n    also: {escape(alts)}" if alts else "")
            )
        elif h.kind == "evidence":
            stated = "; ".join(h.extra.get("statements", []))
            out.print(
                f"[cyan]evidence[/cyan] {escape(h.graph)}\n    {escape(h.text)}"
                + (f"\n    -> {escape(stated)}" if stated else "")
            )
        elif h.kind == "quote":
            out.print(
                f"[green]quote[/green] {escape(h.label)}: \u201c{escape(h.text)}\u201d  "
                f"({escape(h.graph)})"
            )
        else:
            out.print(f"[magenta]article[/magenta] {escape(h.label)} {escape(h.iri)}")
    err.print(f"{len(hits)} hit(s)")
    return 0
