"""Cross-article entity resolution: who is the same node, who must stay apart."""

from __future__ import annotations

import random

import pytest
from fixtures_kg import article_a, article_b, article_c, article_d, corpus
from fixtures_kg import resolver_config as cfg
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.defaults import DATA_NS
from graph.model import EntityType
from graph.ontology import GazetteerEntry
from graph.rdf.resolve import (
    EntityRecord,
    EntitySummary,
    likely_duplicates,
    records_of,
    resolve,
)

T = EntityType


def rec(
    article: str,
    local: str,
    name: str,
    etype: EntityType = T.PERSON,
    aliases=(),
    ref=None,
    affiliations=(),
) -> EntityRecord:
    return EntityRecord(article, local, name, etype, tuple(aliases), ref, tuple(affiliations))


def fixture_resolution():
    return resolve([r for ex in corpus() for r in records_of(ex)], cfg())


def test_same_person_in_two_articles_is_one_node() -> None:
    res = fixture_resolution()
    a, b = article_a().article.id, article_b().article.id
    assert res.iri(a, "e1") == res.iri(b, "e1") == DATA_NS + "person/hanif-dhakiri"
    node = res.entities[res.iri(a, "e1")]
    assert node.articles == tuple(sorted((a, b)))
    assert {"Hanif Dhakiri", "Hanif"} <= set(node.alt_labels)


def test_people_sharing_a_first_name_stay_apart() -> None:
    res = fixture_resolution()
    santoso = res.iri(article_b().article.id, "e3")
    hartono = res.iri(article_c().article.id, "e1")
    assert santoso != hartono
    assert res.entities[santoso].label == "Budi Santoso"
    assert res.entities[hartono].label == "Budi Hartono"


def test_bare_first_name_joins_only_the_single_full_name_of_its_article() -> None:
    res = fixture_resolution()
    c, d = article_c().article.id, article_d().article.id
    assert res.iri(c, "e5") == res.iri(c, "e1")  # "Budi" in the Budi Hartono article
    lone = res.iri(d, "e1")  # "Budi" in an article without any full name
    assert lone not in {res.iri(c, "e1"), res.iri(article_b().article.id, "e3")}
    assert lone.startswith(DATA_NS + "person/budi-")
    assert res.entities[lone].articles == (d,)


def test_bare_name_with_two_candidates_stays_alone() -> None:
    res = resolve(
        [rec("x", "e1", "Budi Santoso"), rec("x", "e2", "Budi Hartono"), rec("x", "e3", "Budi")],
        cfg(),
    )
    assert len({res.iri("x", "e1"), res.iri("x", "e2"), res.iri("x", "e3")}) == 3


def test_honorifics_titles_and_degrees_are_stripped() -> None:
    res = resolve(
        [
            rec("a", "e1", "Dr. H. Budi Santoso, S.Sos., M.Si."),
            rec("b", "e1", "Budi Santoso"),
            rec("c", "e1", "Ir. Budi Santoso, MA"),
        ],
        cfg(),
    )
    iris = {res.iri(a, "e1") for a in "abc"}
    assert len(iris) == 1
    node = res.entities[iris.pop()]
    assert node.label == "Budi Santoso"
    assert "Dr. H. Budi Santoso, S.Sos., M.Si." in node.alt_labels


def test_conflicting_initials_are_not_merged() -> None:
    res = resolve(
        [
            rec("a", "e1", "M. Hanif Dhakiri"),
            rec("b", "e1", "A. Hanif Dhakiri"),
            rec("c", "e1", "Hanif Dhakiri"),
        ],
        cfg(),
    )
    assert len({res.iri(x, "e1") for x in "abc"}) == 3


