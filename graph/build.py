"""``kg build``: corpus -> extract -> resolve -> RDF -> store, incremental and crash-safe.

Stages, each streaming so memory does not grow with the corpus (only the small
entity records that cross-article resolution needs are held):

1. read the corpus; an article whose ``content_hash`` matches its cached
   ``<out>/extractions/{id}.json`` is not extracted again;
2. extract the others (``extract_stream``: in this process, in ``workers``
   processes, or on a Dask cluster, see ``graph.distributed``) and cache them;
   meanwhile collect MinHash signatures for syndication de-duplication
   (``graph.dedup``): a republished copy of a story is not counted again, its
   URL joins the ``schema:url`` values of the article that represents it;
3. resolve entities across ALL cached extractions except syndicated copies;
4. assemble and write only the article graphs whose inputs changed (extraction
   or the IRIs resolution gave its entities), drop the graphs of deleted
   articles, rewrite ``mid:graph/entities``; in batches (with workers: assembled
   in worker processes and bulk-loaded; a new store also keeps them in a
   ``Spool`` for its exports); compact the store when much of it was rewritten;
5. publish (Oxigraph: atomic swap of store generations, see
   ``graph.store.layout``), refresh the search index, export ``graph.trig`` /
   ``graph.ttl``, validate, render the HTML view when ``graph.view`` exists.
   With workers the exports and the view are written by two child processes
   while this one indexes and validates (reading a store back is the slow part
   of each).

The result equals a clean build of the same corpus (sorted N-Quads identical).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import importlib
import itertools
import json
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from graph.dedup import Syndication, SyndicationIndex
from graph.defaults import DEFAULT_OUT
from graph.model import Article, EntityType, Extraction
from graph.rdf.assemble import RDF_VERSION, article_triples, entity_triples, role_titles
from graph.rdf.iris import article_iri, safe_segment
from graph.rdf.resolve import EntityRecord, Resolution, ResolverConfig, records_of, resolve
from graph.rdf.vocab import ENTITIES_GRAPH, MID
from graph.store.base import Store
from graph.store.export import Spool, graph_block
from graph.store.layout import BuildDir, write_json_atomic
from graph.store.terms import nquad_line, ox_quad

ARTICLE_GRAPH_PREFIX = str(MID["article/"])
BATCH_ARTICLES = 200
BATCH_TRIPLES = 50_000
#: With workers, a build writing at least PARALLEL_MIN article graphs assembles them in
#: worker processes, ASSEMBLY_CHUNK articles per job (Oxigraph stores only).
PARALLEL_MIN = 400
ASSEMBLY_CHUNK = 100
#: ``validate="auto"`` validates the whole store up to this size, else a sample of
#: article graphs of about ``VALIDATE_SAMPLE_TRIPLES`` (see ``_validate``).
VALIDATE_FULL_MAX_TRIPLES = 150_000
VALIDATE_SAMPLE_TRIPLES = 25_000
VALIDATION_MODES = ("auto", "full", "sample")

Log = Callable[[str], None]


@dataclass(slots=True)
class BuildReport:
    """What a build did; ``build.json`` is its JSON form."""

    out: str
    store: str
    articles: int = 0
    extracted: int = 0
    reused: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    syndicated: dict[str, list[str]] = field(default_factory=dict)  # article -> its copies
    deleted: int = 0
    graphs_written: int = 0
    entities: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    quotes: int = 0
    triples: int = 0
    triples_per_article: dict[str, int] = field(default_factory=dict)
    generation: str = ""
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    validation: dict[str, Any] | None = None
    search_refresh: str = ""  # "full" or "incremental, N graph(s)"
    export_mode: str = ""  # "full", "incremental" (previous export + changed graphs), "unchanged"
    export_generation: str = ""  # the store generation graph.trig / graph.ttl show
    handle: Any = field(default=None, repr=False)  # the open store (memory builds, notebooks)

    def to_json(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "handle"}
        d["skipped"] = [{"path": p, "reason": r} for p, r in self.skipped]
        return d


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Failed:
    """An article the extractor could not process (the build goes on without it)."""

    article: Article
    reason: str


def extract_stream(
    articles: Iterable[Article],
    *,
    extractor: Any | None = None,
    workers: int = 1,
    batch_size: int = 32,
    dask: Any | None = None,
) -> Iterator[Extraction | Failed]:
    """Extractions of ``articles`` in order, or ``Failed`` for an article that raised.

    One extractor in this process (a failing article is retried alone and reported),
    ``workers`` processes through ``graph.extract.parallel``, or the Dask cluster of
    ``dask`` (a ``distributed.Client``, see ``graph.distributed``). Streams: a bounded
    number of batches is held. Every way gives the same extractions.
    """
    if dask is not None or (workers > 1 and extractor is None):
        it = iter(articles)
        first = next(it, None)
        if first is None:
            return  # nothing to extract: no pool or cluster work to start
        rest = itertools.chain([first], it)
        if dask is not None:
            from graph.distributed import extract_stream as dask_stream

            yield from dask_stream(rest, dask, batch_size=min(batch_size, 16))
        else:
            from graph.extract.parallel import extract_stream as parallel_stream

            yield from parallel_stream(
                rest, workers=workers, batch_size=min(batch_size, 16), task=extract_batch
            )
        return
    if extractor is None:
        from graph.extract import Extractor

        extractor = Extractor()
    batch: list[Article] = []
    for art in articles:
        batch.append(art)
        if len(batch) >= batch_size:
            yield from _extract_batch(extractor, batch)
            batch = []
    if batch:
        yield from _extract_batch(extractor, batch)


def extract_batch(extractor: Any, batch: list[Article]) -> list[Extraction | Failed]:
    """One batch, as a list (the task worker processes and Dask workers run)."""
    return list(_extract_batch(extractor, batch))


def _extract_batch(extractor: Any, batch: list[Article]) -> Iterator[Extraction | Failed]:
    try:
        done = list(extractor.pipe(batch))
    except Exception:  # find the article that fails; the others still count
        for art in batch:
            yield _extract_safely(extractor, art)
        return
    yield from done


def _extract_safely(extractor: Any, article: Article) -> Extraction | Failed:
    try:
        return extractor.extract(article)
    except Exception as exc:
        return Failed(article, f"extraction failed: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- extraction cache


def content_hash(article: Article) -> str:
    """The article's own hash, or one computed from text + metadata when the reader gave none."""
    if article.content_hash:
        return article.content_hash
    meta = article.to_json()
    meta.pop("path", None)
    return hashlib.sha256(json.dumps(meta, sort_keys=True).encode("utf-8")).hexdigest()


