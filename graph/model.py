"""Plain records that flow between the stages.

corpus -> ``Article``; extract -> ``Extraction`` (entities, relations, quotes with
their evidence); rdf and everything after it read these records, never spaCy
objects. The JSON form of an ``Extraction`` is exactly the gold format of the
development corpus (``../shared/corpus/README.md`` section 3 and 8.2) plus
extra fields (evidence, offsets, rule, confidence) that the scorer ignores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EntityType(StrEnum):
    """The nine entity types of the gold format (a closed set)."""

    PERSON = "Person"
    GOVERNMENT_BODY = "GovernmentBody"
    INTERNATIONAL_ORGANIZATION = "InternationalOrganization"
    CIVIL_SOCIETY = "CivilSociety"
    AGREEMENT = "Agreement"
    PROGRAM = "Program"
    EVENT = "Event"
    COUNTRY = "Country"
    PLACE = "Place"


ORGANISATION_TYPES = frozenset(
    {
        EntityType.GOVERNMENT_BODY,
        EntityType.INTERNATIONAL_ORGANIZATION,
        EntityType.CIVIL_SOCIETY,
    }
)


class Predicate(StrEnum):
    """The eleven relation predicates of the gold format (a closed set)."""

    HOLDS_ROLE = "holdsRole"
    MEMBER_OF = "memberOf"
    PARTY_TO = "partyTo"
    ADOPTED = "adopted"
    SIGNS = "signs"
    COLLABORATES_WITH = "collaboratesWith"
    ORGANIZES = "organizes"
    PARTICIPATES_IN = "participatesIn"
    RUNS = "runs"
    PART_OF = "partOf"
    LOCATED_IN = "locatedIn"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from the corpus, boilerplate removed.

    ``text`` is the kept story text and the coordinate system of every offset
    downstream (mentions, evidence, quotes). ``story_span`` is where that text
    starts and ends in the decoded input (``raw``), for showing what was cut.
    """

    id: str  # stable: hash of the URL, else of the story text
    name: str  # short human key (file stem, JSONL id); names the gold-format JSON file
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD", or None when unknown
    published_how: str = "unknown"  # "metadata" | "text" | "inferred" | "unknown"
    source: str | None = None  # outlet / publisher
    path: str | None = None  # file it came from, with ":LINE" for JSONL
    story_span: tuple[int, int] = (0, 0)
    content_hash: str = ""  # sha256 of text + metadata; decides incremental rebuilds
    urls: tuple[str, ...] = ()  # every URL of a syndicated story (see dedup)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "published_how": self.published_how,
            "source": self.source,
            "path": self.path,
            "story_span": list(self.story_span),
            "content_hash": self.content_hash,
            "urls": list(self.urls),
            "text": self.text,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"],
            name=d.get("name") or d["id"],
            text=d["text"],
            title=d.get("title"),
            url=d.get("url"),
            published=d.get("published"),
            published_how=d.get("published_how", "unknown"),
            source=d.get("source"),
            path=d.get("path"),
            story_span=tuple(d.get("story_span") or (0, len(d["text"]))),  # type: ignore[arg-type]
            content_hash=d.get("content_hash", ""),
            urls=tuple(d.get("urls") or ()),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in ``Article.text``."""

    text: str
    start: int
    end: int
    rule: str = ""  # the component/pattern that found it


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the extractor believes something: the sentence, where it is, which rule."""

    sentence: str
    start: int  # sentence offsets in Article.text
    end: int
    rule: str
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["sentence"], int(d["start"]), int(d["end"]), d["rule"], float(d["confidence"]))


@dataclass(slots=True)
class Entity:
    """A thing the article talks about, resolved within the article."""

    id: str  # article-local id: "e1", "e2", ...
    name: str  # fullest form used in the text
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    ref: str | None = None  # gazetteer id when linked to a curated entry

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": str(self.type),
            "aliases": list(self.aliases),
        }
        if self.ref:
            d["ref"] = self.ref
        if self.mentions:
            d["mentions"] = [[m.start, m.end, m.rule] for m in self.mentions]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any], text: str = "") -> Entity:
        mentions = [
            Mention(text[s:e] if text else "", int(s), int(e), rule)
            for s, e, rule in d.get("mentions", [])
        ]
        return cls(
            id=d["id"],
            name=d["name"],
            type=EntityType(d["type"]),
            aliases=list(d.get("aliases", [])),
            mentions=mentions,
            ref=d.get("ref"),
        )


