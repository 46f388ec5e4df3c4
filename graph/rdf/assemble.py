"""Extraction + entity IRIs -> RDF triples in the model of ARCHITECTURE.md.

Two products: the triples of one article's named graph (its metadata, the
entities it mentions, every relation as a direct edge plus an ``mo:Assertion``
carrying the evidence, positions as W3C ORG memberships, quotes), and the
triples of the shared ``mid:graph/entities`` graph (one type, one prefLabel,
every other surface form as altLabel, curated gazetteer data). No blank nodes:
every node IRI is minted from content, so the output is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.model import Extraction, Predicate
from graph.rdf.iris import article_iri, assertion_iri, position_iri, quote_iri, role_iri
from graph.rdf.resolve import Resolution
from graph.rdf.vocab import DCT, MO, ORG, PROV, RDF, SCHEMA, SKOS, XSD

Triple = tuple[Node, Node, Node]

#: Bumped whenever the shape of the generated triples changes: forces a rewrite of
#: every article graph on the next incremental build.
RDF_VERSION = "2"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: a news article's address: http(s) only, never ``javascript:``, ``data:`` or ``file:``
#: (a viewer or notebook that renders the URL as a link must not get a script)
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_AUTHORITY = re.compile(r"^([^/?#]*//[^/?#]*)(.*)$", re.DOTALL)
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def text_literal(value: str) -> Literal:
    """A plain string literal; characters no RDF store can hold (lone surrogates from a
    badly decoded page) become U+FFFD instead of failing the whole batch."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return Literal(value)


def date_literal(value: str | None) -> Literal | None:
    """An xsd:date literal for a valid ISO date, else None (never an invalid literal)."""
    if not value or not _DATE.match(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD.date)


def confidence_literal(value: float) -> Literal:
    """Confidence as xsd:decimal, three places, in the canonical form Oxigraph also
    prints ("0.8", "1"), so every store returns the same lexical value."""
    d = Decimal(str(round(min(max(float(value), 0.0), 1.0), 3))).normalize()
    return Literal(format(d, "f"), datatype=XSD.decimal)


def url_node(url: str | None) -> URIRef | None:
    """The article URL as an IRI, percent-encoding what an IRI may not contain; None
    for anything but an http(s) URL."""
    if not url or not _SCHEME.match(url.strip()):
        return None
    iri = quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%-._~")
    # brackets are legal only around an IPv6 host, "%" only before two hex digits
    head, rest = _AUTHORITY.match(iri).groups()  # type: ignore[union-attr]
    rest = _STRAY_PERCENT.sub("%25", rest).replace("[", "%5B").replace("]", "%5D")
    iri = head + rest
    try:
        import pyoxigraph

        pyoxigraph.NamedNode(iri)
    except ValueError:
        return None
    return URIRef(iri)


def article_triples(ex: Extraction, iris: Mapping[str, str]) -> list[Triple]:
    """Everything one article asserts, for its named graph.

    ``iris`` maps the extraction's local entity ids to resolved IRIs; relations and
    quotes whose ends are not in it are left out.
    """
    art = ex.article
    a = article_iri(art.id)
    date = date_literal(art.published)
    out: list[Triple] = [
        (a, RDF.type, MO.Article),
        (a, DCT.identifier, text_literal(art.id)),
        (a, MO.name, text_literal(art.name)),
    ]
    if art.title:
        out.append((a, DCT.title, text_literal(art.title)))
    for url in dict.fromkeys((art.url, *art.urls)):  # a syndicated story: every outlet's URL
        if (u := url_node(url)) is not None:
            out.append((a, SCHEMA.url, u))
    if date is not None:
        out.append((a, DCT.issued, date))
    if art.source:
        out.append((a, DCT.publisher, text_literal(art.source)))
    if art.content_hash:
        out.append((a, MO.contentHash, text_literal(art.content_hash)))
    for e in ex.entities:
        if e.id in iris:
            out.append((a, MO.mentions, URIRef(iris[e.id])))
    for r in ex.relations:
        s, o = iris.get(r.s), iris.get(r.o)
        if s is None or o is None or s == o:
            continue
        out.extend(_relation(art.id, a, URIRef(s), r.p, URIRef(o), r, date))
    for q in ex.quotes:
        speaker = iris.get(q.speaker)
        if speaker is None or not q.text.strip():
            continue
        node = quote_iri(art.id, q.start, q.end, q.text)
        out += [
            (node, RDF.type, MO.Quote),
            (node, SCHEMA.text, text_literal(q.text)),
            (node, MO.spokenBy, URIRef(speaker)),
            (node, MO.quotedIn, a),
            (node, MO.charStart, Literal(int(q.start))),
            (node, MO.charEnd, Literal(int(q.end))),
            (node, MO.rule, text_literal(q.evidence.rule)),
            (node, MO.confidence, confidence_literal(q.evidence.confidence)),
        ]
        if date is not None:
            out.append((node, DCT.date, date))
    return list(dict.fromkeys(out))  # de-duplicated; order is irrelevant to a store


