"""Property-based tests (hypothesis): whatever the input, no crash, valid and stable IRIs.

Issue 9, point 7: the corpus reader, name normalisation and IRI minting.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from graph.corpus import read_corpus
from graph.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Predicate,
    Quote,
    Relation,
)
from graph.names import fold, norm, qnorm, slugify
from graph.rdf.assemble import article_triples, entity_triples, role_titles, url_node
from graph.rdf.iris import article_iri, role_iri
from graph.rdf.resolve import ResolverConfig, records_of, resolve

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# any text, including control, zero-width, RTL, surrogates excluded (not encodable)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
NAME = st.text(
    st.characters(blacklist_categories=("Cs",), whitelist_characters="\"'<>{}\\\n]]>"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


def _valid_iri(iri: str) -> None:
    ox.NamedNode(iri)  # raises on an invalid IRI
    assert not any(c in iri for c in ' <>"{}|^`\\\n\t'), iri


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_reader_never_crashes_on_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    articles, skipped = read_corpus([path])
    for a in articles:
        assert isinstance(a.text, str) and a.text.strip() and a.id
    for s in skipped:
        assert s.path.startswith(str(path)) and s.reason
    if suffix != ".jsonl":
        assert len(articles) + len(skipped) == 1  # one file: read, or skipped with a reason


@SETTINGS
@given(s=TEXT)
def test_name_normalisation_is_idempotent(s: str) -> None:
    for f in (norm, qnorm, fold):
        once = f(s)
        assert isinstance(once, str) and f(once) == once
    slug = slugify(s)
    assert slug == slugify(slug) or not slug
    assert all(c.isalnum() or c == "-" for c in slug) and len(slug) <= 60


def _extraction(name: str, org: str, role: str, aid: str) -> Extraction:
    text = f"{role} {org}, {name}, berkata: “Kami siap.”"
    art = Article(id=aid, name=aid, text=text, title=name, url=f"https://example.org/{aid}")
    p = Entity("e1", name, EntityType.PERSON, mentions=[Mention(name, 0, len(name))])
    o = Entity("e2", org, EntityType.GOVERNMENT_BODY, mentions=[Mention(org, 0, len(org))])
    ev = Evidence(text, 0, len(text), "test.rule", 0.9)
    rel = Relation("e1", Predicate.HOLDS_ROLE, "e2", ev, role=role)
    quote = Quote("e1", "Kami siap.", 0, 10, ev)
    return Extraction(art, [p, o], [rel], [quote])


@SETTINGS
@given(name=NAME, org=NAME, role=NAME, aid=NAME)
def test_minted_iris_are_valid_and_stable(name: str, org: str, role: str, aid: str) -> None:
    ex = _extraction(name, org, role, aid)
    cfg = ResolverConfig.from_ontology(None)
    runs = []
    for _ in range(2):
        res = resolve(records_of(ex), cfg)
        triples = article_triples(ex, res.article_map(aid)) + entity_triples(res, role_titles(ex))
        runs.append(sorted(map(str, triples)))
        for t in triples:
            for term in t:
                if isinstance(term, URIRef):
                    _valid_iri(str(term))
    assert runs[0] == runs[1]
    _valid_iri(str(article_iri(aid)))
    _valid_iri(str(role_iri(role)))


@pytest.mark.parametrize("aid", ["a b", "ü/ö?#", "]]>", "x\ny", "../../etc"])
def test_article_iris_of_awkward_ids(aid: str) -> None:
    _valid_iri(str(article_iri(aid)))
    assert article_iri(aid) == article_iri(aid) and article_iri(aid) != article_iri(aid + "x")


#: any JSON value, lone surrogates included (JSON can escape them, UTF-8 cannot hold them)
JSON_TEXT = st.lists(
    st.one_of(st.characters(), st.sampled_from(["\ud800", "\udfff", "\u200b", "\u202e"])),
    max_size=30,
).map("".join)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | JSON_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        k: st.one_of(JSON_VALUE, st.text(max_size=200), JSON_TEXT)
        for k in ("id", "url", "title", "text", "published", "source")
    },
)


@SETTINGS
@given(records=st.lists(st.one_of(RECORD, JSON_VALUE), min_size=1, max_size=4))
def test_jsonl_reader_takes_any_json(tmp_path: Path, records: list) -> None:
    """Every line is an article or a skip naming its line; none is lost, none crashes."""
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles, skipped = read_corpus([path])
    for a in articles:
        a.text.encode("utf-8")  # writable: hashes, files and the store need real text
        assert a.id and a.name and any(c.isalnum() for c in a.text)
    assert all(s.path.startswith(f"{path}:") and s.reason for s in skipped) or (
        not articles and skipped[-1].path == str(path)  # "no JSON lines" is about the file
    )
    assert len(articles) + len([s for s in skipped if ":" in s.path[len(str(path)) :]]) == len(
        records
    )


@SETTINGS
@given(url=st.one_of(TEXT, st.builds(lambda s: "https://example.org/" + s, TEXT)))
def test_article_urls_are_http_iris_or_nothing(url: str) -> None:
    node = url_node(url)
    if node is not None:
        _valid_iri(str(node))
        assert str(node).lower().startswith(("http://", "https://"))
        assert url_node(url) == node
    elif url.strip().lower().startswith("https://example.org/"):
        pytest.fail(f"an https URL was dropped: {url!r}")


@SETTINGS
@given(aid=TEXT.filter(str.strip))
def test_article_iris_of_any_id(aid: str) -> None:
    _valid_iri(str(article_iri(aid)))
    assert article_iri(aid) == article_iri(aid)
