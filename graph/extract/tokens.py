"""Tokenizer and sentence boundaries that survive Indonesian news punctuation.

spaCy's ``id`` tokenizer carries ~16,000 special cases (slow once its cache is
full) and splits every hyphenated word ("ke-331", "Bemmel-Faulkner",
"antar-pemangku"). We keep its prefix/suffix rules, drop the special cases,
keep hyphenated words whole, and add back only the abbreviations the lexicon
lists plus two shapes: initials ("M.") and dotted degrees ("S.Sos.", "M.Si.").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# Initials and dotted abbreviations stay one token: "M.", "S.Sos.", "M.Si.", "Ph.D.", "a.n."
_TOKEN_MATCH = re.compile(r"^(?:[A-Z]\.|(?:[A-Za-z]{1,4}\.){2,}[A-Za-z]{0,3}\.?)$")

_HYPHENATED = ("hak-hak", "ke-331", "Bemmel-Faulkner", "COVID-19", "2022-2023")


class TextKeepingTokenizer:
    """Keeps the input string on ``doc.user_data["text"]``.

    ``Doc.text`` rebuilds the string from tokens (a few ms per article); the
    rules read the text many times, so they take it from here instead.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data["text"] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def add_special_case(self, string: str, substrings: list[dict]) -> None:
        self.tokenizer.add_special_case(string, substrings)


def make_tokenizer(nlp: Language, abbreviations: Iterable[str]) -> Tokenizer:
    """A fast tokenizer for ``nlp`` (a ``spacy.blank("id")``) keeping hyphenated words."""
    defaults = nlp.Defaults
    # drop every infix rule that would split a plain hyphen between letters or digits
    infixes = [p for p in defaults.infixes if not any(re.search(p, s) for s in _HYPHENATED)]
    infixes.append(r"(?<=[^\W\d_])/(?=[^\W\d_])")  # "Kementerian/Lembaga"
    infixes.append(
        r"--+|(?<!\d)[–—]|[–—](?!\d)"
    )  # "nusakini.com--Direktorat", "kata–nya"; not "2026–2030"
    prefixes = [*defaults.prefixes, r"[–—]"]
    tok = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=_TOKEN_MATCH.match,
        url_match=defaults.url_match,
    )
    for abbr in abbreviations:
        if abbr and " " not in abbr:
            tok.add_special_case(abbr, [{"ORTH": abbr}])
    return tok


@spacy.registry.tokenizers("migrasi.tokenizer.v1")
def create_tokenizer(abbreviations: list[str]):
    """Registered tokenizer factory: ``spacy.blank`` never builds the 16,000 default rules."""

    def make(nlp: Language) -> TextKeepingTokenizer:
        return TextKeepingTokenizer(make_tokenizer(nlp, abbreviations))

    return make


_END_PUNCT = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "»"})


@Language.factory("migrasi_sentences")
def make_sentencizer(nlp: Language, name: str) -> SentenceBoundaries:
    return SentenceBoundaries()


class SentenceBoundaries:
    """Sentence starts at paragraph breaks and after . ! ? (+ closing quotes).

    Abbreviations never end a sentence because the tokenizer keeps their period
    inside the token; a period followed by a lowercase word does not end one either.
    """

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, SPACY]).tolist()
        words = [strings[row[0]] for row in arr]
        starts = numpy.full((n, 1), -1, dtype="int64")  # -1: spaCy's "not a sentence start"
        starts[0, 0] = 1
        i = 0
        while i < n:
            w = words[i]
            if "\n" in w and not w.strip():
                if i + 1 < n:
                    starts[i + 1, 0] = 1
            elif w in _END_PUNCT:
                j = i + 1
                while j < n and words[j] in _CLOSERS and not arr[j - 1][1]:
                    j += 1
                if j < n and arr[j - 1][1]:
                    nxt = words[j]
                    if nxt[:1].isupper() or nxt[:1].isdigit() or nxt in {'"', "“", "‘"}:
                        starts[j, 0] = 1
                i = j - 1
            i += 1
        doc.from_array([SENT_START], starts.astype("uint64"))
        return doc
