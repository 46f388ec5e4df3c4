"""Extraction over many articles: one process, or a pool of worker processes.

``nlp.pipe(n_process=2)`` was measured slower than one process for this
pipeline (the rules are pure Python; spaCy's own multiprocessing pays for
serialising Docs), while a ``multiprocessing`` pool that returns plain
``Extraction`` records scales with cores. The pool keeps a bounded window of
batches in flight, so memory does not grow with the corpus, and yields results
in input order, so a parallel build equals a sequential one.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.defaults import ONTOLOGY_DIR
from graph.model import Article, Extraction

_worker_extractor = None  # one Extractor per worker process


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(ontology_dir: str) -> None:
    global _worker_extractor
    from graph.extract import Extractor

    _worker_extractor = Extractor(Path(ontology_dir))


def pipe_batch(extractor: Any, batch: list[Article]) -> list[Any]:
    """The default task: the extractor's own ``pipe`` over one batch."""
    return list(extractor.pipe(batch, batch_size=len(batch) or 1))


Task = Callable[[Any, list[Article]], list[Any]]


def _extract_batch(task: Task, batch: list[Article]) -> list[Any]:
    assert _worker_extractor is not None, "worker not initialised"
    return task(_worker_extractor, batch)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


def extract_stream(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    batch_size: int = 16,
    ontology_dir: Path = ONTOLOGY_DIR,
    extractor=None,
    task: Task | None = None,
) -> Iterator[Extraction]:
    """Extract ``articles`` in order with ``workers`` processes (1: in this process).

    ``task(extractor, batch) -> list`` replaces ``extractor.pipe`` for each batch (a
    module-level function, so that worker processes can unpickle it): ``graph.build``
    passes one that reports a failing article instead of losing the whole batch.

    >>> from graph.model import Article
    >>> [x.article.name for x in extract_stream([Article(id="a", name="a", text="Kemnaker.")])]
    ['a']
    """
    if workers <= 1:
        if extractor is None:
            from graph.extract import Extractor

            extractor = Extractor(ontology_dir)
        if task is None:
            yield from extractor.pipe(articles, batch_size=batch_size)
        else:
            for batch in _batches(articles, batch_size):
                yield from task(extractor, batch)
        return
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    window = workers * 3  # batches in flight: enough to keep workers busy, bounded memory
    with ctx.Pool(workers, initializer=_init_worker, initargs=(str(ontology_dir),)) as pool:
        pending: deque = deque()
        for batch in _batches(articles, batch_size):
            pending.append(pool.apply_async(_extract_batch, (task or pipe_batch, batch)))
            if len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
