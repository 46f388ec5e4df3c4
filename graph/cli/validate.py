"""``kg validate``: check a built graph against the SHACL shapes of ``ontology/shapes.ttl``."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path
from typing import Any

from graph.cli._common import add_store_option, err, out, store_location
from graph.defaults import DATA_NS, ONTOLOGY_NS, SHAPES_FILE

ORDER = 40

#: Prefixes used to print IRIs compactly.
PREFIXES = {
    "mo:": ONTOLOGY_NS,
    "mid:": DATA_NS,
    "mos:": "https://w3id.org/migrasi-kg/shapes#",
    "rdf:": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos:": "http://www.w3.org/2004/02/skos/core#",
    "dct:": "http://purl.org/dc/terms/",
    "schema:": "https://schema.org/",
    "org:": "http://www.w3.org/ns/org#",
    "prov:": "http://www.w3.org/ns/prov#",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "validate",
        help="check a built graph against the SHACL shapes",
        description="Validate a build directory, an Oxigraph store or RDF files "
        "(.ttl .trig .nq .nt .jsonld) against ontology/shapes.ttl. All named graphs are "
        "validated together. Exits 1 when there are violations.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="STORE|FILE",
        help="build directory (with graph.trig or a store), RDF file(s), or SPARQL endpoint URL "
        "(default: --store, else the last `kg build --out` directory, else output/)",
    )
    add_store_option(p)
    p.add_argument("--shapes", type=Path, default=SHAPES_FILE, help="SHACL shapes file (Turtle)")
    p.add_argument(
        "--max", type=int, default=50, metavar="N", help="show at most N violations (default 50)"
    )
    p.set_defaults(func=run)


def shorten(iri: str | None) -> str:
    """``mid:kemnaker`` instead of the full IRI; each step of a path ``a/b`` too.

    >>> shorten("https://w3id.org/migrasi-kg/ontology#spokenBy/http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    'mo:spokenBy/rdf:type'
    """
    if not iri:
        return ""
    steps = re.split(r"/(?=https?://)", iri)
    return "/".join(_shorten_one(step) for step in steps)


def _shorten_one(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns) :]
    return iri


def load_inputs(inputs: list[str]) -> Any:
    """An rdflib graph of everything the inputs hold.

    RDF files are parsed directly (format by suffix); build directories, Oxigraph
    stores and endpoint URLs are opened with ``graph.store.open_store`` and read
    with one CONSTRUCT over the union of their graphs.
    """
    import rdflib

    from graph.validate import RDF_FORMATS, load_files

    files: list[Path] = []
    graph = rdflib.Graph()
    for item in inputs:
        path = Path(item)
        if path.is_file():
            files.append(path)
        elif path.is_dir() or item.startswith(("http://", "https://")):
            graph += _from_store(item)
        elif path.suffix.lower() in RDF_FORMATS:
            raise ValueError(f"{item}: no such file")
        else:
            raise ValueError(
                f"{item}: no such file or directory (give RDF files, a build directory, "
                "an Oxigraph store or an endpoint URL; `kg build --out DIR` makes one)"
            )
    if files:
        graph += load_files(files)
    return graph


def _from_store(location: str) -> Any:
    import rdflib

    from graph.store import StoreNotFound, open_store

    try:
        store = open_store(location, read_only=True)
    except StoreNotFound as exc:
        raise ValueError(str(exc)) from None
    try:
        g = rdflib.Graph()
        for triple in store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
            g.add(triple)
        return g
    finally:
        store.close()


def _label(graph: Any, iri: str) -> str:
    """Rich markup: the node's prefLabel over its short IRI."""
    import rdflib
    from rdflib.namespace import SKOS
    from rich.markup import escape

    if not iri.startswith(("http://", "https://")):
        return escape(iri)
    label = graph.value(rdflib.URIRef(iri), SKOS.prefLabel)
    short = escape(shorten(iri))
    return f"{escape(str(label))}\n[dim]{short}[/dim]" if label else short


def run(args: argparse.Namespace) -> int:
    from rich.markup import escape
    from rich.table import Table

    from graph.validate import validate

    inputs = list(args.inputs) or [store_location(args)]
    try:
        graph = load_inputs(inputs)
    except (ValueError, OSError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        return 2
    if not args.shapes.is_file():
        err.print(f"[red]error:[/red] {args.shapes}: shapes file not found")
        return 2
    report = validate(graph, shapes=args.shapes)
    where = ", ".join(inputs)
    if report.conforms:
        err.print(
            f"[green]conforms[/green]: {report.triples} triples of {escape(where)} "
            f"satisfy {args.shapes.name}"
        )
        return 0

    table = Table(title=f"SHACL results for {escape(where)}", show_lines=True)
    table.add_column("focus node")
    table.add_column("property")
    table.add_column("message")
    table.add_column("value")
    for v in report.violations[: max(args.max, 0)]:
        sev = "" if v.severity == "Violation" else f"[yellow]{v.severity}:[/yellow] "
        table.add_row(
            _label(graph, v.focus),
            escape(shorten(v.path)),
            sev + escape(v.message),
            escape(shorten(v.value) if v.value else ""),
        )
    out.print(table)
    hidden = len(report.violations) - max(args.max, 0)
    if hidden > 0:
        err.print(f"... and {hidden} more (use --max)")
    by_shape = Counter(shorten(v.shape) or "?" for v in report.violations)
    summary = ", ".join(f"{shape} {n}" for shape, n in by_shape.most_common())
    severe = sum(v.severity == "Violation" for v in report.violations)
    err.print(
        f"[red]does not conform[/red]: {severe} violation(s), "
        f"{len(report.violations) - severe} warning(s) in {report.triples} triples ({summary})"
    )
    return 1
