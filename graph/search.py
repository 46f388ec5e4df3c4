"""Full-text search over entities (every label and alias), evidence sentences and quotes.

A SQLite FTS5 index (stdlib ``sqlite3``) kept beside the store as
``<out>/search.sqlite``: accent- and case-insensitive (``unicode61
remove_diacritics 2``), prefix matching, BM25 ranking; milliseconds on a
million-triple graph. The index mirrors the store: rows are read back from the
store with SPARQL, per named graph, so ``kg build`` refreshes only the graphs it
rewrote. The index records the store generation it mirrors; an index that does
not match (a build killed between the two) is rebuilt from the store on use.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import EntityType
from graph.names import fold
from graph.rdf.vocab import ENTITIES_GRAPH
from graph.store.base import IRI

KIND_ORDER = {"entity": 0, "quote": 1, "evidence": 2, "article": 3}
_ENTITY_TYPES = " ".join(f"mo:{t.value}" for t in EntityType)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,          -- entity | evidence | quote | article
    iri TEXT NOT NULL,           -- the entity, quote or article IRI
    type TEXT,                   -- entity type (entities), else NULL
    label TEXT NOT NULL,         -- prefLabel / speaker / article title
    body TEXT NOT NULL,          -- altLabels / sentence / quote text
    graph TEXT NOT NULL,         -- named graph the row came from
    weight INTEGER NOT NULL DEFAULT 0,  -- entities: number of articles mentioning it
    extra TEXT                   -- JSON: edges of an evidence sentence, speaker IRI ...
);
CREATE INDEX IF NOT EXISTS docs_graph ON docs(graph);
CREATE INDEX IF NOT EXISTS docs_iri ON docs(iri);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    label, body, content='docs', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
"""
#: Keep the FTS table in step with ``docs`` on incremental refreshes. A full refresh drops
#: them and rebuilds the FTS table once at the end (5x faster than row by row).
_TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO fts(rowid, label, body) VALUES (new.id, new.label, new.body);
END""",
    """CREATE TRIGGER IF NOT EXISTS docs_ad AFTER DELETE ON docs BEGIN
    INSERT INTO fts(fts, rowid, label, body) VALUES ('delete', old.id, old.label, old.body);
