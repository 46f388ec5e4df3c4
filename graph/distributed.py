"""Extraction on a Dask cluster: ``kg build --dask tcp://HOST:PORT`` or ``--dask local``.

Only extraction (the CPU-heavy, per-article stage) runs on the cluster; the
client reads the corpus, keeps the extraction cache, resolves entities and
writes the store, exactly as a local build does, so the output is the same
(sorted N-Quads identical). Articles travel to the workers as records (batches
of ``graph.model.Article``), so workers need neither the corpus nor shared
storage: they need this package installed (``pip install migrasi-kg[dask]``)
and its ontology directory (the installed package's own ``ontology/`` unless
``ontology_dir`` names another path that exists on every worker).

A bounded window of batches is in flight (a few per worker thread), so memory
on the client does not grow with the corpus, and results are yielded in input
order. Dask is an optional extra: it is imported only here, with a clear
message when it is missing.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.extract.parallel import _batches as batches
from graph.model import Article

INSTALL_HINT = "Dask is not installed: pip install 'migrasi-kg[dask]' (dask[bag] + distributed)"

_local = threading.local()  # one Extractor per worker thread (spaCy pipelines are not shared)


class DaskUnavailable(RuntimeError):
    """``--dask`` was asked for but dask / distributed cannot be imported."""


def require_dask() -> Any:
    """The ``distributed`` module, or ``DaskUnavailable`` saying how to install it."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(f"{INSTALL_HINT} ({exc})") from exc
    return distributed


@contextlib.contextmanager
def connect(address: str, *, workers: int | None = None, timeout: str = "30s") -> Iterator[Any]:
    """A ``distributed.Client`` for ``address``: ``"local"`` starts a ``LocalCluster`` of
    ``workers`` single-threaded processes on this machine (closed on exit); anything
    else (``tcp://host:8786``, a scheduler file's address) joins an existing cluster."""
    distributed = require_dask()
    if address.strip().lower() == "local":
        from graph.extract.parallel import default_workers

        cluster = distributed.LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,  # no dashboard; the scheduler's own HTTP routes (health,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # metrics) on a free port
        )
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(address, timeout=timeout)
    except OSError as exc:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()


def _worker_extractor(ontology_dir: str | None) -> Any:
    cache = getattr(_local, "extractors", None)
    if cache is None:
        cache = _local.extractors = {}
    if ontology_dir not in cache:
        from graph.defaults import ONTOLOGY_DIR
        from graph.extract import Extractor

        cache[ontology_dir] = Extractor(Path(ontology_dir) if ontology_dir else ONTOLOGY_DIR)
    return cache[ontology_dir]


def extract_remote(batch: list[Article], ontology_dir: str | None = None) -> list[Any]:
    """Runs ON a worker: the extractions of one batch (``graph.build.Failed`` for an
    article that raised, so one bad article does not fail its batch)."""
    from graph.build import extract_batch

    return extract_batch(_worker_extractor(ontology_dir), batch)


def extract_stream(
    articles: Iterable[Article],
    client: Any,
    *,
    batch_size: int = 16,
    window: int | None = None,
    ontology_dir: str | Path | None = None,
) -> Iterator[Any]:
    """Extractions (or ``Failed`` records) of ``articles``, in order, computed by the
    cluster behind ``client``; at most ``window`` batches in flight (default: three per
    worker thread)."""
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = 3 * threads
    onto = str(ontology_dir) if ontology_dir else None
    pending: deque = deque()
    try:
        for batch in batches(articles, batch_size):
            pending.append(client.submit(extract_remote, batch, onto, pure=False))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for fut in pending:  # an interrupted build leaves nothing running on the cluster
            fut.cancel()


__all__ = [
    "DaskUnavailable",
    "connect",
    "extract_remote",
    "extract_stream",
    "require_dask",
]
