"""Name normalisation shared by extraction, entity resolution, search and scoring.

``norm`` and ``qnorm`` are exactly the normalisations of the gold format's
scoring (``../shared/corpus/README.md`` section 8.1); everything that compares
names uses them so the scorer and the builder agree on what "the same" is.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")

QUOTE_CHARS = "\"'`\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb"
_QUOTE_TABLE = {ord(c): None for c in QUOTE_CHARS}


@functools.lru_cache(maxsize=200_000)
def norm(s: str | None) -> str:
    """Casefold, strip punctuation, collapse whitespace.

    >>> norm("M. Hanif Dhakiri")
    'm hanif dhakiri'
    >>> norm("sidang sesi ke-331")
    'sidang sesi ke 331'
    """
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def qnorm(s: str | None) -> str:
    """Normalise quotation text: drop quote marks, collapse whitespace, casefold.

    >>> qnorm("“Kami  berupaya”")
    'kami berupaya'
    """
    s = unicodedata.normalize("NFKC", s or "")
    s = s.translate(_QUOTE_TABLE)
    return _SPACES.sub(" ", s).strip().casefold()


def fold(s: str | None) -> str:
    """``norm`` plus accent folding, for search keys ("Kleïb" finds "Kleib").

    >>> fold("Café  Müller")
    'cafe muller'
    """
    s = unicodedata.normalize("NFKD", norm(s))
    return "".join(c for c in s if not unicodedata.combining(c))


def slugify(s: str, max_len: int = 60) -> str:
    """A readable, IRI-safe slug (ASCII letters, digits, hyphens).

    >>> slugify("Kementerian Ketenagakerjaan RI")
    'kementerian-ketenagakerjaan-ri'
    >>> slugify("<script>")
    'script'
    """
    s = fold(s)
    s = re.sub(r"[^a-z0-9]+", "-", s.encode("ascii", "ignore").decode()).strip("-")
    return s[:max_len].rstrip("-") or "x"