END""",
)


@dataclass(slots=True)
class SearchHit:
    kind: str
    iri: str
    label: str
    text: str
    type: str | None = None
    graph: str | None = None
    score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "iri": self.iri,
            "label": self.label,
            "text": self.text,
            "type": self.type,
            "graph": self.graph,
            "score": round(self.score, 4),
            **({"extra": self.extra} if self.extra else {}),
        }


def fts_query(text: str) -> str:
    """User text -> an FTS5 query of quoted prefix terms (no FTS syntax gets through)."""
    terms = fold(text).split()
    return " AND ".join('"' + t.replace('"', '""') + '"*' for t in terms)


class SearchIndex:
    """The FTS5 index file (``path=None``: in memory)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self.db = sqlite3.connect(str(path) if path else ":memory:")
        self.db.executescript(_SCHEMA + ";\n".join(_TRIGGERS) + ";")

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ state

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def __len__(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    # ------------------------------------------------------------------ indexing

    def refresh(
        self,
        store: Any,
        graphs: Iterable[str] | None = None,
        removed: Iterable[str] = (),
        *,
        generation: str = "",
        source: str | None = None,
    ) -> None:
        """Re-index ``graphs`` (None: everything) and the entities from ``store``, in one
        SQLite transaction. ``source`` names what the index mirrors (default: the store's
        location); an incremental refresh is only right on top of the same source."""
        full = graphs is None
        targets = None if full else sorted(set(graphs) - {str(ENTITIES_GRAPH)})  # type: ignore[arg-type]
        if full:
            every = [g for g in store.graphs() if g != str(ENTITIES_GRAPH)]
            if len(every) > FULL_SCAN_MAX_GRAPHS:  # big: graph by graph, bounded memory
                targets = every
        insert = (
            "INSERT INTO docs(kind, iri, type, label, body, graph, weight, extra) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        with self.db:
            if full:
                if not self.db.in_transaction:
                    self.db.execute("BEGIN")  # the trigger changes are part of the transaction
                self.db.execute("DROP TRIGGER IF EXISTS docs_ai")
                self.db.execute("DROP TRIGGER IF EXISTS docs_ad")
                self.db.execute("DELETE FROM docs")
            else:
                for g in sorted(set(targets or ()) | set(removed)):
                    self.db.execute("DELETE FROM docs WHERE graph = ?", (g,))
                self.db.execute("DELETE FROM docs WHERE graph = ?", (str(ENTITIES_GRAPH),))
            self.db.executemany(insert, _entity_rows(store))
            chunks = [None] if targets is None else _chunks(targets, REFRESH_CHUNK)
            for chunk in chunks:
                rows = _evidence_rows(store, chunk)
                rows += _quote_rows(store, chunk)
                rows += _article_rows(store, chunk)
                self.db.executemany(insert, rows)
            if full:
                self.db.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
                for trigger in _TRIGGERS:
                    self.db.execute(trigger)
            self._set_meta("generation", generation)
            self._set_meta("store", source or str(getattr(store, "location", "")))

    # ------------------------------------------------------------------ searching

    def search(
        self,
        text: str,
        *,
        type: str | None = None,
        kinds: Sequence[str] | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Ranked hits: exact label first, then entities, quotes, evidence; BM25 within."""
        q = fts_query(text)
        if not q:
            return []
        where = ["fts MATCH ?"]
        args: list[Any] = [q]
        if type:
            where.append("docs.kind = 'entity' AND docs.type = ?")
            args.append(type)
        if kinds:
            where.append(f"docs.kind IN ({', '.join('?' for _ in kinds)})")
            args += list(kinds)
        sql = (
            "SELECT docs.kind, docs.iri, docs.type, docs.label, docs.body, docs.graph, "
            "docs.weight, docs.extra, bm25(fts, 10.0, 1.0) AS score FROM fts "
            "JOIN docs ON docs.id = fts.rowid WHERE "
            + " AND ".join(where)
            + " ORDER BY score LIMIT ?"
        )
        args.append(max(limit * 5, 50))
        key = fold(text)
        hits = []
        for kind, iri, etype, label, body, graph, weight, extra, score in self.db.execute(
            sql, args
        ):
            exact = fold(label) == key or (
                kind == "entity" and key in {fold(a) for a in body.split("\n")}
            )
            hits.append(
                (
                    (not exact, KIND_ORDER.get(kind, 9), score, -weight, label, iri),
                    SearchHit(
                        kind,
                        iri,
                        label,
                        body,
                        etype,
                        graph,
                        -float(score),
                        json.loads(extra) if extra else {},
                    ),
                )
            )
        hits.sort(key=lambda h: h[0])
        seen: set[tuple[str, str, str]] = set()
        out: list[SearchHit] = []
        for _, h in hits:
            k = (h.kind, h.iri, h.text)
            if k not in seen:
                seen.add(k)
                out.append(h)
        return self._with_labels(out[:limit])

    def _with_labels(self, hits: list[SearchHit]) -> list[SearchHit]:
        """Name the edges of evidence hits with the current entity labels."""
        for h in hits:
            edges = h.extra.get("edges") if h.kind == "evidence" else None
            if edges:
                h.extra["statements"] = [
                    f"{self._label(s)} {p.rsplit('#', 1)[-1]} {self._label(o)}" for s, p, o in edges
                ]
            if h.kind == "quote" and h.extra.get("speaker"):
                h.label = self._label(h.extra["speaker"])
        return hits

    def _label(self, iri: str) -> str:
        row = self.db.execute(
            "SELECT label FROM docs WHERE kind = 'entity' AND iri = ? LIMIT 1", (iri,)
        ).fetchone()
        return row[0] if row else iri.rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- rows from the store

#: A full refresh reads each kind of row with one query over all graphs up to this many
#: graphs; above it, graph by graph in chunks of ``REFRESH_CHUNK`` (about twice as slow,
#: but memory no longer grows with the corpus).
FULL_SCAN_MAX_GRAPHS = 2000
REFRESH_CHUNK = 500


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _in_graphs(store: Any, pattern_query: str, graphs: Sequence[str] | None) -> list[tuple]:
    """Rows of a ``GRAPH ?g { ... }`` query over every graph (None: one scan) or over the
    given graphs, bound as one ``VALUES`` block (index lookups, not a scan; a third
    faster on Oxigraph than one query per graph)."""
    if graphs is None:
        return store.query(pattern_query).rows
    return store.query(pattern_query, {"g": [IRI(g) for g in graphs]}).rows


def _entity_rows(store: Any) -> list[tuple]:
    res = store.query(
        f"""SELECT ?e ?type ?label ?alt WHERE {{
              GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type ; skos:prefLabel ?label .
                                          OPTIONAL {{ ?e skos:altLabel ?alt }} }}
              VALUES ?type {{ {_ENTITY_TYPES} }} }}"""
    )
    counts = {
        str(e): int(n)
        for e, n in store.query(
            "SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a mo:mentions ?e } GROUP BY ?e"
        ).rows
    }
    ents: dict[str, list[Any]] = {}
    for e, etype, label, alt in res.rows:
        rec = ents.setdefault(str(e), [str(etype).rsplit("#", 1)[-1], str(label), set()])
        if alt is not None:
            rec[2].add(str(alt))
    return [
        (
            "entity",
            iri,
            etype,
            label,
            "\n".join(sorted(alts)),
            str(ENTITIES_GRAPH),
            counts.get(iri, 0),
            None,
        )
        for iri, (etype, label, alts) in sorted(ents.items())
    ]


def _evidence_rows(store: Any, graphs: Sequence[str] | None) -> list[tuple]:
    rows = _in_graphs(
        store,
        """SELECT ?g ?text ?s ?p ?o WHERE {
             GRAPH ?g { ?a mo:evidenceText ?text ;  # only assertions carry evidenceText
                        rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }""",
        graphs,
    )
    by_sentence: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for g, text, s, p, o in rows:
        by_sentence.setdefault((str(g), str(text)), set()).add((str(s), str(p), str(o)))
    return [
        ("evidence", g, None, "", text, g, 0, json.dumps({"edges": sorted(edges)}))
        for (g, text), edges in sorted(by_sentence.items())
    ]


def _quote_rows(store: Any, graphs: Sequence[str] | None) -> list[tuple]:
    rows = _in_graphs(
        store,
        """SELECT ?g ?q ?text ?speaker WHERE {
             GRAPH ?g { ?q a mo:Quote ; schema:text ?text ; mo:spokenBy ?speaker } }""",
        graphs,
    )
    return sorted(
        ("quote", str(q), None, "", str(text), str(g), 0, json.dumps({"speaker": str(sp)}))
        for g, q, text, sp in rows
    )


def _article_rows(store: Any, graphs: Sequence[str] | None) -> list[tuple]:
    rows = _in_graphs(
        store, "SELECT ?g ?title WHERE { GRAPH ?g { ?g a mo:Article ; dct:title ?title } }", graphs
    )
    return sorted(("article", str(g), None, str(t), "", str(g), 0, None) for g, t in rows)


# --------------------------------------------------------------------------- entry points


def index_for(
    store: Any, build_dir: str | Path | None = None, *, generation: str = ""
) -> SearchIndex:
    """The up-to-date index of ``store``: ``<build_dir>/search.sqlite`` when it mirrors the
    store's generation (rebuilt in place when not), else a fresh in-memory index."""
    path = Path(build_dir) / "search.sqlite" if build_dir else None
    if path is not None and (path.exists() or path.parent.is_dir()):
        try:
            idx = SearchIndex(path)
        except sqlite3.Error:
            path.unlink(missing_ok=True)
            idx = SearchIndex(path)
        if idx.get_meta("generation") != generation or not len(idx):
            try:
                idx.refresh(store, generation=generation)
            except sqlite3.OperationalError:  # read-only directory: index in memory
                idx.close()
                idx = SearchIndex(None)
                idx.refresh(store, generation=generation)
        return idx
    idx = SearchIndex(None)
    idx.refresh(store, generation=generation)
    return idx


def search(
    store: Any,
    text: str,
    *,
    type: str | None = None,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
    build_dir: str | Path | None = None,
    generation: str = "",
) -> list[SearchHit]:
    """Search ``store`` (through its build directory's index when there is one)."""
    idx = index_for(store, build_dir, generation=generation)
    try:
        return idx.search(text, type=type, kinds=kinds, limit=limit)
    finally:
        idx.close()


def current_generation(build_dir: str | Path) -> str:
    """The generation of the store a build directory publishes ("" when unknown)."""
    from graph.store.layout import BuildDir

    bd = BuildDir(Path(build_dir))
    gen = bd.manifest().get("generation")
    if gen is None:  # memory or endpoint builds: the summary says
        try:
            gen = json.loads(bd.summary.read_text(encoding="utf-8")).get("generation")
        except (OSError, ValueError):
            gen = None
    return "" if gen is None else str(gen)


def open_index(location: str | Path | None) -> SearchIndex:
    """The search index for a store location, refreshed from the store only when stale
    (a fresh index answers without opening the store at all)."""
    from graph.defaults import DEFAULT_OUT
    from graph.store import open_store

    loc = str(location or DEFAULT_OUT)
    path = Path(loc)
    if not loc.startswith(("http://", "https://")) and path.is_dir():
        is_build = any((path / n).exists() for n in ("store", "search.sqlite", "build.json"))
        if is_build:
            gen = current_generation(path)
            idx_path = path / "search.sqlite"
            if idx_path.exists():
                idx = SearchIndex(idx_path)
                if gen and idx.get_meta("generation") == gen and len(idx):
                    return idx
                idx.close()
            return index_for(open_store(loc, read_only=True), path, generation=gen)
    return index_for(open_store(loc, read_only=True), None)