def extraction_path(bd: BuildDir, article_id: str) -> Path:
    return bd.extractions / f"{safe_segment(article_id)}.json"


def cached_hash(path: Path) -> str | None:
    """``content_hash`` of a cached extraction (None when missing or unreadable)."""
    try:
        with path.open(encoding="utf-8") as f:
            return (json.load(f).get("meta") or {}).get("content_hash")
    except (OSError, ValueError):
        return None


def save_extraction(bd: BuildDir, ex: Extraction) -> None:
    data = ex.to_json(with_article=True)
    data["meta"]["content_hash"] = content_hash(ex.article)
    write_json_atomic(extraction_path(bd, ex.article.id), data)


def load_extraction(bd: BuildDir, article_id: str) -> tuple[Extraction, str]:
    """The cached extraction and the digest of its file (an input of the graph key)."""
    raw = extraction_path(bd, article_id).read_bytes()
    return Extraction.from_json(json.loads(raw)), hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------- corpus


def read_corpus(paths: Iterable[str | Path], **kwargs: Any) -> Iterator[Any]:
    """Articles and ``Skipped`` records from ``graph.corpus`` (deterministic order)."""
    try:
        from graph.corpus import iter_corpus
    except ImportError as exc:  # pragma: no cover - only before the corpus reader exists
        raise RuntimeError(f"the corpus reader (graph.corpus) is not available: {exc}") from exc
    yield from iter_corpus([str(p) for p in paths], **kwargs)


# --------------------------------------------------------------------------- targets


class _Target:
    """Where the graphs go and how the previous state is known (see ``_open_target``)."""

    def __init__(self, store: Store, manifest: dict[str, Any], label: str) -> None:
        self.store = store
        self.manifest = manifest
        self.label = label

    def commit(self, manifest: dict[str, Any]) -> None:  # pragma: no cover - overridden
        pass

    def abort(self) -> None:
        pass


