"""Deterministic IRIs: the same input gives the same IRI on every machine and run.

Entity IRIs are chosen by ``graph.rdf.resolve`` (curated ``mid:{id}`` or
``mid:{kind}/{slug}``); this module mints everything else from content:
articles from their id, assertions, positions and quotes from a hash of what
they state, roles from the normalised title.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from graph.names import norm, slugify
from graph.rdf.vocab import MID


def short_hash(*parts: object, n: int = 12) -> str:
    """A stable hex digest of ``parts`` (never Python's randomised ``hash``)."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


def safe_segment(s: str) -> str:
    """An IRI path segment for an id that may hold any character."""
    return quote(s, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    return MID["article/" + safe_segment(article_id)]


def article_scope(article_id: str) -> str:
    """The short suffix that scopes a descriptive entity to its article."""
    seg = slugify(article_id, max_len=40)
    return seg[:8] if len(seg) > 8 and all(c in "0123456789abcdef" for c in seg) else seg


def assertion_iri(
    article_id: str, s: str, p: str, o: str, start: int, end: int, rule: str
) -> URIRef:
    return MID["assertion/" + short_hash(article_id, s, p, o, start, end, rule, n=16)]


def position_iri(article_id: str, person: str, org: str, role: str) -> URIRef:
    return MID["position/" + short_hash(article_id, person, org, norm(role), n=16)]


def quote_iri(article_id: str, start: int, end: int, text: str) -> URIRef:
    return MID["quote/" + short_hash(article_id, start, end, text, n=16)]


def role_iri(title: str) -> URIRef:
    """One role concept per normalised title; long titles keep a hash of the full title."""
    full = slugify(title, max_len=10_000)
    slug = slugify(title, max_len=80)
    if slug != full:
        slug = f"{slug}-{short_hash(norm(title), n=6)}"
    return MID["role/" + slug]
