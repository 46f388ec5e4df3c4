"""``kg view``: write an interactive, offline HTML view of the graph (or of one entity's
neighbourhood)."""

from __future__ import annotations

import argparse

from graph.cli._common import add_store_option, err, store_location

ORDER = 75


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "view",
        help="write an interactive HTML view (offline, one file)",
        description="Write one self-contained HTML file (no network needed) showing the "
        "entities and relations, with search, type and relation filters and the evidence "
        "sentences of every relation. --entity shows one entity's neighbourhood.",
    )
    p.add_argument("--entity", "-e", default=None, metavar="NAME", help="centre on this entity")
    p.add_argument("--depth", "-d", type=int, default=1, help="hops around --entity (default 1)")
    p.add_argument(
        "--type",
        "-t",
        action="append",
        default=None,
        dest="types",
        metavar="T",
        help="show only entities of this type (repeatable)",
    )
    p.add_argument(
        "--predicate",
        "-p",
        action="append",
        default=None,
        dest="predicates",
        metavar="P",
        help="show only relations with this predicate (repeatable)",
    )
    p.add_argument(
        "--max-nodes",
        type=int,
        default=None,
        help="keep at most N entities, the most connected (default 5000; 0 = all)",
    )
    p.add_argument(
        "--out", "-o", default=None, help="HTML file (default: graph.html or view-NAME.html)"
    )
    p.add_argument("--title", default=None, help="page title")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from graph.names import slugify
    from graph.network import AmbiguousName, NameNotFound, short_iri
    from graph.store import StoreNotFound, open_store
    from graph.view import MAX_NODES, render_store

    if args.depth < 0:
        err.print("[red]--depth must be 0 or more[/red]")
        return 2
    out = args.out or (f"view-{slugify(args.entity)}.html" if args.entity else "graph.html")
    try:
        store = open_store(store_location(args), read_only=True)
    except StoreNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return 2
    max_nodes = MAX_NODES if args.max_nodes is None else (args.max_nodes or None)
    try:
        report = render_store(
            store,
            out,
            entity=args.entity,
            depth=args.depth,
            types=args.types,
            predicates=args.predicates,
            title=args.title,
            max_nodes=max_nodes,
        )
    except AmbiguousName as exc:
        err.print(f"[red]{escape(repr(exc.name))} names several entities; use one of:[/red]")
        for node, label, etype in exc.candidates:
            err.print(f"  {escape(label)} ({etype}) {short_iri(node)}")
        return 2
    except (NameNotFound, ValueError) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return 2
    except OSError as exc:
        err.print(f"[red]{escape(out)}: cannot write: {escape(exc.strerror or str(exc))}[/red]")
        return 1
    finally:
        store.close()
    left_out = f", {report.omitted_nodes} left out" if report.omitted_nodes else ""
    err.print(
        f"{report.nodes} entities, {report.edges} relations{left_out} -> {report.path} "
        f"({report.bytes / 1e6:.1f} MB, {report.seconds:.1f} s)"
    )
    print(report.path)
    return 0
