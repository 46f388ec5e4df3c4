"""The spaCy pipeline: registered components configured from ``ontology/``.

``spacy.blank("id")`` with a tuned tokenizer, then:

- ``migrasi_sentences``  sentence boundaries for news punctuation
- ``migrasi_mentions``   gazetteer phrases, capitalised names, titles, people, places, phrases
- ``migrasi_quotes``     quotations and their speakers
- ``migrasi_entities``   within-article resolution into entities
- ``migrasi_relations``  the eleven predicates, filtered by the ontology's domains and ranges

Components keep their results on ``doc._.migrasi``; ``to_extraction`` turns them
into the plain ``graph.model`` records the rest of the system reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graph.defaults import MAX_ARTICLE_CHARS, ONTOLOGY_DIR
from graph.extract import (
    chunks,
    context,
    phrases,
    tokens,  # noqa: F401  (registers the tokenizer and sentence component)
)
from graph.extract.doc import DocView
from graph.extract.lexicon import Lexicon, load_lexicon
from graph.extract.mentions import ET, Analysis, Rules, gazetteer_spans
from graph.extract.quotes import attribute, find_quote_spans
from graph.extract.relations import RelationFinder
from graph.extract.resolve import Resolver

if not Doc.has_extension("migrasi"):
    Doc.set_extension("migrasi", default=None)


def _state(doc: Doc) -> dict[str, Any]:
    if doc._.migrasi is None:
        doc._.migrasi = {}
    return doc._.migrasi


@Language.factory("migrasi_mentions", default_config={"ontology_dir": str(ONTOLOGY_DIR)})
def make_mentions(nlp: Language, name: str, ontology_dir: str) -> MentionFinder:
    return MentionFinder(nlp, load_lexicon(Path(ontology_dir)))


class MentionFinder:
    """Gazetteer + rules -> candidate mentions, titles, acronyms (an ``Analysis``)."""

    def __init__(self, nlp: Language, lex: Lexicon) -> None:
        self.lex = lex
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, Any]] = {}
        by_key_lower: dict[str, list] = {}
        by_key_orth: dict[str, list] = {}
        for entry in sorted(lex.entries.values(), key=lambda e: e.id):
            cased = set(entry.acronyms)
            for form in entry.forms():
                target = by_key_orth if form in cased else by_key_lower
                for variant in _punctuation_variants(form):
                    target.setdefault(entry.id, []).append(nlp.make_doc(variant))
        for key, docs in by_key_lower.items():
            self.lower.add(key, docs)
        for key, docs in by_key_orth.items():
            self.orth.add(key, docs)
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> Doc:
        view = DocView(doc)
        matches = []
        for matcher, cased in ((self.orth, True), (self.lower, False)):
            for mid, s, e in matcher(doc):
                ref = self.vocab.strings[mid]
                entry = self.lex.entries[ref]
                matches.append((s, e, ref, entry.type, cased))
        gaz = gazetteer_spans(view, matches)
        a = Analysis(view=view, gaz=gaz)
        r = Rules(self.lex, view, gaz)
        chunks.classify_sequences(a, r)
        acronym_definitions(a, r)
        context.lowercase_titles(a, r)
        context.appositions(a, r)
        context.speakers(a, r)
        context.enumerations(a, r)
        context.locatives(a, r)
        context.dateline(a, r)
        context.credits(a, r)
        phrases.descriptive_phrases(a, r)
        context.list_types(a, r)
        context.period_names(a, r)
        context.fixed_terms(a, r)
        context.government_of(a, r)
        state = _state(doc)
        state["analysis"], state["rules"] = a, r
        return doc


def _punctuation_variants(form: str) -> list[str]:
    """Spellings news uses interchangeably: with and without the serial comma."""
    out = [form]
    # "Nomor 189" / "No. 189" / "189": numbered instruments are written all three ways
    for a, b in ((" Nomor ", " No. "), (" Nomor ", " "), (" No. ", " Nomor "), (" No. ", " ")):
        if a in form:
            out.append(form.replace(a, b))
    for a, b in ((", and ", " and "), (", dan ", " dan "), (", serta ", " serta ")):
        for f in list(out):
            if a in f:
                out.append(f.replace(a, b))
            elif b in f and "," in f:
                out.append(f.replace(b, a))
    return list(dict.fromkeys(out))


def _short_form(v, k: int) -> bool:
    """An acronym ("OINB") or a mixed-case abbreviation ("Disnakertrans", "Kejari")."""
    w = v.words[k]
    return v.is_acronym(k) or (w[:1].isupper() and w.isalpha() and len(w) >= 3)


def _parenthesised_acronym(v, k: int, c) -> str | None:
    """The short form in "Nama Panjang (SINGKATAN)" right after a candidate, if any.

    Accepts all-caps acronyms ("BP2MI"), two-word ones ("RUU PPRT") and Indonesian
    mixed-case abbreviations of multi-word names ("Rakornas", "Desmigratif").
    """
    if k + 2 >= v.n or v.words[k] != "(":
        return None
    if v.words[k + 2] == ")" and (
        v.is_acronym(k + 1)
        or (
            c.end - c.start >= 2
            and v.words[k + 1][:1].isupper()
            and v.words[k + 1].isalpha()
            and len(v.words[k + 1]) >= 4
        )
    ):
        return v.words[k + 1]
    if k + 3 < v.n and v.words[k + 3] == ")" and v.is_acronym(k + 1) and v.is_acronym(k + 2):
        return f"{v.words[k + 1]} {v.words[k + 2]}"
    return None


def acronym_definitions(a: Analysis, r: Rules) -> None:
    """ "Nama Panjang (SINGKATAN)" and "SINGKATAN (Nama Panjang)": both name one entity."""
    v = r.v
    by_end = {c.end: c for c in a.cands}
    by_start = {c.start: c for c in a.cands}
    agencies = r.lex.lists.get("news_agencies", frozenset())
    for c in list(a.cands):
        k = c.end
        acr = _parenthesised_acronym(v, k, c)
        if (
            acr is not None
            and acr.lower() not in agencies
            and not (
                c.type in (ET.PLACE, ET.COUNTRY) and acr[:1].upper() != v.words[c.start][:1].upper()
            )
        ):
            c.aliases.append(acr)
            a.acronyms[acr] = v.span_text(c.start, c.end)
            a.acronym_owner[acr] = c
            _expand_initials(a, r, c, acr)
    # "SINGKATAN (Nama Panjang)": the acronym may be no candidate of its own yet
    for k in range(v.n - 2):
        if v.is_acronym(k) and v.words[k + 1] == "(":
            inner = by_start.get(k + 2)
            if inner is not None and inner.end < v.n and v.words[inner.end] == ")":
                acr = v.words[k]
                inner.aliases.append(acr)
                a.acronyms[acr] = v.span_text(inner.start, inner.end)
                a.acronym_owner[acr] = inner
    del by_end
    # inner acronyms: "Direktorat ... Berkembang (OINB) Kementerian ..." (README C16)
    for c in list(a.cands):
        for k in range(c.start + 1, c.end - 2):
            if v.words[k] == "(" and v.words[k + 2] == ")" and _short_form(v, k + 1):
                acr = v.words[k + 1]
                _expand_initials(a, r, c, acr, end=k)
                # when the letters do not spell the words, the name before "(" is what it stands for
                a.acronyms.setdefault(acr, v.span_text(c.start, k))
                a.acronym_owner.setdefault(acr, c)
    # later bare uses of an article-defined acronym are mentions of that entity
    defined = set(a.acronyms)
    if not defined:
        return
    covered = [False] * v.n
    for c in a.cands:
        for k in range(c.start, c.end):
            covered[k] = True
    from graph.extract.mentions import Cand

    for k in range(v.n):
        if not covered[k] and v.words[k] in defined:
            owner = a.acronym_owner.get(v.words[k])
            if owner is not None:
                use = Cand(
                    k,
                    k + 1,
                    owner.type,
                    "acronym.use",
                    ref=owner.ref,
                    name=v.words[k],
                    confidence=0.8,
                )
                a.cands.append(use)
                for t in a.titles:  # "Kepala Seksi ... ISA, Kenji Watanabe": named in the title
                    if t.head_end <= k < t.end:
                        t.inner.append(use)


def _expand_initials(a: Analysis, r: Rules, c, acr: str, end: int | None = None) -> None:
    """Map an acronym to the words whose initials spell it ("OINB" -> "Organisasi ...")."""
    v = r.v
    k = end if end is not None else c.end
    letters = [ch for ch in acr if ch.isalpha()]
    j = k
    picked: list[int] = []
    while j > c.start and len(picked) < len(letters):
        j -= 1
        w = v.words[j]
        if w[:1].isupper():
            picked.insert(0, j)
        elif not r.connector(j):
            break
    if picked and "".join(v.words[x][0] for x in picked).upper() == "".join(letters).upper():
        a.acronyms.setdefault(acr, v.span_text(picked[0], k))


@Language.factory("migrasi_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        a, r = state["analysis"], state["rules"]
        state["quotes"] = attribute(a, r, find_quote_spans(a.view.text))
        return doc


@Language.factory("migrasi_entities")
def make_entities(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver()


class EntityResolver:
    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        res = Resolver(state["analysis"], state["rules"])
        res.run()
        state["resolver"] = res
        return doc


@Language.factory("migrasi_relations", default_config={"ontology_dir": str(ONTOLOGY_DIR)})
def make_relations(nlp: Language, name: str, ontology_dir: str) -> RelationExtractor:
    return RelationExtractor(Path(ontology_dir))


class RelationExtractor:
    def __init__(self, ontology_dir: Path) -> None:
        from graph.ontology import load_ontology

        onto = load_ontology(ontology_dir)
        from graph.model import Predicate

        self.allowed = {p: (onto.domain(p), onto.range(p)) for p in Predicate}

    def __call__(self, doc: Doc) -> Doc:
        state = _state(doc)
        finder = RelationFinder(
            state["analysis"], state["rules"], state["resolver"], state["quotes"]
        )
        rels = finder.run()
        state["relations"] = [
            x for x in rels if x.s.type in self.allowed[x.p][0] and x.o.type in self.allowed[x.p][1]
        ]
        return doc


def build_pipeline(ontology_dir: Path = ONTOLOGY_DIR) -> Language:
    """A fresh ``spacy.blank("id")`` pipeline with the migrasi components."""
    lex = load_lexicon(ontology_dir)
    abbreviations = {*lex.lists.get("abbreviations", ()), *lex.lists.get("degrees_after", ())}
    abbreviations |= {*lex.lists.get("honorifics_before", ())}
    abbreviations |= {w for w in lex.rank_words if w.endswith(".")}
    raw = set()
    for w in abbreviations:
        if w.endswith("."):
            raw |= {w, w.capitalize(), w.upper(), w[:1].upper() + w[1:]}
    tokenizer = {"@tokenizers": "migrasi.tokenizer.v1", "abbreviations": sorted(raw)}
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": tokenizer}})
    nlp.max_length = MAX_ARTICLE_CHARS  # no parser or NER: memory grows linearly with text
    nlp.add_pipe("migrasi_sentences")
    nlp.add_pipe("migrasi_mentions", config={"ontology_dir": str(ontology_dir)})
    nlp.add_pipe("migrasi_quotes")
    nlp.add_pipe("migrasi_entities")
    nlp.add_pipe("migrasi_relations", config={"ontology_dir": str(ontology_dir)})
    return nlp
