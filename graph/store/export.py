"""Deterministic exports of a store: sorted N-Quads, TriG, Turtle (union), JSON-LD.

Every format is written from the quads in sorted order through Oxigraph's
serialisers, so the same graph gives byte-identical files from any store and
on every run (two builds of one corpus export the same bytes).
"""

from __future__ import annotations

import heapq
import io
import tempfile
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


#: Lines sorted in memory at a time (then spilled to a run file and merged): bounds the
#: memory of an export whatever the size of the store (about 200 MB of Python strings).
SORT_CHUNK_LINES = 500_000


def sorted_unique(lines: Iterable[str], workdir: Path, chunk: int | None = None) -> Iterator[str]:
    """``sorted(set(lines))`` in bounded memory: sorted runs of ``chunk`` lines (default
    ``SORT_CHUNK_LINES``) spilled to files in ``workdir``, then merged line by line."""
    chunk = chunk or SORT_CHUNK_LINES
    runs: list[Path] = []
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= chunk:
            runs.append(_spill(sorted(set(buf)), workdir, len(runs)))
            buf = []
    if not runs:  # everything fitted in one chunk
        yield from sorted(set(buf))
        return
    if buf:
        runs.append(_spill(sorted(set(buf)), workdir, len(runs)))
    del buf
    files = [r.open(encoding="utf-8", newline="\n") for r in runs]
    try:
        last = None
        for line in heapq.merge(*((x.rstrip("\n") for x in f) for f in files)):
            if line != last:
                yield line
                last = line
    finally:
        for f in files:
            f.close()
        for r in runs:
            r.unlink(missing_ok=True)


def _spill(lines: list[str], workdir: Path, n: int) -> Path:
    path = workdir / f"run-{n:05d}.txt"
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.writelines(line + "\n" for line in lines)
    return path


class _Snapshot:
    """The quads of a store read ONCE (a full scan is the slow part), for several formats.

    The quads are kept as sorted N-Quads text in a temporary directory, not in memory,
    so exporting a store of any size needs bounded memory (``sorted_unique``). Lines
    are ordered by (graph, line): TriG writes each graph as one block.
    """

    def __init__(self, quads: Iterable[ox.Quad] = (), spool: Spool | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="kg-export-")
        self.dir = Path(self._tmp.name)
        self.path = self.dir / "quads.nq"  # sorted by (graph, line)
        self.triples = self.dir / "triples.unsorted.nt"  # the same, as triples
        if spool is not None:
            spool.copy_sorted(self.path, self.triples)
            return
        keyed = (f"{g}\t{line}" for g, line in map(_row, quads))
        with (
            self.path.open("w", encoding="utf-8", newline="\n") as nq,
            self.triples.open("w", encoding="utf-8", newline="\n") as nt,
        ):
            for key_line in sorted_unique(keyed, self.dir):
                graph, line = key_line.split("\t", 1)
                nq.write(line + "\n")
                nt.write(_triple_line(graph, line) + "\n")

    def close(self) -> None:
        self._tmp.cleanup()

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

    @staticmethod
    def _lines(path: Path) -> Iterator[str]:
        with path.open(encoding="utf-8", newline="\n") as f:
            for line in f:
                yield line.rstrip("\n")

    def nquad_lines(self) -> Iterator[str]:
        """Every quad as an N-Quads line, sorted by line (``sorted_nquads`` order)."""
        return sorted_unique(self._lines(self.path), self.dir)

    def nquads(self) -> bytes:
        return "".join(line + "\n" for line in self.nquad_lines()).encode()

    def items(self, fmt: str) -> Iterable[Any]:
        if fmt == "ttl":  # the union: every triple once
            union = self.dir / "triples.nt"
            if not union.exists():
                with union.open("w", encoding="utf-8", newline="\n") as f:
                    lines = sorted_unique(self._lines(self.triples), self.dir)
                    f.writelines(line + "\n" for line in lines)
            return ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES)
        return ox.parse(path=str(self.path), format=ox.RdfFormat.N_QUADS)


class Spool:
    """Complete named graphs as a build writes them: one block of sorted, unique N-Quads
    lines per graph in one file, and where each block is.

    A clean build gives its spool to ``export_many``, which then needs no scan of the
    store: reading 3.3M quads back from Oxigraph takes longer than sorting and
    serialising them. The blocks are written in any order and copied out in graph order.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.index: dict[str, tuple[int, int]] = {}  # graph IRI -> (offset, length)
        self._f: IO[bytes] | None = None

    def add(self, graph: str, block: bytes) -> None:
        """One graph's lines: sorted, unique, each ending `` <graph> .\\n``."""
        if graph in self.index:
            raise ValueError(f"graph {graph} is already in the spool")
        if self._f is None:
            self._f = self.path.open("wb")
        self.index[graph] = (self._f.tell(), len(block))
        self._f.write(block)

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    def __getstate__(self) -> dict[str, Any]:  # sent to a child process: closed
        self.close()
        return {"path": self.path, "index": self.index, "_f": None}

    def copy_sorted(self, nq_path: Path, nt_path: Path) -> None:
        """Write the blocks in (graph, line) order as N-Quads, and as N-Triples."""
        self.close()
        with (
            self.path.open("rb") as src,
            nq_path.open("wb") as nq,
            nt_path.open("wb") as nt,
        ):
            for graph in sorted(self.index, key=lambda g: f"<{g}>"):
                offset, length = self.index[graph]
                src.seek(offset)
                block = src.read(length)
                nq.write(block)
                nt.write(block.replace(f" <{graph}> .\n".encode(), b" .\n"))


def graph_block(lines: Iterable[str]) -> bytes:
    """``Spool.add``'s block of one graph from its N-Quads lines (without newlines)."""
    return "".join(line + "\n" for line in sorted(set(lines))).encode("utf-8")


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
    spool: Spool | None = None,
) -> dict[str, bytes]:
    """Several formats from one read of the store; returns the bytes of targets that are None.

    With ``previous`` (a TriG export of the store before ``changed`` graphs were rewritten
    and ``removed`` ones dropped), only those graphs are read from the store. With
    ``spool`` (every graph of the store, see ``Spool``), the store is not read at all.
    """
    for fmt in targets:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if spool is not None:
        snap = _Snapshot(spool=spool)
    elif previous is not None:
        snap = _Snapshot.updated(previous, store, changed, removed)
    else:
        snap = _Snapshot.of(store)
    returned: dict[str, bytes] = {}
    try:
        for fmt, out in targets.items():
            if out is None:
                buf = io.BytesIO()
                _write(snap, fmt, buf)
                returned[fmt] = buf.getvalue()
            elif isinstance(out, str | Path):
                path = Path(out)
                tmp = path.with_name(f".{path.name}.tmp")
                with tmp.open("wb") as f:
                    _write(snap, fmt, f)
                tmp.replace(path)
            else:
                _write(snap, fmt, out)
    finally:
        snap.close()
    return returned


def _write(snap: _Snapshot, fmt: str, out: IO[bytes]) -> None:
    """Stream one format of the snapshot into a binary file (no whole copy in memory)."""
    if fmt == "nq":
        for line in snap.nquad_lines():
            out.write(line.encode("utf-8") + b"\n")
        return
    prefixes = PREFIXES if fmt != "jsonld" else None
    ox.serialize(snap.items(fmt), out, FORMATS[fmt], prefixes=prefixes)
