"""The interface every store implements, and the plain values queries return.

Implementations: embedded Oxigraph (default), rdflib in memory, and any
SPARQL 1.1 endpoint over HTTP. Callers see only this module's types: rows of
plain Python values, with IRIs as ``IRI`` (a ``str``) so a projection can tell
a node from a label without importing rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


class IRI(str):
    """An IRI in a query result (a plain ``str`` otherwise)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{self!s}>"


class BNode(str):
    """A blank node label in a query result."""

    __slots__ = ()


#: A value bound into a query: IRI, str (plain literal), int, float, bool, or ISO date str.
Value = Any


@dataclass(slots=True)
class QueryResult:
    """SELECT results (``columns`` + ``rows``) or an ASK boolean."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Value, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def __iter__(self) -> Iterator[dict[str, Value]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def __len__(self) -> int:
        return len(self.rows)


@runtime_checkable
class Store(Protocol):
    """A quad store holding one named graph per article plus shared graphs."""

    location: str

    def query(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> QueryResult:
        """Run a SELECT/ASK over the union of all graphs; ``bindings`` are bound, never pasted."""
        ...

    def construct(self, sparql: str, bindings: Mapping[str, Value] | None = None) -> Iterable[Any]:
        """Run a CONSTRUCT/DESCRIBE; yields rdflib triples."""
        ...

    def replace_graphs(
        self, graphs: Mapping[str, Iterable[Any]], remove: Iterable[str] = ()
    ) -> None:
        """Atomically replace named graphs (IRI -> rdflib triples) and drop others."""
        ...

    def graphs(self) -> list[str]: ...

    def close(self) -> None: ...
