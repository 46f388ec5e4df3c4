"""Syndication: the same wire story republished by several outlets, counted once.

Outlets republish agency copy (Antara and others) with a new dateline, a trimmed
paragraph or a different headline. Counted as separate articles, one statement
would become several pieces of evidence. Here near-identical story texts are
grouped with MinHash over word 5-gram shingles (``datasketch``, fixed seed and
permutations) and locality-sensitive banding; a candidate pair joins a group
only when its estimated Jaccard similarity reaches ``threshold`` (0.6: a copy with
another dateline, headline or a dropped paragraph stays above it, two stories on
the same event by different reporters stay far below). Groups are the
connected components of those pairs, so they do not depend on the order in
which articles arrive; each group is represented by its first article by
``(published date, id)`` (the earliest: usually the original), which carries
every URL of the group in ``Article.urls`` (``schema:url`` for each in RDF).

Memory: a signature is ``num_perm`` 32-bit integers per article (256 bytes by
default); texts are not kept.

>>> from graph.model import Article
>>> story = " ".join(f"kalimat nomor {i} tentang pelindungan pekerja migran." for i in range(20))
>>> a = Article(id="a", name="a", text="Jakarta (ANTARA) - " + story, url="https://a.example/1")
>>> b = Article(id="b", name="b", text="KOMPAS.com - " + story, url="https://b.example/9")
>>> [(x.id, x.urls) for x in dedup([b, a])]
[('a', ('https://a.example/1', 'https://b.example/9'))]
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from graph.model import Article

#: Defaults; a story shorter than ``MIN_WORDS`` is never grouped (short texts share
#: too many shingles by accident: captions, one-line notices, empty pages).
NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.6
#: Band height: two signatures are compared when they agree on a whole band of this
#: many values. With 64 values (16 bands of 4), a pair at Jaccard 0.6 is compared
#: with probability 0.89, at 0.7 0.99, and an unrelated pair (0.05) almost never.
ROWS = 4
MIN_WORDS = 50
SEED = 1

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signer:
    """MinHash signatures with fixed permutations (the same on every machine and run)."""

    num_perm: int = NUM_PERM
    shingle: int = SHINGLE
    seed: int = SEED

    @cached_property
    def _permutations(self) -> object:
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, seed=self.seed, scheme="affine32").permutations

    def words(self, text: str) -> list[str]:
        return _WORD.findall(text.casefold())

    def signature(self, text: str) -> np.ndarray | None:
        """``num_perm`` uint32 values, or None for a text under ``MIN_WORDS`` words."""
        from datasketch import MinHash

        toks = self.words(text)
        if len(toks) < MIN_WORDS:
            return None
        k = self.shingle
        grams = (" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1))
        shingles = {zlib.crc32(g.encode()) for g in grams}
        m = MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            hashfunc=int,
            permutations=self._permutations,
            scheme="affine32",
        )
        m.update_batch(sorted(shingles))
        return np.asarray(m.hashvalues, dtype=np.uint32)


@dataclass(frozen=True)
class Syndication:
    """The groups found: canonical article id -> ids of its copies, and every URL."""

    copies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> copies
    urls: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> all URLs

    @cached_property
    def canonical_of(self) -> dict[str, str]:
        """Copy id -> the id of the article that represents its group."""
        return {c: canon for canon, cs in self.copies.items() for c in cs}

    def is_copy(self, article_id: str) -> bool:
        return article_id in self.canonical_of

    def with_urls(self, article: Article) -> Article:
        """``article`` carrying every URL of its group (unchanged when it has no copies)."""
        urls = self.urls.get(article.id)
        return replace(article, urls=urls) if urls else article


class SyndicationIndex:
    """Collects signatures of a stream of articles; ``groups()`` clusters them.

    Only the signature, the sort key and the URL of each article are kept.
    """

    def __init__(self, signer: Signer | None = None, threshold: float = THRESHOLD) -> None:
        self.signer = signer or Signer()
        self.threshold = threshold
        self._ids: list[str] = []
        self._keys: list[tuple[str, str]] = []
        self._urls: list[str | None] = []
        self._rows: list[np.ndarray] = []
        self._chunks: list[np.ndarray] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article: Article) -> None:
        """Record one article (articles too short to group are ignored)."""
        sig = self.signer.signature(article.text)
        if sig is None:
            return
        self._ids.append(article.id)
        self._keys.append((article.published or "9999-99-99", article.id))
        self._urls.append(article.url)
        self._rows.append(sig)
        if len(self._rows) >= 4096:  # one compact array per 4096 articles
            self._chunks.append(np.stack(self._rows))
            self._rows = []

    def _matrix(self) -> np.ndarray:
        parts = [*self._chunks, *([np.stack(self._rows)] if self._rows else [])]
        if not parts:
            return np.zeros((0, self.signer.num_perm), dtype=np.uint32)
        return np.concatenate(parts)

    def groups(self, among: Container[str] | None = None) -> Syndication:
        """Connected components of the candidate pairs at or above ``threshold``;
        ``among``: only the articles with these ids (e.g. those that did not fail)."""
        sigs = self._matrix()
        rows = [i for i, aid in enumerate(self._ids) if among is None or aid in among]
        if len(rows) < len(self._ids):
            sigs = sigs[rows]
        ids = [self._ids[i] for i in rows]
        keys = [self._keys[i] for i in rows]
        urls_of = [self._urls[i] for i in rows]
        parent = list(range(len(ids)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, j in similar_pairs(sigs, self.threshold):
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
        members: dict[int, list[int]] = {}
        for i in range(len(ids)):
            members.setdefault(find(i), []).append(i)
        copies: dict[str, tuple[str, ...]] = {}
        urls: dict[str, tuple[str, ...]] = {}
        for group in members.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda i: keys[i])
            canon = ids[group[0]]
            copies[canon] = tuple(ids[i] for i in group[1:])
            urls[canon] = tuple(sorted({u for i in group if (u := urls_of[i])}))
        return Syndication(dict(sorted(copies.items())), dict(sorted(urls.items())))


def similar_pairs(sigs: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, i < j, whose estimated Jaccard is >= ``threshold``.

    Candidates share at least one band (a run of ``rows`` signature values); each
    candidate is verified on the whole signature. Sorted: independent of the order
    of rows except through the indices themselves.
    """
    n, num_perm = sigs.shape
    if n < 2:
        return []
    rows = min(ROWS, num_perm)
    bands = num_perm // rows
    need = int(np.ceil(threshold * num_perm - 1e-9))  # equal values needed
    pairs: set[tuple[int, int]] = set()
    for b in range(bands):
        block = np.ascontiguousarray(sigs[:, b * rows : (b + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], n]
        for s, e in zip(starts, ends, strict=True):
            if e - s >= 2:
                pairs.update(_verified(sigs, np.sort(order[s:e]), need))
    return sorted(pairs)


def _verified(sigs: np.ndarray, bucket: np.ndarray, need: int) -> Iterator[tuple[int, int]]:
    """Pairs of one band bucket that agree on at least ``need`` signature values
    (vectorised, in row blocks so a huge bucket stays within memory)."""
    sub = sigs[bucket]
    for lo in range(0, len(bucket), 256):
        eq = (sub[lo : lo + 256, None, :] == sub[None, :, :]).sum(axis=2)
        for x, y in zip(*np.nonzero(eq >= need), strict=True):
            i, j = int(bucket[lo + x]), int(bucket[y])
            if i < j:
                yield (i, j)


def find_syndication(
    articles: Iterable[Article], *, threshold: float = THRESHOLD, signer: Signer | None = None
) -> Syndication:
    """The syndication groups of ``articles`` (streamed; only signatures are kept)."""
    index = SyndicationIndex(signer, threshold)
    for a in articles:
        index.add(a)
    return index.groups()


def dedup(articles: Iterable[Article], *, threshold: float = THRESHOLD) -> list[Article]:
    """The articles with each syndication group replaced by its canonical article,
    which carries every URL of the group (``Article.urls``); order of first appearance."""
    arts = list(articles)
    synd = find_syndication(arts, threshold=threshold)
    return [synd.with_urls(a) for a in arts if not synd.is_copy(a.id)]


__all__ = [
    "Signer",
    "Syndication",
    "SyndicationIndex",
    "dedup",
    "find_syndication",
    "similar_pairs",
]