def test_initials_with_disjoint_affiliations_are_not_merged() -> None:
    recs = [
        rec("a", "e1", "M. Hanif Dhakiri", affiliations=["e2"]),
        rec("a", "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY),
        rec("b", "e1", "Hanif Dhakiri", affiliations=["e2"]),
        rec("b", "e2", "Universitas Contoh Nusantara", T.CIVIL_SOCIETY),
    ]
    res = resolve(recs, cfg())
    assert res.iri("a", "e1") != res.iri("b", "e1")
    same_org = resolve(
        [*recs[:3], rec("b", "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY)], cfg()
    )
    assert same_org.iri("a", "e1") == same_org.iri("b", "e1")


def test_longer_form_joins_only_with_a_shared_affiliation() -> None:
    kem = rec("a", "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY)
    kem_b = rec("b", "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY)
    joined = resolve(
        [
            rec("a", "e1", "Muhammad Hanif Dhakiri", affiliations=["e2"]),
            kem,
            rec("b", "e1", "M. Hanif Dhakiri", affiliations=["e2"]),
            kem_b,
        ],
        cfg(),
    )
    assert joined.iri("a", "e1") == joined.iri("b", "e1")
    apart = resolve(
        [rec("a", "e1", "Muhammad Hanif Dhakiri"), rec("b", "e1", "Hanif Dhakiri")], cfg()
    )
    assert apart.iri("a", "e1") != apart.iri("b", "e1")


def test_gazetteer_ref_gives_the_curated_node() -> None:
    entry = GazetteerEntry(
        "kemnaker",
        T.GOVERNMENT_BODY,
        "Kementerian Ketenagakerjaan",
        aliases=("Kementerian Tenaga Kerja",),
        acronyms=("Kemnaker",),
    )
    res = resolve(
        [
            rec("a", "e1", "Kemnaker", T.GOVERNMENT_BODY, ref="kemnaker"),
            rec("b", "e1", "Kementerian Ketenagakerjaan RI", T.CIVIL_SOCIETY, ref="kemnaker"),
            rec("c", "e1", "Kementerian Tenaga Kerja", T.GOVERNMENT_BODY),
        ],  # unlinked, curated name
        cfg(gazetteer={"kemnaker": entry}),
    )
    iri = DATA_NS + "kemnaker"
    assert {res.iri(x, "e1") for x in "abc"} == {iri}
    node = res.entities[iri]
    assert node.type is T.GOVERNMENT_BODY and node.label == "Kementerian Ketenagakerjaan"
    assert node.ref == "kemnaker"


def test_organisation_name_meets_alias_of_another_article() -> None:
    res = fixture_resolution()
    a, b = article_a().article.id, article_b().article.id
    assert res.iri(a, "e3") == res.iri(
        b, "e7"
    )  # "International Organization for Migration" (IOM) = "IOM"


def test_descriptive_and_regional_names_stay_in_their_article() -> None:
    recs = [
        rec("a", "e1", "lokakarya", T.EVENT),
        rec("b", "e1", "lokakarya", T.EVENT),
        rec("a", "e2", "Dinas Kesehatan", T.GOVERNMENT_BODY),
        rec("b", "e2", "Dinas Kesehatan", T.GOVERNMENT_BODY),
        rec("a", "e3", "Dinas Kesehatan Provinsi Jawa Tengah", T.GOVERNMENT_BODY),
        rec("b", "e3", "Dinas Kesehatan Provinsi Jawa Tengah", T.GOVERNMENT_BODY),
        rec("a", "e4", "Konferensi Regional Migrasi", T.EVENT),
        rec("b", "e4", "Konferensi Regional Migrasi", T.EVENT),
    ]
    res = resolve(recs, cfg())
    assert res.iri("a", "e1") != res.iri("b", "e1")
    assert res.iri("a", "e2") != res.iri("b", "e2")
    assert res.iri("a", "e3") == res.iri("b", "e3")
    assert res.iri("a", "e4") == res.iri("b", "e4")
    assert res.iri("a", "e1").startswith(DATA_NS + "event/lokakarya-")


def test_slug_collisions_get_a_short_hash_deterministically() -> None:
    recs = [
        rec("a", "e1", "Forum Migrasi", T.EVENT),
        rec("b", "e1", "Forum Migrasi 東京", T.EVENT),
        rec("a", "e2", "lokakarya", T.EVENT),
        rec("c", "e1", "Lokakarya A", T.EVENT),
    ]
    res = resolve(recs, cfg())
    forum, tokyo = res.iri("a", "e1"), res.iri("b", "e1")
    assert forum != tokyo  # different names, same readable slug
    assert {forum, tokyo} & {DATA_NS + "event/forum-migrasi"}
    assert all(i.startswith(DATA_NS + "event/forum-migrasi") for i in (forum, tokyo))
    scoped, named = res.iri("a", "e2"), res.iri("c", "e1")  # both want event/lokakarya-a
    assert scoped != named and DATA_NS + "event/lokakarya-a" in {scoped, named}
    again = resolve(list(reversed(recs)), cfg())
    assert again.iri_of == res.iri_of


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_resolution_does_not_depend_on_article_order(rnd: random.Random) -> None:
    recs = [r for ex in corpus() for r in records_of(ex)]
    reference = fixture_resolution()
    rnd.shuffle(recs)
    res = resolve(recs, cfg())
    assert res.iri_of == reference.iri_of
    assert {k: (v.label, v.alt_labels, v.type) for k, v in res.entities.items()} == {
        k: (v.label, v.alt_labels, v.type) for k, v in reference.entities.items()
    }


def test_likely_duplicates_reports_acronyms_and_shared_tokens() -> None:
    ents = [
        EntitySummary(DATA_NS + "org/bp2mi", "GovernmentBody", "BP2MI"),
        EntitySummary(
            DATA_NS + "org/badan-p", "GovernmentBody", "Badan Pelindungan Pekerja Migran Indonesia"
        ),
        EntitySummary(
            DATA_NS + "org/kemnaker-ri", "GovernmentBody", "Kementerian Ketenagakerjaan RI"
        ),
        EntitySummary(DATA_NS + "org/kemnaker", "GovernmentBody", "Kementerian Ketenagakerjaan"),
        EntitySummary(DATA_NS + "person/budi-santoso", "Person", "Budi Santoso"),
        EntitySummary(DATA_NS + "person/budi-hartono", "Person", "Budi Hartono"),
        EntitySummary(DATA_NS + "place/budi", "Place", "Budi Santoso"),
    ]
    pairs = {(p.a.label, p.b.label): p.reason for p in likely_duplicates(ents)}
    assert any("BP2MI" in k and "Badan Pelindungan Pekerja Migran Indonesia" in k for k in pairs)
    assert ("Kementerian Ketenagakerjaan RI", "Kementerian Ketenagakerjaan") in pairs or (
        "Kementerian Ketenagakerjaan",
        "Kementerian Ketenagakerjaan RI",
    ) in pairs
    assert not any(set(k) == {"Budi Santoso", "Budi Hartono"} for k in pairs)  # different people
    assert not any(k == ("Budi Santoso", "Budi Santoso") for k in pairs)  # Person vs Place


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Dr. H. Budi Santoso, S.Sos., M.Si.", "Budi Santoso"),
        ("Bapak Hanif", "Hanif"),
        ("Budi Santoso, SH", "Budi Santoso"),
        ("Sri Mulyani Indrawati", "Sri Mulyani Indrawati"),
        ("Prof. Dr. Ir. Siti Nurbaya, M.Sc.", "Siti Nurbaya"),
    ],
)
def test_name_cleaner(raw: str, clean: str) -> None:
    assert cfg().cleaner.clean(raw) == clean
