"""Deterministic exports of a store: sorted N-Quads, TriG, Turtle (union), JSON-LD.

Every format is written from the quads in sorted order through Oxigraph's
serialisers, so the same graph gives byte-identical files from any store and
on every run (two builds of one corpus export the same bytes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graph.rdf.vocab import PREFIXES
from graph.store.terms import nquad_line

FORMATS: dict[str, ox.RdfFormat] = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {"nq": ".nq", "trig": ".trig", "ttl": ".ttl", "jsonld": ".jsonld"}


def store_quads(store: Any) -> Iterator[ox.Quad]:
    """The quads of any store of this package (all implement ``quads()``)."""
    quads = getattr(store, "quads", None)
    if quads is None:
        raise TypeError(f"{store!r} cannot list its quads")
    yield from quads()


def sorted_nquads(store: Any) -> list[str]:
    """Every quad as one canonical N-Quads line, sorted: the comparison form of a graph."""
    return sorted({nquad_line(q) for q in store_quads(store)})


def _row(q: ox.Quad) -> tuple[str, str]:
    return (str(q.graph_name), nquad_line(q))


def _triple_line(graph: str, line: str) -> str:
    """The N-Triples line of an N-Quads line (``<s> <p> o <g> .`` -> ``<s> <p> o .``)."""
    if graph.startswith("<"):  # a named graph ends the line: "... <g> ."
        return line[: -(len(graph) + 3)] + " ."
    return line  # default graph: already a triple


class _Snapshot:
    """The quads of a store read ONCE (a full scan is the slow part), for several formats."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.keyed = sorted({_row(q) for q in quads})

    @classmethod
    def of(cls, store: Any) -> _Snapshot:
        return cls(store_quads(store))

    @classmethod
    def updated(
        cls, previous: Path, store: Any, changed: Iterable[str], removed: Iterable[str]
    ) -> _Snapshot:
        """A previous TriG export of this store with the ``changed`` graphs read again from
        the store and the ``removed`` ones dropped: no full scan of the store."""
        touched = {f"<{g}>" for g in (*changed, *removed)}
        kept = (
            q
            for q in ox.parse(path=str(previous), format=ox.RdfFormat.TRIG)
            if str(q.graph_name) not in touched
        )
        fresh = (q for g in sorted(set(changed)) for q in store.quads(g))
        return cls(chain(kept, fresh))

    def nquads(self) -> bytes:
        return "".join(line + "\n" for line in sorted(line for _, line in self.keyed)).encode()

    def items(self, fmt: str) -> Iterable[Any]:
        if fmt == "ttl":  # the union: every triple once
            text = "\n".join(sorted({_triple_line(g, line) for g, line in self.keyed}))
            return ox.parse(text, ox.RdfFormat.N_TRIPLES)
        return ox.parse("\n".join(r[1] for r in self.keyed), ox.RdfFormat.N_QUADS)


def export(store: Any, fmt: str, out: str | Path | IO[bytes] | None = None) -> bytes | None:
    """Write ``store`` as ``fmt`` (nq, trig, ttl, jsonld) to ``out`` (path, binary file, or
    returned bytes when None). Turtle holds the union of all graphs."""
    return export_many(store, {fmt: out}).get(fmt)


def export_many(
    store: Any,
    targets: dict[str, str | Path | IO[bytes] | None],
    *,
    previous: Path | None = None,
    changed: Iterable[str] = (),
    removed: Iterable[str] = (),
) -> dict[str, bytes]:
    """Several formats from one read of the store; returns the bytes of targets that are None.

    With ``previous`` (a TriG export of the store before ``changed`` graphs were rewritten
    and ``removed`` ones dropped), only those graphs are read from the store.
    """
    for fmt in targets:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if previous is not None:
        snap = _Snapshot.updated(previous, store, changed, removed)
    else:
        snap = _Snapshot.of(store)
    returned: dict[str, bytes] = {}
    for fmt, out in targets.items():
        if fmt == "nq":
            data = snap.nquads()
        else:
            prefixes = PREFIXES if fmt != "jsonld" else None
            data = ox.serialize(snap.items(fmt), None, FORMATS[fmt], prefixes=prefixes)
        if out is None:
            returned[fmt] = data
        else:
            _emit(data, out)
    return returned


def _emit(data: bytes, out: str | Path | IO[bytes] | None) -> bytes | None:
    if out is None:
        return data
    if isinstance(out, str | Path):
        path = Path(out)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        return None
    out.write(data)
    return None