def _relation(
    article_id: str, a: URIRef, s: URIRef, p: Predicate, o: URIRef, r: Any, date: Literal | None
) -> Iterator[Triple]:
    pred = MO[p.value]
    ev = r.evidence
    node = assertion_iri(article_id, s, p.value, o, ev.start, ev.end, ev.rule)
    yield (s, pred, o)
    yield (node, RDF.type, MO.Assertion)
    yield (node, RDF.subject, s)
    yield (node, RDF.predicate, pred)
    yield (node, RDF.object, o)
    yield (node, PROV.wasDerivedFrom, a)
    if ev.sentence.strip():
        yield (node, MO.evidenceText, text_literal(ev.sentence))
    yield (node, MO.charStart, Literal(int(ev.start)))
    yield (node, MO.charEnd, Literal(int(max(ev.end, ev.start))))
    yield (node, MO.rule, text_literal(ev.rule))
    yield (node, MO.confidence, confidence_literal(ev.confidence))
    role = (r.role or "").strip()
    if p is Predicate.HOLDS_ROLE and role:
        pos = position_iri(article_id, s, o, role)
        yield (pos, RDF.type, MO.Position)
        yield (pos, ORG.member, s)
        yield (pos, ORG.organization, o)
        yield (pos, ORG.role, role_iri(role))
        yield (pos, MO.roleLabel, text_literal(role))
        yield (pos, MO.implied, Literal(bool(r.implied)))
        yield (pos, PROV.wasDerivedFrom, a)
        yield (pos, MO.assertion, node)
        if date is not None:
            yield (pos, DCT.date, date)


def role_titles(ex: Extraction) -> list[str]:
    """The position titles an extraction uses (input of the shared role concepts)."""
    return [
        r.role.strip()
        for r in ex.relations
        if r.p is Predicate.HOLDS_ROLE and r.role and r.role.strip()
    ]


def entity_triples(
    res: Resolution, roles: Mapping[str, int] | Iterable[str] = (), ontology: Any | None = None
) -> list[Triple]:
    """The shared entities graph: descriptions of every resolved node and role concept.

    Curated entries bring their gazetteer triples (and those of the parents and
    countries they point to, so every linked node is described).
    """
    out: set[Triple] = set()
    gaz = _gazetteer_by_subject(ontology) if any(e.ref for e in res.entities.values()) else {}
    wanted_refs: list[str] = []
    for e in res.entities.values():
        node = URIRef(e.iri)
        if e.ref and e.iri in gaz:
            wanted_refs.append(e.iri)
        else:
            out.add((node, RDF.type, MO[e.type.value]))
            out.add((node, SKOS.prefLabel, text_literal(e.label)))
        for alt in e.alt_labels:
            out.add((node, SKOS.altLabel, text_literal(alt)))
    seen: set[str] = set()
    while wanted_refs:
        iri = wanted_refs.pop()
        if iri in seen:
            continue
        seen.add(iri)
        for t in gaz.get(iri, ()):
            out.add(t)
            if t[1] in (MO.partOf, MO.locatedIn) and str(t[2]) in gaz:
                wanted_refs.append(str(t[2]))
    pref = {(s, o) for s, p, o in out if p == SKOS.prefLabel}
    out -= {(s, SKOS.altLabel, o) for s, o in pref}  # a label is never also an altLabel
    out.update(role_triples(roles))
    return sorted(out)


def role_triples(roles: Mapping[str, int] | Iterable[str]) -> list[Triple]:
    """One ``mo:Role`` per normalised title; its label is the most used spelling."""
    counts = Counter(roles) if not isinstance(roles, Mapping) else Counter(dict(roles))
    by_iri: dict[URIRef, Counter[str]] = defaultdict(Counter)
    for title, n in counts.items():
        by_iri[role_iri(title)][title] += n
    out: list[Triple] = []
    for iri, spellings in sorted(by_iri.items()):
        label = min(spellings, key=lambda t: (-spellings[t], t))
        out += [(iri, RDF.type, MO.Role), (iri, SKOS.prefLabel, text_literal(label))]
    return out


def _gazetteer_by_subject(ontology: Any | None) -> dict[str, list[Triple]]:
    if ontology is None:
        from graph.ontology import load_ontology

        ontology = load_ontology()
    by_subject: dict[str, list[Triple]] = defaultdict(list)
    for t in ontology.gazetteer_graph():
        by_subject[str(t[0])].append(t)
    return by_subject
