"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The shapes describe the union of all named graphs (entity descriptions sit in
``mid:graph/entities``, edges in the article graphs), while pySHACL validates
each named graph of a Dataset on its own; so everything is merged into one
plain graph first. No inference and no ontology graph are needed (the shapes
list concrete classes), which keeps pySHACL on its fast path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.defaults import SHAPES_FILE

if TYPE_CHECKING:
    import rdflib

#: File suffix -> rdflib parser format.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, as strings (IRIs, or the literal's lexical form)."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation" | "Warning" | "Info"
    shape: str | None  # the named shape the failing constraint belongs to
    value: str | None = None


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0  # size of the validated (merged) graph

    def __bool__(self) -> bool:
        return self.conforms


# --------------------------------------------------------------------------- loading


def union_graph(data: rdflib.Graph | rdflib.Dataset | Iterable[Any]) -> rdflib.Graph:
    """One plain graph holding every triple of every named graph of ``data``."""
    import rdflib

    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        g = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    if isinstance(data, rdflib.Graph):
        return data
    g = rdflib.Graph()
    for t in data:
        g.add(t[:3])
    return g


def load_files(paths: Iterable[Path | str]) -> rdflib.Graph:
    """Parse RDF files (format by suffix) into one union graph.

    Raises ``ValueError`` naming the file for an unknown suffix or a parse error.
    """
    import rdflib

    ds = rdflib.Dataset()
    for p in map(Path, paths):
        fmt = RDF_FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise ValueError(
                f"{p}: unknown RDF file type (use one of {', '.join(sorted(RDF_FORMATS))})"
            )
        try:
            if fmt in QUAD_FORMATS:
                ds.parse(p, format=fmt)
            else:
                ds.graph(rdflib.URIRef(p.resolve().as_uri())).parse(p, format=fmt)
        except Exception as exc:  # rdflib raises many types; the user needs file + reason
            raise ValueError(f"{p}: cannot parse as {fmt}: {exc}") from exc
    return union_graph(ds)


# --------------------------------------------------------------------------- validating


def _shapes_graph(shapes: Path | str | rdflib.Graph) -> rdflib.Graph:
    import rdflib

    if isinstance(shapes, rdflib.Graph):
        return shapes
    return _parse_shapes(str(Path(shapes).resolve()), Path(shapes).stat().st_mtime_ns)


_SHAPES_CACHE: dict[tuple[str, int], Any] = {}


def _parse_shapes(path: str, mtime: int) -> rdflib.Graph:
    import rdflib

    key = (path, mtime)
    if key not in _SHAPES_CACHE:
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        _SHAPES_CACHE[key] = g
    return _SHAPES_CACHE[key]


def validate(
    data: rdflib.Graph | rdflib.Dataset,
    *,
    shapes: Path | str | rdflib.Graph = SHAPES_FILE,
) -> ValidationReport:
    """Validate the union of ``data``'s graphs; every result becomes a ``Violation``."""
    from pyshacl import validate as shacl_validate

    graph = union_graph(data)
    shapes_graph = _shapes_graph(shapes)
    conforms, results, _text = shacl_validate(
        graph,
        shacl_graph=shapes_graph,
        inference="none",
        advanced=False,  # no SHACL-AF rules or SPARQL targets: plain SHACL Core is faster
        allow_warnings=True,
        inplace=True,  # inference is off, so nothing is written into the data graph
    )
    violations = _violations(results, shapes_graph)
    return ValidationReport(bool(conforms), violations, len(graph))


def validate_store(
    store: Any, *, shapes: Path | str | rdflib.Graph = SHAPES_FILE
) -> ValidationReport:
    """Validate everything a ``graph.store`` Store holds (the union of its graphs)."""
    import rdflib

    g = rdflib.Graph()
    for triple in store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        g.add(triple)
    return validate(g, shapes=shapes)


def _violations(results: rdflib.Graph, shapes: rdflib.Graph) -> list[Violation]:
    from rdflib import BNode, Literal
    from rdflib.namespace import RDF, SH

    owner: dict[Any, Any] = {}  # property-shape node -> the named node shape holding it
    for node_shape, prop in shapes.subject_objects(SH.property):
        owner[prop] = node_shape

    def text(node: Any) -> str | None:
        if node is None:
            return None
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            return _path_text(results, node) or f"_:{node}"
        return str(node)

    def shape_name(node: Any) -> str | None:
        seen = set()
        while isinstance(node, BNode) and node in owner and node not in seen:
            seen.add(node)
            node = owner[node]
        return None if node is None or isinstance(node, BNode) else str(node)

    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, r) in results:
            continue  # pySHACL's nested explanation of an sh:node / sh:or failure
        severity = results.value(r, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        source = results.value(r, SH.sourceShape)
        out.append(
            Violation(
                focus=text(results.value(r, SH.focusNode)) or "",
                path=text(results.value(r, SH.resultPath)),
                message="; ".join(messages) or "constraint violated",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                shape=shape_name(source),
                value=text(results.value(r, SH.value)),
            )
        )
    out.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    return out


def _path_text(g: rdflib.Graph, node: Any) -> str | None:
    """A SHACL property path written out (only the simple forms the shapes use)."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    try:
        items = list(Collection(g, node))
    except Exception:
        return None
    return "/".join(str(i) for i in items) or None


# --------------------------------------------------------------------------- part of a store


def validate_graphs(
    store: Any,
    graphs: Iterable[str],
    *,
    shapes: Path | str | rdflib.Graph = SHAPES_FILE,
    hops: int = 4,
) -> ValidationReport:
    """Validate some named graphs of ``store`` with the entity descriptions they use.

    A bounded check for stores too big to validate whole (``kg build`` validates a
    sample of article graphs there): the union of ``graphs`` plus, from
    ``mid:graph/entities``, the description of every IRI they mention and, up to
    ``hops`` steps on, of the IRIs those descriptions point to (parents, countries).
    Every constraint on those nodes is checked as in a full validation, except counts
    that span articles outside the selection.
    """
    import rdflib

    from graph.rdf.vocab import ENTITIES_GRAPH
    from graph.store.base import IRI

    g = rdflib.Graph()
    by_graph = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
    for name in graphs:
        for t in store.construct(by_graph, {"g": IRI(name)}):
            g.add(t)
    described: set[str] = set()
    about = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}"
    frontier = {str(n) for t in g for n in (t[0], t[2]) if isinstance(n, rdflib.URIRef)}
    for _ in range(hops):
        todo = sorted(frontier - described)
        if not todo:
            break
        frontier = set()
        for iri in todo:
            described.add(iri)
            for t in store.construct(about, {"s": IRI(iri)}):
                g.add(t)
                if isinstance(t[2], rdflib.URIRef):
                    frontier.add(str(t[2]))
    return validate(g, shapes=shapes)