class _OxigraphTarget(_Target):
    """A new store generation, copied from the published one, published on commit."""

    def __init__(self, bd: BuildDir) -> None:
        from graph.store.oxigraph import OxigraphStore

        self.bd = bd
        bd.prune()  # leftovers of killed builds
        prev_store = bd.current_store()
        prev_manifest = bd.manifest()
        self.gen = bd.new_generation()
        if prev_store is not None:
            old = OxigraphStore(prev_store, read_only=True)
            try:
                old.backup(self.gen / "store")
            finally:
                old.close()
        store = OxigraphStore(self.gen / "store", create=True, bulk=True)
        super().__init__(store, prev_manifest, str(bd.store_link))

    #: Set by the writer: compact the new generation before publishing it (worth it after
    #: a large share of the store was rewritten; skipped for small updates).
    compact = True

    def commit(self, manifest: dict[str, Any]) -> None:
        if self.compact:
            self.store.optimize()
        self.store.close()
        write_json_atomic(self.gen / "manifest.json", manifest)
        self.bd.publish(self.gen)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.store.close()
        self.bd.discard(self.gen)


class _EndpointTarget(_Target):
    """A remote endpoint; its manifest is a file in the build directory, marked dirty
    before graphs are written, so an interrupted build redoes them."""

    def __init__(self, store: Store, bd: BuildDir) -> None:
        self.path = (
            bd.root / f"endpoint-{hashlib.sha256(store.location.encode()).hexdigest()[:12]}.json"
        )
        manifest = _read_json(self.path)
        super().__init__(store, manifest, store.location)

    def mark_dirty(self, article_ids: Iterable[str]) -> None:
        arts = dict(self.manifest.get("articles", {}))
        for a in article_ids:
            arts.pop(a, None)
        write_json_atomic(self.path, {**self.manifest, "articles": arts})

    def commit(self, manifest: dict[str, Any]) -> None:
        write_json_atomic(self.path, manifest)


class _MemoryTarget(_Target):
    def commit(self, manifest: dict[str, Any]) -> None:
        self.manifest = manifest


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _open_target(store: str | Store | None, bd: BuildDir) -> _Target:
    if store is None:
        return _OxigraphTarget(bd)
    if isinstance(store, str):
        if store.lower() in ("memory", ":memory:"):
            from graph.store.memory import MemoryStore

            return _MemoryTarget(MemoryStore(), {}, "memory")
        if store.lower().startswith(("http://", "https://")):
            from graph.store.endpoint import EndpointStore

            return _EndpointTarget(EndpointStore(store), bd)
        raise ValueError(f"--store must be 'memory' or an http(s) URL, got {store!r}")
    return _MemoryTarget(store, {}, getattr(store, "location", repr(store)))


# --------------------------------------------------------------------------- build


@contextlib.contextmanager
def _build_lock(bd: BuildDir) -> Iterator[None]:
    bd.root.mkdir(parents=True, exist_ok=True)
    with open(bd.root / ".build.lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another `kg build` is writing {bd.root}") from None
        yield


def triples_digest(triples: Iterable[Any]) -> str:
    """Order-independent digest of a set of rdflib triples."""
    h = hashlib.sha256()
    for line in sorted(" ".join(t.n3() for t in triple) for triple in triples):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def graph_key(json_digest: str, iris: dict[str, str], urls: Iterable[str] = ()) -> str:
    """Everything an article graph depends on: its extraction, its entities' IRIs and
    the URLs of its syndicated copies."""
    h = hashlib.sha256(RDF_VERSION.encode())
    h.update(json_digest.encode())
    for local, iri in sorted(iris.items()):
        h.update(f"\x1f{local}\x1e{iri}".encode())
    for url in sorted(urls):
        h.update(f"\x1d{url}".encode())
    return h.hexdigest()


