"""``kg network``: graph analysis of the store (NetworkX): stats, centrality, paths,
communities, exports."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from graph.cli._common import add_store_option, err, out, store_location

if TYPE_CHECKING:
    import networkx as nx

ORDER = 70


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "network",
        help="network analysis: stats, central entities, paths, communities, export",
        description="Project the knowledge graph onto a NetworkX graph (entities as nodes, "
        "relations with their evidence as edges) and analyse it.",
    )
    sub = p.add_subparsers(dest="network_command", metavar="SUBCOMMAND")

    def add(name: str, help_: str, func) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument(
            "--only-type",
            action="append",
            default=None,
            metavar="T",
            dest="only_types",
            help="project only entities of this type (repeatable)",
        )
        sp.add_argument(
            "--predicate",
            action="append",
            default=None,
            metavar="P",
            dest="predicates",
            help="project only relations with this predicate (repeatable)",
        )
        add_store_option(sp)
        sp.set_defaults(func=func)
        return sp

    add("stats", "size of the graph: entities and relations per type, components", run_stats)
    sp = add(
        "central", "most central entities (degree, betweenness, eigenvector, pagerank)", run_central
    )
    sp.add_argument(
        "--type", "-t", default=None, metavar="T", help="rank only entities of this type"
    )
    sp.add_argument(
        "--measure",
        "-m",
        default="degree",
        choices=("degree", "betweenness", "eigenvector", "pagerank"),
    )
    sp.add_argument("--top", "-n", type=int, default=10)
    sp = add("path", "shortest chain of relations between two entities, with evidence", run_path)
    sp.add_argument("a", metavar="NAME_A", help="name, alias or IRI of an entity")
    sp.add_argument("b", metavar="NAME_B", help="name, alias or IRI of an entity")
    sp = add("communities", "communities (Louvain, fixed seed) and their members", run_communities)
    sp.add_argument("--seed", type=int, default=42)
    sp.add_argument("--resolution", type=float, default=1.0)
    sp.add_argument("--members", type=int, default=8, help="members listed per community")
    sp = add("export", "write the graph as GraphML, GEXF or CSV", run_export)
    sp.add_argument("--format", "-f", choices=("graphml", "gexf", "csv"), default="graphml")
    sp.add_argument("--out", "-o", required=True, help="output file (csv: a directory)")
    sp.add_argument("--collapse", action="store_true", help="one weighted edge per entity pair")
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])


def _project(args: argparse.Namespace) -> nx.MultiDiGraph | None:
    """Open the store and project it, or None after saying why not."""
    from rich.markup import escape

    from graph.cli.query import type_problem
    from graph.network import project
    from graph.store import StoreNotFound, open_store

    if (problem := type_problem(getattr(args, "type", None))) is not None:
        err.print(f"[red]{escape(problem)}[/red]")
        return None
    try:
        store = open_store(store_location(args), read_only=True)
    except StoreNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return None
    try:
        return project(store, types=args.only_types, predicates=args.predicates)
    except ValueError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return None
    finally:
        store.close()


def _row(table, *cells: object) -> None:
    """Add a row of plain text: entity names come from articles and may hold
    rich markup such as ``[bold]``."""
    from rich.markup import escape

    table.add_row(*(escape(str(c)) for c in cells))


def _table(title: str, columns: list[str]):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(
            c, overflow="fold", justify="right" if c in ("#", "score", "n") else "left"
        )
    return table


def run_stats(args: argparse.Namespace) -> int:
    from graph.network import stats

    G = _project(args)
    if G is None:
        return 2
    s = stats(G)
    t = _table("Graph", ["measure", "value"])
    for name, value in (
        ("entities", s.nodes),
        ("relations (entity, predicate, entity)", s.edges),
        ("connected entity pairs", s.pairs),
        ("relations with evidence", s.edges_with_evidence),
        ("components", s.components),
        ("largest component", s.largest_component),
        ("isolated entities", s.isolated),
        ("density", f"{s.density:.4f}"),
    ):
        _row(t, name, str(value))
    out.print(t)
    for title, column, counts in (
        ("Entities per type", "type", s.types),
        ("Relations per predicate", "predicate", s.predicates),
    ):
        t = _table(title, [column, "n"])
        for k, v in counts.items():
            _row(t, k, v)
        out.print(t)
    return 0


def run_central(args: argparse.Namespace) -> int:
    from graph.network import centrality, short_iri

    G = _project(args)
    if G is None:
        return 2
    scores = centrality(G, args.measure, type=args.type, top=args.top)
    title = f"{args.measure} centrality" + (f" of {args.type}" if args.type else "")
    t = _table(title, ["#", "entity", "type", "score", "articles", "IRI"])
    for i, (node, score) in enumerate(scores.items(), 1):
        d = G.nodes[node]
        _row(t, i, d["label"], d["type"], f"{score:.4f}", d.get("articles", 0), short_iri(node))
    out.print(t)
    err.print(f"{len(scores)} of {G.number_of_nodes()} entities")
    return 0


def run_path(args: argparse.Namespace) -> int:
    import networkx as nx
    from rich.markup import escape

    from graph.network import AmbiguousName, NameNotFound, short_iri, shortest_path

    G = _project(args)
    if G is None:
        return 2
    try:
        hops = shortest_path(G, args.a, args.b)
    except AmbiguousName as exc:
        err.print(
            f"[red]{exc.name!r} names several entities; give one of these (label or IRI):[/red]"
        )
        t = _table("Candidates", ["entity", "type", "IRI"])
        for node, label, etype in exc.candidates:
            _row(t, label, etype, short_iri(node))
        err.print(t)
        return 2
    except NameNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return 2
    except nx.NetworkXNoPath:
        names = f"{escape(repr(args.a))} and {escape(repr(args.b))}"
        err.print(f"[yellow]no chain of relations links {names}[/yellow]")
        return 1
    if not hops:
        err.print("both names are the same entity")
        return 0
    for i, h in enumerate(hops, 1):
        arrow = f"-[{h.predicate}]->" if h.forward else f"<-[{h.predicate}]-"
        role = f" ({h.label})" if h.label else ""
        src, dst = escape(h.source_label), escape(h.target_label)
        line = f"[bold]{i}. {src}[/bold] {escape(arrow + role)} [bold]{dst}[/bold]"
        out.print(f"{line}  ({h.articles} article(s))")
        for ev in h.evidence[:3]:
            src = ", ".join(x for x in (ev.get("title"), ev.get("date"), ev.get("url")) if x)
            out.print(f"     “{ev.get('sentence', '')}”", markup=False)
            if src:
                out.print(f"       — {src}", markup=False, style="dim")
        if len(h.evidence) > 3:
            out.print(f"     … {len(h.evidence) - 3} more sentence(s)", style="dim")
    return 0


def run_communities(args: argparse.Namespace) -> int:
    from graph.network import centrality, communities

    G = _project(args)
    if G is None:
        return 2
    parts = communities(G, seed=args.seed, resolution=args.resolution)
    degree = centrality(G, "degree")
    t = _table(
        f"{len(parts)} communities (Louvain, seed {args.seed})",
        ["#", "n", "types", "members (most connected first)"],
    )
    for i, comm in enumerate(parts, 1):
        members = sorted(comm, key=lambda n: (-degree.get(n, 0), G.nodes[n]["label"]))
        types: dict[str, int] = {}
        for n in comm:
            types[G.nodes[n]["type"]] = types.get(G.nodes[n]["type"], 0) + 1
        shown = ", ".join(G.nodes[n]["label"] for n in members[: args.members])
        more = f" … +{len(members) - args.members}" if len(members) > args.members else ""
        _row(
            t,
            str(i),
            str(len(comm)),
            ", ".join(f"{k} {v}" for k, v in sorted(types.items(), key=lambda x: -x[1])),
            shown + more,
        )
    out.print(t)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from graph.network import collapse, write_csv, write_gexf, write_graphml

    G = _project(args)
    if G is None:
        return 2
    graph = collapse(G) if args.collapse else G
    try:
        if args.format == "csv":
            paths = write_csv(graph, args.out)
        elif args.format == "gexf":
            paths = (write_gexf(graph, args.out),)
        else:
            paths = (write_graphml(graph, args.out),)
    except OSError as exc:
        err.print(f"[red]{args.out}: cannot write: {exc.strerror or exc}[/red]")
        return 1
    err.print(
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations -> "
        + ", ".join(map(str, paths))
    )
    return 0
