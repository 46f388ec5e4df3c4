"""Any SPARQL 1.1 endpoint over HTTP (stdlib ``urllib``; no extra dependency).

Reads use the SPARQL 1.1 Protocol (POST, results as JSON or N-Triples). Writes
are ONE plain SPARQL 1.1 Update per call (``DROP SILENT GRAPH``s plus one
``INSERT DATA`` with ``GRAPH`` blocks), which a transactional server such as
Oxigraph applies atomically. (rdflib's Dataset over SPARQLUpdateStore is not
used: it sends invalid updates for named graphs.)

Values are bound by a ``VALUES`` block of validated, escaped terms
(``graph.store.sparql.bind_values``). The union of the named graphs is asked
for with Oxigraph's ``union-default-graph`` parameter; a server that rejects
that parameter is asked again without it (configure its union default graph
server-side, e.g. Fuseki's ``tdb2:unionDefaultGraph``).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from graph.store.base import IRI, BNode, QueryResult, Value
from graph.store.oxigraph import update_text
from graph.store.sparql import bind_values, query_form, with_prologue
from graph.store.terms import from_ox, literal_value


class EndpointError(RuntimeError):
    """The endpoint answered with an error (message includes status and body)."""


def endpoint_urls(url: str) -> tuple[str, str]:
    """(query URL, update URL) for a base or query URL.

    ``http://h:7878`` (an Oxigraph server root) -> ``/query`` and ``/update``;
    ``.../query`` -> sibling ``.../update``; any other path serves both.
    """
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path == "":
        q, u = "/query", "/update"
    elif path.endswith("/query"):
        q, u = path, path[: -len("query")] + "update"
    else:
        q = u = path
    return (
        urllib.parse.urlunsplit((parts.scheme, parts.netloc, q, parts.query, "")),
        urllib.parse.urlunsplit((parts.scheme, parts.netloc, u, parts.query, "")),
    )


class EndpointStore:
    """A remote SPARQL endpoint behind the ``Store`` protocol."""

    def __init__(self, url: str, *, update_url: str | None = None, timeout: float = 120.0) -> None:
        self.location = url
        self.query_url, default_update = endpoint_urls(url)
        self.update_url = update_url or default_update
        self.timeout = timeout
        self._union_param = True

    def __repr__(self) -> str:
        return f"EndpointStore({self.location!r})"

    # ------------------------------------------------------------------ HTTP

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise EndpointError(f"{url}: HTTP {exc.code}: {detail}") from None
        except urllib.error.URLError as exc:
            raise EndpointError(f"{url}: {exc.reason}") from None

    def _ask(self, sparql: str, accept: str) -> bytes:
        text = with_prologue(sparql)
        if self._union_param:
            url = self.query_url + ("&" if "?" in self.query_url else "?") + "union-default-graph"
            try:
                return self._post(url, text, "application/sparql-query", accept)
            except EndpointError as exc:
                if "HTTP 400" not in str(exc) or "union" not in str(exc).lower():
                    raise
                self._union_param = False
        return self._post(self.query_url, text, "application/sparql-query", accept)

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> QueryResult:
        if query_form(sparql) in ("CONSTRUCT", "DESCRIBE"):
            raise TypeError("CONSTRUCT/DESCRIBE query: use construct()")
        raw = self._ask(bind_values(sparql, bindings), "application/sparql-results+json")
        return parse_results_json(raw)

    def construct(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> Iterator[Any]:
        raw = self._ask(bind_values(sparql, bindings), "application/n-triples")
        for t in ox.parse(raw, ox.RdfFormat.N_TRIPLES):
            yield (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))

    def graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(str(g) for (g,) in res.rows if isinstance(g, IRI))

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (of one graph, when given)."""
        q = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        raw = self._ask(
            bind_values(q, {"g": IRI(graph)} if graph else None), "application/sparql-results+json"
        )
        data = json.loads(raw)
        for b in data["results"]["bindings"]:
            yield ox.Quad(_ox_term(b["s"]), _ox_term(b["p"]), _ox_term(b["o"]), _ox_term(b["g"]))

    def __len__(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0][0]) if res.rows else 0

    # ------------------------------------------------------------------ writing

    def replace_graphs(
        self, graphs: Mapping[str, Iterable[Any]], remove: Iterable[str] = ()
    ) -> None:
        drop = sorted(set(graphs) | set(remove))
        if not drop:
            return
        self._post(self.update_url, update_text(graphs, drop), "application/sparql-update")

    def update(self, sparql_update: str) -> None:
        """Send one SPARQL Update as is (used by tests and maintenance)."""
        self._post(self.update_url, with_prologue(sparql_update), "application/sparql-update")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def _value(b: Mapping[str, Any]) -> Any:
    kind = b.get("type")
    if kind == "uri":
        return IRI(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    return literal_value(b["value"], b.get("datatype"), b.get("xml:lang"))


def _ox_term(b: Mapping[str, Any]) -> Any:
    kind = b.get("type")
    if kind == "uri":
        return ox.NamedNode(b["value"])
    if kind == "bnode":
        return ox.BlankNode(b["value"])
    if b.get("xml:lang"):
        return ox.Literal(b["value"], language=b["xml:lang"])
    if b.get("datatype"):
        return ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]))
    return ox.Literal(b["value"])


def parse_results_json(raw: bytes) -> QueryResult:
    """SPARQL 1.1 Query Results JSON -> ``QueryResult`` of plain values."""
    data = json.loads(raw)
    if "boolean" in data:
        return QueryResult(boolean=bool(data["boolean"]))
    cols = list(data.get("head", {}).get("vars", []))
    rows = [
        tuple(_value(b[c]) if c in b else None for c in cols)
        for b in data.get("results", {}).get("bindings", [])
    ]
    return QueryResult(columns=cols, rows=rows)