def build(
    paths: Iterable[str | Path] = (),
    out: str | Path = DEFAULT_OUT,
    *,
    store: str | Store | None = None,
    workers: int = 1,
    dask: Any | None = None,
    dedup: bool = True,
    articles: Iterable[Any] | None = None,
    extractor: Any | None = None,
    resolver: ResolverConfig | None = None,
    ontology: Any | None = None,
    validate: bool | str = True,
    exports: bool = True,
    view: bool = True,
    force: bool = False,
    max_bytes: int | None = None,
    log: Log | None = None,
) -> BuildReport:
    """Build (or update) the graph of ``paths`` into ``out``; see the module docstring.

    ``store``: None (Oxigraph in ``<out>/store``), ``"memory"``, an endpoint URL, or a
    Store object. ``articles`` replaces reading ``paths`` (Articles and Skipped
    records), ``extractor`` any object with ``pipe(articles)``; ``force`` re-extracts.
    ``workers`` > 1 extracts in that many processes; ``dask`` (``"local"``, a scheduler
    address, or a ``distributed.Client``) on a Dask cluster instead. ``dedup`` groups
    syndicated copies of a story (``graph.dedup``) and writes each story once.
    ``validate``: True / "auto" (the whole store when small, else a sample), "full",
    "sample", or False.
    """
    say = log or (lambda _msg: None)
    if validate:
        _validation_mode(validate)  # a wrong mode fails now, not after the extraction
    if isinstance(paths, str | Path):
        paths = [paths]
    bd = BuildDir(Path(out))
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    with _build_lock(bd):
        bd.extractions.mkdir(parents=True, exist_ok=True)
        bd.spool.unlink(missing_ok=True)  # of a killed build
        report = BuildReport(out=str(bd.root), store="")

        # 1-2. read + extract (streaming), caching extractions
        seen: dict[str, str] = {}  # article id -> name
        source = (
            articles
            if articles is not None
            else read_corpus(paths, **({"max_bytes": max_bytes} if max_bytes else {}))
        )
        index = SyndicationIndex() if dedup else None
        todo = _needs_extraction(source, bd, seen, report, force, index)
        with _dask_client(dask, workers) as client:
            for ex in extract_stream(todo, extractor=extractor, workers=workers, dask=client):
                if isinstance(ex, Failed):
                    report.skipped.append((ex.article.path or ex.article.name, ex.reason))
                    seen.pop(ex.article.id, None)
                    extraction_path(bd, ex.article.id).unlink(missing_ok=True)
                    continue
                save_extraction(bd, ex)
                report.extracted += 1
        report.articles = len(seen)
        synd = index.groups(among=seen) if index is not None else Syndication()
        del index
        report.syndicated = {
            seen[canon]: sorted(seen[c] for c in copies) for canon, copies in synd.copies.items()
        }
        live = {aid: name for aid, name in seen.items() if not synd.is_copy(aid)}
        timings["extract"] = time.perf_counter() - t0
        say(
            f"read {report.articles} articles "
            f"({report.extracted} extracted, {report.reused} unchanged)"
        )

        # 3. resolve across the corpus
        t = time.perf_counter()
        records: list[EntityRecord] = []
        roles: Counter[str] = Counter()
        digests: dict[str, str] = {}
        for aid in sorted(live):
            ex, digests[aid] = load_extraction(bd, aid)
            records += records_of(ex)
            roles.update(role_titles(ex))
            report.relations += len(ex.relations)
            report.quotes += len(ex.quotes)
        cfg = resolver or ResolverConfig.from_ontology(ontology)
        res = resolve(records, cfg)
        del records
        timings["resolve"] = time.perf_counter() - t

        # 4. write changed graphs
        t = time.perf_counter()
        target = _open_target(store, bd)
        report.store = target.label
        try:
            manifest, changed, removed, spool = _write_graphs(
                target, bd, live, digests, res, roles, ontology, report, synd, workers
            )
            target.commit(manifest)
        except BaseException:
            target.abort()
            raise
        report.generation = str(manifest["generation"])
        timings["store"] = time.perf_counter() - t
        say(f"wrote {report.graphs_written} article graphs, removed {report.deleted}")
        del res, digests, manifest  # the corpus-sized part of this process, before
        gc.collect()  # the outputs' processes start beside it

        # 5. outputs that mirror the published store
        published = target.store if not isinstance(target, _OxigraphTarget) else _reopen(bd)
        report.handle = published
        names = {str(article_iri(aid)): name for aid, name in live.items()}
        _finish(
            published,
            bd,
            report,
            changed,
            removed,
            names,
            timings,
            validate,
            exports,
            view,
            say,
            workers,
            spool,
        )
        for stale in _stale_extractions(bd, seen):
            stale.unlink(missing_ok=True)
    report.seconds = round(time.perf_counter() - t0, 3)
    report.timings = {k: round(v, 3) for k, v in timings.items()}
    write_json_atomic(bd.summary, report.to_json())
    report.outputs["summary"] = str(bd.summary)
    return report


