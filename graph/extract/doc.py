"""A flat, read-only view of a spaCy ``Doc`` that the rules share.

Rules look at the same few token attributes thousands of times per article;
reading them once into Python lists is several times faster than touching
``Token`` objects in every rule, and keeps the rules free of spaCy types.
"""

from __future__ import annotations

import functools

from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc

OPEN_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "''", "‘’", "«", "„"})


@functools.lru_cache(maxsize=100_000)
def _acronym(w: str) -> bool:
    if not w[:1].isalpha() or not w[:1].isupper():
        return False
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class DocView:
    """Token texts, offsets and sentence ids of one document."""

    __slots__ = ("acr", "ends", "idx", "lower", "n", "sent", "sents", "space", "text", "words")

    def __init__(self, doc: Doc) -> None:
        self.text: str = doc.user_data.get("text") or doc.text
        n = len(doc)
        self.n: int = n
        arr = doc.to_array([ORTH, IDX, IS_SPACE, SENT_START]).tolist() if n else []
        strings = doc.vocab.strings
        self.words: list[str] = [strings[row[0]] for row in arr]
        self.lower: list[str] = [w.lower() for w in self.words]
        self.idx: list[int] = [row[1] for row in arr]
        self.ends: list[int] = [i + len(w) for i, w in zip(self.idx, self.words, strict=True)]
        self.space: list[bool] = [bool(row[2]) for row in arr]
        self.acr: list[bool] = [_acronym(w) for w in self.words]
        self.sent: list[int] = [0] * n
        self.sents: list[tuple[int, int]] = []
        start = 0
        for k in range(n):
            if k and arr[k][3] == 1:
                self.sents.append((start, k))
                start = k
            self.sent[k] = len(self.sents)
        if n:
            self.sents.append((start, n))

    def span_text(self, i: int, j: int) -> str:
        """The exact text of tokens ``[i, j)``."""
        if j <= i:
            return ""
        return self.text[self.idx[i] : self.ends[j - 1]]

    def sent_span(self, s: int) -> tuple[int, int]:
        """Character offsets of sentence ``s`` (whitespace trimmed)."""
        i, j = self.sents[s]
        while i < j and self.space[i]:
            i += 1
        while j > i and self.space[j - 1]:
            j -= 1
        if j <= i:
            return self.idx[self.sents[s][0]], self.idx[self.sents[s][0]]
        return self.idx[i], self.ends[j - 1]

    def sent_text(self, s: int) -> str:
        a, b = self.sent_span(s)
        return self.text[a:b]

    def is_cap(self, i: int) -> bool:
        w = self.words[i]
        return w[:1].isupper()

    def is_acronym(self, i: int) -> bool:
        """All-caps word of 2+ letters, digits allowed: "IOM", "BP2MI", "ILC"."""
        return self.acr[i]

    def is_initial(self, i: int) -> bool:
        w = self.words[i]
        return len(w) == 2 and w[0].isupper() and w[1] == "."

    def is_number(self, i: int) -> bool:
        return self.words[i][:1].isdigit()

    def is_quote(self, i: int) -> bool:
        return self.words[i] in OPEN_QUOTES

    def sent_start(self, i: int) -> int:
        return self.sents[self.sent[i]][0]

    def sent_end(self, i: int) -> int:
        return self.sents[self.sent[i]][1]

    def first_in_sentence(self, i: int) -> bool:
        """True when only spaces, quotes, dashes or a dateline precede ``i`` in its sentence."""
        k = self.sent_start(i)
        while k < i and (
            self.space[k] or self.is_quote(k) or self.words[k] in {"-", "–", "—", "("}
        ):
            k += 1
        return k == i
