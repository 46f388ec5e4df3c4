"""RDF assembly: the model of ARCHITECTURE.md, provenance, stable IRIs, no blank nodes."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from fixtures_kg import article_a, article_b, corpus, fixture_graphs
from fixtures_kg import resolver_config as cfg
from rdflib import BNode, Literal, URIRef

from graph.model import Extraction, Predicate
from graph.rdf import article_triples, entity_triples, records_of, resolve, vocab
from graph.rdf.assemble import confidence_literal, date_literal
from graph.rdf.iris import article_iri
from graph.rdf.vocab import ENTITIES_GRAPH, MID, MO, SCHEMA
from graph.store.memory import MemoryStore
from graph.store.oxigraph import OxigraphStore

DCT, ORG, PROV, RDF, SKOS = vocab.DCT, vocab.ORG, vocab.PROV, vocab.RDF, vocab.SKOS

PROVENANCE = """
SELECT ?sentence ?article WHERE {
  ?a rdf:subject ?x ; rdf:predicate mo:collaboratesWith ; rdf:object ?y ;
     mo:evidenceText ?sentence ; prov:wasDerivedFrom ?article .
  ?x skos:prefLabel "Kementerian Ketenagakerjaan" .
}
ORDER BY ?sentence
"""


@pytest.fixture(scope="module")
def resolution():
    return resolve([r for ex in corpus() for r in records_of(ex)], cfg())


def graphs_of(_resolution) -> dict[str, list]:
    return fixture_graphs()


def test_article_graph_follows_the_model(resolution) -> None:
    ex = article_a()
    triples = set(article_triples(ex, resolution.article_map(ex.article.id)))
    a = article_iri(ex.article.id)
    person, kem = (
        URIRef(MID["person/hanif-dhakiri"]),
        URIRef(MID["org/kementerian-ketenagakerjaan"]),
    )
    assert (a, RDF.type, MO.Article) in triples
    assert (a, DCT.identifier, Literal(ex.article.id)) in triples
    assert (a, MO.name, Literal("a01")) in triples
    assert (a, DCT.issued, Literal("2023-03-14", datatype=vocab.XSD.date)) in triples
    assert (a, MO.contentHash, Literal(ex.article.content_hash)) in triples
    assert (a, SCHEMA.url, URIRef("https://berita.example.id/a01")) in triples
    assert (a, MO.mentions, person) in triples
    assert (person, MO.holdsRole, kem) in triples  # the shortcut edge
    positions = [s for s, p, o in triples if p == RDF.type and o == MO.Position]
    assert len(positions) == 1
    pos = positions[0]
    assert {(p, o) for s, p, o in triples if s == pos} >= {
        (ORG.member, person),
        (ORG.organization, kem),
        (ORG.role, URIRef(MID["role/menteri-ketenagakerjaan"])),
        (MO.roleLabel, Literal("Menteri Ketenagakerjaan")),
        (MO.implied, Literal(True)),
        (DCT.date, Literal("2023-03-14", datatype=vocab.XSD.date)),
        (PROV.wasDerivedFrom, a),
    }
    assertion = next(o for s, p, o in triples if s == pos and p == MO.assertion)
    facts = {p: o for s, p, o in triples if s == assertion}
    assert (
        facts[RDF.subject] == person
        and facts[RDF.predicate] == MO.holdsRole
        and facts[RDF.object] == kem
    )
    assert str(facts[MO.evidenceText]).startswith(
        "Menteri Ketenagakerjaan M. Hanif Dhakiri menghadiri"
    )
    assert facts[MO.rule] == Literal("role.title-before")
    assert (int(facts[MO.charStart]), int(facts[MO.charEnd])) == (0, 86)
    quotes = [s for s, p, o in triples if p == RDF.type and o == MO.Quote]
    assert len(quotes) == 1
    q = {p: o for s, p, o in triples if s == quotes[0]}
    assert q[MO.spokenBy] == person and q[MO.quotedIn] == a
    assert str(q[SCHEMA.text]).startswith("Kami berkomitmen")
    assert not any(isinstance(t, BNode) for tr in triples for t in tr)


def test_every_relation_has_one_assertion_with_evidence(resolution) -> None:
    for ex in corpus():
        triples = article_triples(ex, resolution.article_map(ex.article.id))
        assertions = {s for s, p, o in triples if p == RDF.type and o == MO.Assertion}
        edges = {
            (s, p, o)
            for s, p, o in triples
            if str(p).startswith(str(MO)) and p.split("#")[1] in {x.value for x in Predicate}
        }
        stated = {
            (
                next(o for s2, p2, o in triples if s2 == a_ and p2 == RDF.subject),
                next(o for s2, p2, o in triples if s2 == a_ and p2 == RDF.predicate),
                next(o for s2, p2, o in triples if s2 == a_ and p2 == RDF.object),
            )
            for a_ in assertions
        }
        assert edges == stated  # each direct edge has its reified statement and vice versa
        assert len(assertions) == len(ex.relations)


def test_iris_are_stable_across_runs_and_json_round_trips(resolution) -> None:
    ex = article_b()
    first = article_triples(ex, resolution.article_map(ex.article.id))
    again = Extraction.from_json(json.loads(json.dumps(ex.to_json(with_article=True))))
    assert article_triples(again, resolution.article_map(ex.article.id)) == first
    assert len(first) == len(set(first))


def test_dangling_and_self_edges_are_left_out(resolution) -> None:
    ex = article_b()
    rels = [
        *ex.relations,
        replace(ex.relations[0], o="e99"),
        replace(ex.relations[0], o=ex.relations[0].s),
    ]
    no_role = replace(ex.relations[1], role="")
    triples = article_triples(
        replace(ex, relations=[*rels, no_role]), resolution.article_map(ex.article.id)
    )
    assert triples == article_triples(ex, resolution.article_map(ex.article.id))
    bare = article_triples(replace(ex, relations=[no_role]), resolution.article_map(ex.article.id))
    assert not [s for s, p, o in bare if o == MO.Position]  # SHACL wants a roleLabel on positions
    assert [s for s, p, o in bare if o == MO.Assertion]


def test_literals_are_canonical() -> None:
    assert str(confidence_literal(0.80)) == "0.8"
    assert str(confidence_literal(1)) == "1"
    assert str(confidence_literal(0.12345)) == "0.123"
    assert confidence_literal(0.5).datatype == vocab.XSD.decimal
    assert date_literal("2024-02-30") is None and date_literal("10/6") is None
    assert date_literal("2024-06-10") == Literal("2024-06-10", datatype=vocab.XSD.date)


def test_entities_graph_has_one_type_and_one_label_each(resolution) -> None:
    triples = graphs_of(resolution)[str(ENTITIES_GRAPH)]
    nine = {
        MO[t]
        for t in (
            "Person",
            "GovernmentBody",
            "InternationalOrganization",
            "CivilSociety",
            "Agreement",
            "Program",
            "Event",
            "Country",
            "Place",
        )
    }
    for iri in resolution.entities:
        node = URIRef(iri)
        types = [o for s, p, o in triples if s == node and p == RDF.type]
        labels = [o for s, p, o in triples if s == node and p == SKOS.prefLabel]
        alts = {str(o) for s, p, o in triples if s == node and p == SKOS.altLabel}
        assert len(types) == 1 and types[0] in nine
        assert len(labels) == 1
        assert str(labels[0]) not in alts


@pytest.mark.parametrize("store_kind", ["memory", "oxigraph"])
def test_provenance_query_returns_the_evidence_sentence(resolution, store_kind, tmp_path) -> None:
    store = MemoryStore() if store_kind == "memory" else OxigraphStore(tmp_path / "s", create=True)
    store.replace_graphs(graphs_of(resolution))
    res = store.query(PROVENANCE)
    sentences = [row[0] for row in res.rows]
    assert sentences == [
        "Kementerian Ketenagakerjaan bekerja sama dengan International Organization for "
        "Migration (IOM) dalam lokakarya tersebut.",
        "Kementerian Ketenagakerjaan dan IOM menandatangani nota kerjasama.",
    ]
    assert {str(row[1]) for row in res.rows} == {
        str(article_iri(article_a().article.id)),
        str(article_iri(article_b().article.id)),
    }
    store.close()


def test_fixture_graph_satisfies_the_shapes(resolution) -> None:
    from graph.validate import validate_store

    store = MemoryStore()
    store.replace_graphs(graphs_of(resolution))
    report = validate_store(store)
    assert report.conforms, [v.message for v in report.violations][:5]


def test_curated_entities_bring_their_gazetteer_data() -> None:
    from graph.model import EntityType
    from graph.ontology import GazetteerEntry, gazetteer_graph
    from graph.rdf.resolve import EntityRecord

    entries = (
        GazetteerEntry(
            "ilo",
            EntityType.INTERNATIONAL_ORGANIZATION,
            "Organisasi Perburuhan Internasional",
            name_en="International Labour Organization",
            acronyms=("ILO",),
            wikidata="Q54129",
        ),
        GazetteerEntry(
            "ilo-gb",
            EntityType.INTERNATIONAL_ORGANIZATION,
            "Governing Body ILO",
            parent="ilo",
            ambiguous=("GB",),
        ),
        GazetteerEntry("unused", EntityType.COUNTRY, "Negeri Tak Disebut"),
    )

    class Onto:
        def __init__(self) -> None:
            self.entries = entries

        def gazetteer_graph(self):
            return gazetteer_graph(self.entries)

    res = resolve(
        [
            EntityRecord(
                "a",
                "e1",
                "GB ILO",
                EntityType.INTERNATIONAL_ORGANIZATION,
                ("Governing Body (GB) ILO",),
                ref="ilo-gb",
            )
        ],
        cfg(gazetteer={e.id: e for e in entries}),
    )
    triples = entity_triples(res, (), ontology=Onto())
    gb, ilo = URIRef(MID["ilo-gb"]), URIRef(MID["ilo"])
    assert (gb, MO.partOf, ilo) in triples
    assert [o for s, p, o in triples if s == gb and p == SKOS.prefLabel] == [
        Literal("Governing Body ILO")
    ]
    assert {str(o) for s, p, o in triples if s == gb and p == SKOS.altLabel} >= {
        "GB ILO",
        "GB",
        "Governing Body (GB) ILO",
    }
    assert (ilo, vocab.OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q54129")) in triples
    assert [o for s, p, o in triples if s == ilo and p == RDF.type] == [
        MO.InternationalOrganization
    ]
    assert not any(str(s).endswith("/unused") for s, p, o in triples)  # only what is linked


def test_undecodable_characters_do_not_break_a_store(resolution, tmp_path) -> None:
    ex = article_a()
    bad = replace(ex, article=replace(ex.article, title="Judul \udcff rusak"))
    store = OxigraphStore(tmp_path / "s", create=True)
    store.replace_graphs(
        {"urn:test:g": article_triples(bad, resolution.article_map(ex.article.id))}
    )
    titles = store.query("SELECT ?t WHERE { ?a dct:title ?t }").rows
    assert titles == [("Judul \ufffd rusak",)]
