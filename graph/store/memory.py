"""An in-memory store on an rdflib ``Dataset`` (``--store memory``, RDF files, tests).

The default graph of a query is the union of all graphs, as in the Oxigraph
store, and values are bound with ``initBindings``.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.store.base import QueryResult, Value
from graph.store.sparql import bind_values, is_multi, with_prologue
from graph.store.terms import to_ox, value_of_rdflib, value_to_rdflib

#: File suffix -> rdflib parser name, for RDF files opened as a store.
RDF_FILE_FORMATS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".ttl": "turtle",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}


class MemoryStore:
    """rdflib Dataset; optionally loaded from an RDF file (then read-only by intent)."""

    def __init__(self, source: str | Path | None = None) -> None:
        self.ds = Dataset(default_union=True)
        self._lock = threading.Lock()
        self.location = "memory" if source is None else str(source)
        if source is not None:
            path = Path(source)
            fmt = RDF_FILE_FORMATS.get(path.suffix.lower())
            if fmt is None:
                raise ValueError(
                    f"{path}: unknown RDF file type (use {', '.join(RDF_FILE_FORMATS)})"
                )
            with warnings.catch_warnings():  # rdflib's parsers use its deprecated API
                warnings.simplefilter("ignore", DeprecationWarning)
                self.ds.parse(str(path), format=fmt)

    def __repr__(self) -> str:
        return f"MemoryStore({self.location!r})"

    def _run(self, sparql: str, bindings: Mapping[str, Value] | None) -> Any:
        text = with_prologue(sparql)
        if bindings and any(is_multi(v) for v in bindings.values()):
            text, bindings = bind_values(text, bindings), None  # several values: a VALUES block
        init = {k: value_to_rdflib(v) for k, v in (bindings or {}).items()}
        with warnings.catch_warnings():  # rdflib 7 warns about its own default_context use
            warnings.simplefilter("ignore", DeprecationWarning)
            res = self.ds.query(text, initBindings=init or None)
            if res.type == "SELECT":
                res.bindings  # evaluate inside the filter  # noqa: B018
            return res

    def query(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> QueryResult:
        res = self._run(sparql, bindings)
        if res.type == "ASK":
            return QueryResult(boolean=bool(res.askAnswer))
        if res.type != "SELECT":
            raise TypeError("CONSTRUCT/DESCRIBE query: use construct()")
        cols = [str(v) for v in res.vars or []]
        rows = [tuple(value_of_rdflib(row[i]) for i in range(len(cols))) for row in res]
        return QueryResult(columns=cols, rows=rows)

    def construct(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> Iterator[Any]:
        res = self._run(sparql, bindings)
        if res.type not in ("CONSTRUCT", "DESCRIBE"):
            raise TypeError("not a CONSTRUCT/DESCRIBE query: use query()")
        yield from res

    def graphs(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self.ds.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID
            and isinstance(g.identifier, URIRef)
            and len(g)
        )

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        for s, p, o, g in self.ds.quads((None, None, None, URIRef(graph) if graph else None)):
            gid = g.identifier if hasattr(g, "identifier") else g
            gname = (
                ox.DefaultGraph()
                if gid is None or gid == DATASET_DEFAULT_GRAPH_ID
                else ox.NamedNode(str(gid))
            )
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), gname)

    def __len__(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def replace_graphs(
        self, graphs: Mapping[str, Iterable[Any]], remove: Iterable[str] = ()
    ) -> None:
        staged = {g: list(triples) for g, triples in graphs.items()}  # fail before touching
        with self._lock:
            for g in sorted(set(staged) | set(remove)):
                self.ds.remove_graph(URIRef(g))
            for g, triples in staged.items():
                ctx = self.ds.graph(URIRef(g))
                ctx.addN((s, p, o, ctx) for s, p, o in triples)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass
