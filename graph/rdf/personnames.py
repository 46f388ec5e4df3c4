"""Person names for cross-article matching: strip honorifics and degrees, split initials.

"Dr. H. M. Hanif Dhakiri, S.Sos., M.Si." and "Hanif Dhakiri" must meet on the
same key, while "Budi Santoso" and "Budi Hartono" must not. The word lists come
from ``ontology/lexicon/grammar.yaml`` (``honorifics_before``, ``degrees_after``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.names import fold


@dataclass(frozen=True, slots=True)
class PersonName:
    """A cleaned person name: initials ("m") and full tokens ("hanif", "dhakiri")."""

    clean: str  # the name as written, without honorifics and degrees
    initials: tuple[str, ...]
    full: tuple[str, ...]

    @property
    def is_full(self) -> bool:
        """Two or more full tokens: specific enough to be matched across articles."""
        return len(self.full) >= 2


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class NameCleaner:
    """Strips the configured honorifics (before) and degrees (after) from person names."""

    def __init__(self, honorifics: Iterable[str] = (), degrees: Iterable[str] = ()) -> None:
        hon = _alternation(honorifics)
        dotted = _alternation(d for d in degrees if "." in d)
        bare = _alternation(d for d in degrees if "." not in d)
        # An honorific is a whole leading word; a dotted degree may follow a space or a
        # comma, an undotted one ("MA", "SH") only a comma, so "Budi Sh" keeps its name.
        self._lead = re.compile(rf"^(?:{hon})(?:\s+|(?<=\.))") if hon else None
        parts = [f"[\\s,]+(?:{dotted})" if dotted else "", f",\\s*(?:{bare})\\b" if bare else ""]
        tail = "|".join(p for p in parts if p)
        self._tail = re.compile(rf"(?:{tail})\s*$") if tail else None

    def clean(self, name: str) -> str:
        """The name without leading honorifics and trailing degrees.

        >>> NameCleaner(["Dr.", "H."], ["S.Sos.", "M.Si."]).clean("Dr. H. Budi, S.Sos., M.Si.")
        'Budi'
        """
        s = " ".join(name.split())
        changed = True
        while changed:
            changed = False
            if self._lead and (m := self._lead.match(s)) and s[m.end() :].strip():
                s, changed = s[m.end() :].lstrip(), True
            if self._tail and (m := self._tail.search(s)) and s[: m.start()].strip():
                s, changed = s[: m.start()].rstrip(" ,"), True
        return s.strip(" ,")

    def parse(self, name: str) -> PersonName:
        """Cleaned name split into initials and full tokens (folded).

        >>> NameCleaner().parse("M. Hanif Dhakiri")
        PersonName(clean='M. Hanif Dhakiri', initials=('m',), full=('hanif', 'dhakiri'))
        """
        clean = self.clean(name)
        tokens = fold(clean).split()
        initials = tuple(t for t in tokens if len(t) == 1)
        full = tuple(t for t in tokens if len(t) > 1)
        return PersonName(clean, initials, full)


def initials_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Initials agree when one list is a prefix of the other ("m" vs "m", "m" vs "")."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def extra_tokens_fit(extra: tuple[str, ...], initials: tuple[str, ...]) -> bool:
    """Leading full tokens ("muhammad") agree with the other form's initials ("m")."""
    return all(tok[0] == ini for tok, ini in zip(extra, initials, strict=False))
