"""Extraction: Indonesian news article -> entities, roles, relations and quotes.

>>> from graph.extract import Extractor                      # doctest: +SKIP
>>> ex = Extractor()                                          # doctest: +SKIP
>>> result = ex.extract(article)                              # doctest: +SKIP
>>> [(e.name, e.type) for e in result.entities]               # doctest: +SKIP

The pipeline is ``spacy.blank("id")`` plus rule components configured from
``ontology/`` (see ``graph.extract.pipeline``); no statistical model is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from graph.defaults import MAX_ARTICLE_CHARS, ONTOLOGY_DIR
from graph.model import Article, Entity, Evidence, Extraction, Quote, Relation

__all__ = ["ArticleTooLong", "Extractor", "to_extraction"]


class Extractor:
    """Builds the pipeline once; extracts any number of articles."""

    def __init__(self, ontology_dir: Path = ONTOLOGY_DIR) -> None:
        from graph.extract.pipeline import build_pipeline

        self.ontology_dir = ontology_dir
        self.nlp = build_pipeline(ontology_dir)

    def extract(self, article: Article) -> Extraction:
        _check_length(article)
        return to_extraction(self.nlp(article.text), article)

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Extraction]:
        """Extract a stream of articles (order preserved, constant memory)."""
        buffered: list[Article] = []
        for art in articles:
            buffered.append(art)
            if len(buffered) >= batch_size:
                yield from self._batch(buffered)
                buffered = []
        if buffered:
            yield from self._batch(buffered)

    def _batch(self, arts: list[Article]) -> Iterator[Extraction]:
        for art in arts:
            _check_length(art)
        for art, doc in zip(arts, self.nlp.pipe(a.text for a in arts), strict=True):
            yield to_extraction(doc, art)

    def __reduce__(self):  # rebuild in worker processes instead of pickling spaCy state
        return (Extractor, (self.ontology_dir,))


class ArticleTooLong(ValueError):
    """An article longer than ``graph.defaults.MAX_ARTICLE_CHARS`` characters."""


def _check_length(article: Article) -> None:
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(
            f"{article.path or article.name}: story text has {len(article.text):,} characters, "
            f"more than the limit of {MAX_ARTICLE_CHARS:,}"
        )


def to_extraction(doc: Doc, article: Article) -> Extraction:
    """Plain records from a processed doc: entity ids e1.. in order of first mention."""
    from graph.extract.resolve import entity_forms

    state = doc._.migrasi or {}
    res = state.get("resolver")
    if res is None:
        return Extraction(article=article)
    v = res.v
    lex = state["rules"].lex
    groups = [g for g in res.groups if g.cands or g.implied_only]
    groups.sort(key=lambda g: (g.first, g.type))
    ids: dict[int, str] = {}
    entities: list[Entity] = []
    for g in groups:
        name, aliases, mentions = entity_forms(res, g, lex.entries)
        if not name.strip():
            continue
        eid = f"e{len(entities) + 1}"
        ids[id(g)] = eid
        entities.append(Entity(eid, name, g.type, aliases, mentions, g.ref))
    relations: list[Relation] = []
    seen: dict[tuple, Relation] = {}
    for rel in state.get("relations", []):
        s, o = ids.get(id(rel.s)), ids.get(id(rel.o))
        if s is None or o is None or s == o:
            continue
        key = (s, str(rel.p), o)
        if rel.p.value == "collaboratesWith":
            key = (min(s, o), str(rel.p), max(s, o))
        a, b = v.sent_span(rel.sent)
        ev = Evidence(v.text[a:b], a, b, rel.rule, rel.confidence)
        new = Relation(s, rel.p, o, ev, rel.role, rel.implied)
        old = seen.get(key)
        if old is None:
            seen[key] = new
            relations.append(new)
        elif rel.role and len(rel.role) > len(old.role or ""):
            old.role, old.implied = rel.role, rel.implied
    quotes: list[Quote] = []
    for q in state.get("quotes", []):
        g = res.group(q.speaker)
        sid = ids.get(id(g)) if g is not None else None
        if sid is None:
            continue
        sent = v.text.rfind("\n", 0, q.start) + 1
        end = v.text.find("\n", q.end)
        end = len(v.text) if end < 0 else end
        ev = Evidence(v.text[sent:end].strip(), sent, end, q.rule, q.confidence)
        quotes.append(Quote(sid, v.text[q.start : q.end], q.start, q.end, ev))
    return Extraction(article=article, entities=entities, relations=relations, quotes=quotes)