@contextlib.contextmanager
def _dask_client(dask: Any | None, workers: int) -> Iterator[Any | None]:
    """The Dask client ``build(dask=...)`` asks for: None, a given client, or one
    connected (and closed afterwards) for an address or ``"local"``."""
    if dask is None or not isinstance(dask, str):
        yield dask
        return
    from graph.distributed import connect

    with connect(dask, workers=workers if workers > 1 else None) as client:
        yield client


def _needs_extraction(
    source: Iterable[Any],
    bd: BuildDir,
    seen: dict[str, str],
    report: BuildReport,
    force: bool,
    index: SyndicationIndex | None = None,
) -> Iterator[Article]:
    """Record every article (and its syndication signature); yield those without an
    up-to-date cached extraction."""
    for item in source:
        if not isinstance(item, Article):
            report.skipped.append(
                (str(getattr(item, "path", "?")), str(getattr(item, "reason", item)))
            )
            continue
        if item.id in seen:
            report.skipped.append(
                (item.path or item.name, f"duplicate of article {seen[item.id]!r}")
            )
            continue
        seen[item.id] = item.name
        if index is not None:
            index.add(item)
        if not force and cached_hash(extraction_path(bd, item.id)) == content_hash(item):
            report.reused += 1
            continue
        yield item


def _write_graphs(
    target: _Target,
    bd: BuildDir,
    seen: dict[str, str],
    digests: dict[str, str],
    res: Resolution,
    roles: Counter[str],
    ontology: Any | None,
    report: BuildReport,
    synd: Syndication,
    workers: int = 1,
) -> tuple[dict[str, Any], list[str], list[str], Spool | None]:
    """Write the article graphs whose key changed, drop deleted ones (and syndicated
    copies), rewrite entities. ``seen``: the articles that get a graph. Returns the new
    manifest, the graphs changed and removed, and a ``Spool`` of every graph when the
    store was new (else None)."""
    store = target.store
    prev_articles: dict[str, Any] = target.manifest.get("articles", {})
    existing = set(store.graphs())
    keys = {
        aid: graph_key(digests[aid], res.article_map(aid), synd.urls.get(aid, ())) for aid in seen
    }
    changed_ids = [
        aid
        for aid in sorted(seen)
        if (prev_articles.get(aid) or {}).get("key") != keys[aid]
        or str(article_iri(aid)) not in existing
    ]
    seen_iris = {str(article_iri(aid)) for aid in seen}
    removed = sorted(
        g for g in existing if g.startswith(ARTICLE_GRAPH_PREFIX) and g not in seen_iris
    )
    if isinstance(target, _EndpointTarget):
        target.mark_dirty(changed_ids)
    if isinstance(target, _OxigraphTarget):
        target.compact = len(changed_ids) + len(removed) >= max(1, len(seen) // 10)

    batch: dict[str, list[Any]] = {}
    size = 0
    spool = None
    if workers > 1 and isinstance(target, _OxigraphTarget) and len(changed_ids) >= PARALLEL_MIN:
        # a new store gets every graph from here: keep them for the exports (see Spool)
        spool = Spool(bd.spool) if not existing else None
        for blocks in _assemble_in_workers(bd, changed_ids, res, synd, workers):
            graphs = [g for g, _ in blocks]
            target.store.replace_graphs_nquads(b"".join(b for _, b in blocks), graphs)
            if spool is not None:
                for g, block in blocks:
                    spool.add(g, block)
        changed_ids_left: list[str] = []
    else:
        changed_ids_left = changed_ids
    for aid in changed_ids_left:
        ex, _ = load_extraction(bd, aid)
        ex.article = synd.with_urls(ex.article)
        triples = article_triples(ex, res.article_map(aid))
        batch[str(article_iri(aid))] = triples
        size += len(triples)
        if len(batch) >= BATCH_ARTICLES or size >= BATCH_TRIPLES:
            store.replace_graphs(batch)
            batch, size = {}, 0
    entities = entity_triples(res, roles, ontology)
    entities_key = triples_digest(entities)
    if entities_key != target.manifest.get("entities_key") or str(ENTITIES_GRAPH) not in existing:
        batch[str(ENTITIES_GRAPH)] = entities
        entities_changed = True
        if spool is not None:
            g = str(ENTITIES_GRAPH)
            spool.add(g, graph_block(nquad_line(ox_quad(*t, g)) for t in entities))
    else:
        entities_changed = False
        spool = None  # (a new store always gets its entities) not every graph
    if spool is not None:
        spool.close()
    if batch or removed:
        store.replace_graphs(batch, remove=removed)

    report.graphs_written = len(changed_ids)
    report.deleted = len(removed)
    report.entities = len(res.entities)
    by_type = Counter(e.type.value for e in res.entities.values())
    report.entities_by_type = {t.value: by_type.get(t.value, 0) for t in EntityType}
    manifest = {
        "generation": int(target.manifest.get("generation", 0)) + 1,
        "rdf_version": RDF_VERSION,
        "entities_key": entities_key,
        "articles": {aid: {"name": seen[aid], "key": keys[aid]} for aid in sorted(seen)},
    }
    changed = [str(article_iri(a)) for a in changed_ids]
    if entities_changed:
        changed.append(str(ENTITIES_GRAPH))
    return manifest, changed, removed, spool


def _assemble_in_workers(
    bd: BuildDir, ids: list[str], res: Resolution, synd: Syndication, workers: int
) -> Iterator[list[tuple[str, bytes]]]:
    """(graph IRI, N-Quads block) of the article graphs of ``ids``, assembled by ``workers``
    fresh processes (spawned: they do not share this process's memory), at most two
    jobs per worker in flight. Each job carries only its articles' IRI maps."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    jobs = (
        (
            str(bd.extractions),
            [(aid, res.article_map(aid), synd.urls.get(aid, ())) for aid in chunk],
        )
        for chunk in (ids[i : i + ASSEMBLY_CHUNK] for i in range(0, len(ids), ASSEMBLY_CHUNK))
    )
    with ctx.Pool(workers) as pool:
        pending: deque[Any] = deque()
        for job in jobs:
            pending.append(pool.apply_async(assemble_job, job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def assemble_job(
    extractions: str, items: list[tuple[str, dict[str, str], tuple[str, ...]]]
) -> list[tuple[str, bytes]]:
    """Runs in a worker: each article graph as a block of sorted N-Quads lines
    (``graph.store.export.graph_block``), from the cached extractions."""
    blocks = []
    for aid, iris, urls in items:
        raw = (Path(extractions) / f"{safe_segment(aid)}.json").read_bytes()
        ex = Extraction.from_json(json.loads(raw))
        if urls:
            ex.article = replace(ex.article, urls=tuple(urls))
        g = str(article_iri(aid))
        lines = (nquad_line(ox_quad(*t, g)) for t in article_triples(ex, iris))
        blocks.append((g, graph_block(lines)))
    return blocks


def _reopen(bd: BuildDir) -> Store:
    from graph.store import open_store

    return open_store(bd.root, read_only=True)


def _finish(
    store: Store,
    bd: BuildDir,
    report: BuildReport,
    changed: list[str],
    removed: list[str],
    names: dict[str, str],
    timings: dict[str, float],
    validate: bool | str,
    exports: bool,
    view: bool,
    say: Log,
    workers: int = 1,
    spool: Spool | None = None,
) -> None:
    """Search index, counts, exports, validation and view of the published store.

    Each of them reads much of the store (the slow part). With ``workers`` > 1 and an
    Oxigraph store, the exports and the view are written by two child processes while
    this one indexes, counts and validates."""
    from graph.store.oxigraph import OxigraphStore

    parallel = workers > 1 and isinstance(store, OxigraphStore) and store.read_only
    exporting = None
    if exports:
        exporting = _start_exports(store, bd, report, changed, removed, spool, parallel)
    drawing = None
    if view and _optional("graph.view", "render_store") is not None:
        drawing = _Job(view_job, store, bd.root / "graph.html", parallel=parallel)
    try:
        t = time.perf_counter()
        from graph.search import SearchIndex

        idx = SearchIndex(bd.search_index)
        try:
            prev_gen = str(int(report.generation) - 1)
            source = report.store  # the build's store (the Oxigraph generation changes each build)
            if idx.get_meta("generation") == prev_gen and idx.get_meta("store") == source:
                idx.refresh(store, changed, removed, generation=report.generation, source=source)
                report.search_refresh = f"incremental, {len(changed) + len(removed)} graph(s)"
            else:
                idx.refresh(store, generation=report.generation, source=source)
                report.search_refresh = "full"
        finally:
            idx.close()
        report.outputs["search"] = str(bd.search_index)
        timings["search"] = time.perf_counter() - t

        t = time.perf_counter()
        counts = store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        ).rows
        per_graph = {str(g): int(n) for g, n in counts}
        report.triples = sum(per_graph.values())
        report.triples_per_article = {
            names.get(g, g): n for g, n in sorted(per_graph.items()) if g in names
        }
        timings["count"] = time.perf_counter() - t

        if validate:
            t = time.perf_counter()
            _validate(store, report, names, changed, validate)
            timings["validate"] = time.perf_counter() - t
    finally:
        if drawing is not None:
            try:
                timings["view"] = drawing.wait()
                report.outputs["html"] = str(bd.root / "graph.html")
            except Exception as exc:  # the view is a convenience; the build stands without it
                say(f"warning: graph.html not written: {type(exc).__name__}: {exc}")
        try:
            if exporting is not None:
                timings["export"] = exporting.wait()
                report.outputs.update({fmt: str(bd.root / f"graph.{fmt}") for fmt in EXPORTS})
        finally:
            bd.spool.unlink(missing_ok=True)


#: The exports every build writes (``OUT/graph.trig``, ``OUT/graph.ttl``).
EXPORTS = ("trig", "ttl")


class _Job:
    """``fn(store, *args)`` run here, or with ``parallel`` in a spawned child process that
    opens the (read-only, published) Oxigraph store itself; ``wait()`` returns the seconds
    ``fn`` ran and raises what it raised."""

    def __init__(self, fn: Any, store: Any, *args: Any, parallel: bool = False) -> None:
        self.future: Any = None
        self.seconds = 0.0
        self.error: BaseException | None = None
        if parallel:
            import concurrent.futures
            import multiprocessing

            self.pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn")
            )
            self.future = self.pool.submit(_timed, fn, store.location, *args)
            return
        t = time.perf_counter()
        try:
            fn(store, *args)
        except Exception as exc:  # raised by wait(), as from a child
            self.error = exc
        self.seconds = time.perf_counter() - t

    def wait(self) -> float:
        if self.future is None:
            if self.error is not None:
                raise self.error
            return self.seconds
        try:
            return float(self.future.result())
        finally:
            self.pool.shutdown()


def _timed(fn: Any, location: str, *args: Any) -> float:
    """Runs in a child: ``fn`` on the Oxigraph store at ``location``, opened read-only."""
    from graph.store.oxigraph import OxigraphStore

    t = time.perf_counter()
    store = OxigraphStore(location, read_only=True)
    try:
        fn(store, *args)
    finally:
        store.close()
    return time.perf_counter() - t


def view_job(store: Store, path: Path) -> None:
    """The whole-corpus HTML view (``graph.view.render_store``)."""
    from graph.view import render_store

    render_store(store, path)


def _start_exports(
    store: Store,
    bd: BuildDir,
    report: BuildReport,
    changed: list[str],
    removed: list[str],
    spool: Spool | None,
    parallel: bool,
) -> _Job:
    targets = {fmt: bd.root / f"graph.{fmt}" for fmt in EXPORTS}
    report.export_generation = report.generation
    base = _previous_export(bd, report)
    if base is not None and not changed and not removed:
        report.export_mode = "unchanged"  # the previous files are this generation's export
        return _Job(lambda _store: None, store)
    few = len(changed) + len(removed) <= max(2, report.articles // 2)
    previous = base if few and spool is None else None
    report.export_mode = "incremental" if previous else "full"
    return _Job(export_job, store, targets, previous, changed, removed, spool, parallel=parallel)


def export_job(
    store: Store,
    targets: dict[str, Path],
    previous: Path | None,
    changed: list[str],
    removed: list[str],
    spool: Spool | None = None,
) -> None:
    """The TriG and Turtle exports (``graph.store.export.export_many``)."""
    from graph.store.export import export_many

    export_many(store, targets, previous=previous, changed=changed, removed=removed, spool=spool)


def _validate(
    store: Store, report: BuildReport, names: dict[str, str], changed: list[str], mode: bool | str
) -> None:
    """SHACL validation: of the whole store, or (``mode`` "sample", or "auto" on a store
    of more than ``VALIDATE_FULL_MAX_TRIPLES``) of a sample of article graphs with the
    entity descriptions they use: pySHACL takes minutes per million triples, and a
    user updating a big graph wants the build, with a check of what it wrote."""
    mode = _validation_mode(mode)
    validate_store = _optional("graph.validate", "validate_store")
    validate_graphs = _optional("graph.validate", "validate_graphs")
    if validate_store is None or validate_graphs is None:
        return
    if mode == "full" or (mode == "auto" and report.triples <= VALIDATE_FULL_MAX_TRIPLES):
        vr = validate_store(store)
        extra: dict[str, Any] = {}
    else:
        sample = validation_sample(names, report.triples_per_article, changed)
        vr = validate_graphs(store, sample)
        extra = {
            "mode": "sample",
            "graphs_validated": len(sample),
            "graphs_total": len(names),
            "triples_validated": vr.triples,
        }
    report.validation = {
        "conforms": vr.conforms,
        "violations": len(vr.violations),
        "messages": dict(Counter(v.message for v in vr.violations).most_common(10)),
        **extra,
    }


def _validation_mode(mode: bool | str) -> str:
    mode = "auto" if mode is True else str(mode)
    if mode not in VALIDATION_MODES:
        raise ValueError(f"validation must be one of {', '.join(VALIDATION_MODES)}, not {mode!r}")
    return mode


def validation_sample(
    names: dict[str, str],
    triples_per_article: dict[str, int],
    changed: Iterable[str],
    budget: int | None = None,
) -> list[str]:
    """Article graphs to validate within ``budget`` triples: the graphs this build
    wrote first, each group in a fixed pseudo-random order (hash of the IRI), so the
    same build validates the same sample."""
    budget = budget or VALIDATE_SAMPLE_TRIPLES
    written = set(changed)
    order = sorted(
        names,
        key=lambda g: (g not in written, hashlib.sha256(g.encode()).hexdigest()),
    )
    sample: list[str] = []
    total = 0
    for g in order:
        n = triples_per_article.get(names[g], 0)
        if sample and total + n > budget:
            break
        sample.append(g)
        total += n
    return sorted(sample)


def _previous_export(bd: BuildDir, report: BuildReport) -> Path | None:
    """The previous ``graph.trig`` when it is the export of the generation this build
    started from (the previous ``build.json`` says so), else None."""
    trig, ttl = bd.root / "graph.trig", bd.root / "graph.ttl"
    try:
        last = json.loads(bd.summary.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same_base = str(last.get("export_generation")) == str(int(report.generation) - 1)
    if trig.exists() and ttl.exists() and same_base and last.get("store") == report.store:
        return trig
    return None


def _optional(module: str, name: str) -> Any | None:
    """A function of a module another part of the project provides, when it is there."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _stale_extractions(bd: BuildDir, seen: dict[str, str]) -> list[Path]:
    keep = {extraction_path(bd, aid).name for aid in seen}
    return [p for p in bd.extractions.glob("*.json") if p.name not in keep]


__all__ = [
    "BuildReport",
    "Failed",
    "build",
    "content_hash",
    "extract_stream",
    "graph_key",
    "load_extraction",
    "read_corpus",
]