@dataclass(slots=True)
class Relation:
    """An asserted fact between two entities of one article."""

    s: str
    p: Predicate
    o: str
    evidence: Evidence
    role: str | None = None  # holdsRole only: the title as written
    implied: bool = False  # holdsRole only: organisation inferred from the title

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"s": self.s, "p": str(self.p), "o": self.o}
        if self.p is Predicate.HOLDS_ROLE:
            d["role"] = self.role or ""
            if self.implied:
                d["implied"] = True
        d["evidence"] = self.evidence.to_json()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Relation:
        ev = d.get("evidence") or {
            "sentence": "",
            "start": 0,
            "end": 0,
            "rule": "",
            "confidence": 1,
        }
        return cls(
            s=d["s"],
            p=Predicate(d["p"]),
            o=d["o"],
            evidence=Evidence.from_json(ev),
            role=d.get("role"),
            implied=bool(d.get("implied", False)),
        )


@dataclass(slots=True)
class Quote:
    """A direct quotation and the person it is attributed to."""

    speaker: str  # entity id of a Person
    text: str  # the whole quotation, without the quote marks
    start: int  # offsets of the quotation in Article.text
    end: int
    evidence: Evidence  # the attribution: sentence + rule + confidence

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence.to_json(),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Quote:
        ev = d.get("evidence") or {
            "sentence": "",
            "start": 0,
            "end": 0,
            "rule": "",
            "confidence": 1,
        }
        text = d.get("text") or d.get("starts") or ""
        return cls(
            speaker=d["speaker"],
            text=text,
            start=int(d.get("start", 0)),
            end=int(d.get("end", 0)),
            evidence=Evidence.from_json(ev),
        )


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)

    def to_displacy(self) -> dict[str, Any]:
        """The article with its entity mentions in displaCy's manual ``ent`` format, so
        ``spacy.displacy.render(x.to_displacy(), style="ent", manual=True)`` highlights
        what was found. Overlapping mentions keep the earlier, then longer, one.

        >>> a = Article(id="a", name="a", text="Menaker Budi bertemu IOM.")
        >>> e = Entity("e1", "IOM", EntityType.INTERNATIONAL_ORGANIZATION,
        ...            mentions=[Mention("IOM", 21, 24)])
        >>> Extraction(a, [e]).to_displacy()["ents"]
        [{'start': 21, 'end': 24, 'label': 'InternationalOrganization'}]
        """
        spans = sorted(
            ((m.start, m.end, str(e.type)) for e in self.entities for m in e.mentions),
            key=lambda s: (s[0], -s[1]),
        )
        ents: list[dict[str, Any]] = []
        for start, end, label in spans:
            if ents and start < ents[-1]["end"]:
                continue
            ents.append({"start": start, "end": end, "label": label})
        return {"text": self.article.text, "ents": ents, "title": self.article.title}

    def to_json(self, *, with_article: bool = False) -> dict[str, Any]:
        """The gold format of ``../shared/corpus/README.md`` (+ ignored extras)."""
        d: dict[str, Any] = {
            "article": self.article.name,
            "published": self.article.published,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "quotes": [q.to_json() for q in self.quotes],
            "noise": [],
        }
        if with_article:
            d["meta"] = self.article.to_json()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any], article: Article | None = None) -> Extraction:
        if article is None:
            meta = d.get("meta")
            article = (
                Article.from_json(meta)
                if meta
                else Article(
                    id=d["article"], name=d["article"], text="", published=d.get("published")
                )
            )
        return cls(
            article=article,
            entities=[Entity.from_json(e, article.text) for e in d.get("entities", [])],
            relations=[Relation.from_json(r) for r in d.get("relations", [])],
            quotes=[Quote.from_json(q) for q in d.get("quotes", [])],
        )
