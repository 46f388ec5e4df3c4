"""SHACL shapes accept the RDF model of ARCHITECTURE.md and reject each malformed kind."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from graph.cli import main
from graph.defaults import DATA_NS, ONTOLOGY_NS, SHAPES_FILE
from graph.validate import ValidationReport, load_files, union_graph, validate

WELLFORMED = Path(__file__).parent / "data" / "wellformed.trig"
MO = rdflib.Namespace(ONTOLOGY_NS)
MID = rdflib.Namespace(DATA_NS)
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SCHEMA = rdflib.Namespace("https://schema.org/")


@pytest.fixture()
def graph() -> rdflib.Graph:
    return load_files([WELLFORMED])


def _only(report: ValidationReport, focus: URIRef) -> list[str]:
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == str(focus)]
    assert hits, f"no violation on {focus}: {report.violations}"
    return [f"{v.path} {v.message}" for v in hits]


def test_shapes_parse() -> None:
    g = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(set(g.subjects(RDF.type, sh.NodeShape))) >= 10


def test_wellformed_graph_conforms(graph: rdflib.Graph) -> None:
    report = validate(graph)
    assert report.conforms, report.violations
    assert report.violations == []
    assert report.triples == len(graph)


def test_dataset_is_validated_as_union() -> None:
    # the entity types live in one named graph, the edges in another: only the
    # union satisfies the shapes, so a per-graph validation would fail here
    ds = rdflib.Dataset()
    ds.parse(WELLFORMED, format="trig")
    assert len(list(ds.graphs())) >= 2
    report = validate(ds)
    assert report.conforms, report.violations
    assert report.triples == len(union_graph(ds))


@pytest.mark.parametrize(
    ("node", "prop", "expected"),
    [
        ("iom", RDF.type, "exactly one of the nine entity types"),  # entity without a type
        ("kemnaker", SKOS.prefLabel, "exactly one skos:prefLabel"),
        ("position/p1", MO.roleLabel, "non-empty mo:roleLabel"),
        ("assertion/h1", PROV.wasDerivedFrom, "prov:wasDerivedFrom its article (provenance)"),
        ("assertion/h1", MO.evidenceText, "non-empty mo:evidenceText"),
        ("quote/q1", MO.spokenBy, "exactly one speaker (mo:spokenBy)"),
        ("quote/q1", MO.quotedIn, "exactly one mo:quotedIn article"),
        ("position/p1", URIRef("http://www.w3.org/ns/org#member"), "exactly one org:member"),
    ],
)
def test_missing_property_is_named(
    graph: rdflib.Graph, node: str, prop: URIRef, expected: str
) -> None:
    graph.remove((MID[node], prop, None))
    msgs = _only(validate(graph), MID[node])
    assert any(expected in m for m in msgs), msgs


def test_entity_with_two_types(graph: rdflib.Graph) -> None:
    graph.add((MID.jenewa, RDF.type, MO.Country))
    msgs = _only(validate(graph), MID.jenewa)
    assert any("exactly one of the nine entity types" in m for m in msgs)


def test_entity_with_two_preflabels(graph: rdflib.Graph) -> None:
    graph.add((MID.kemnaker, SKOS.prefLabel, Literal("Kemnaker")))
    msgs = _only(validate(graph), MID.kemnaker)
    assert any("exactly one skos:prefLabel" in m for m in msgs)


def test_position_with_empty_role_label(graph: rdflib.Graph) -> None:
    pos = MID["position/p1"]
    graph.set((pos, MO.roleLabel, Literal("")))
    assert any("non-empty mo:roleLabel" in m for m in _only(validate(graph), pos))


def test_position_member_must_be_person(graph: rdflib.Graph) -> None:
    pos = MID["position/p1"]
    graph.set((pos, URIRef("http://www.w3.org/ns/org#member"), MID.iom))
    assert any("org:member" in m for m in _only(validate(graph), pos))


def test_assertion_from_non_article(graph: rdflib.Graph) -> None:
    graph.set((MID["assertion/h1"], PROV.wasDerivedFrom, MID.iom))
    report = validate(graph)
    assert any("mo:Article" in m or "Article" in m for m in _only(report, MID.iom))


def test_quote_speaker_must_be_person(graph: rdflib.Graph) -> None:
    q = MID["quote/q1"]
    graph.set((q, MO.spokenBy, MID.kemnaker))
    assert any("spokenBy" in m for m in _only(validate(graph), q))


def test_date_must_be_xsd_date(graph: rdflib.Graph) -> None:
    art = MID["article/a1b2c3"]
    graph.set((art, DCT.issued, Literal("10/06/2024")))
    msgs = _only(validate(graph), art)
    assert any("dct:issued must be an xsd:date" in m for m in msgs)
    graph.set((art, DCT.issued, Literal("2024-06-10", datatype=XSD.date)))
    pos = MID["position/p1"]
    graph.set((pos, DCT.date, Literal("2024-06-10T00:00:00", datatype=XSD.dateTime)))
    assert any("dct:date must be an xsd:date" in m for m in _only(validate(graph), pos))


def test_confidence_in_unit_interval(graph: rdflib.Graph) -> None:
    a = MID["assertion/h1"]
    graph.set((a, MO.confidence, Literal(1.5)))
    assert any("confidence" in m for m in _only(validate(graph), a))


def test_domain_and_range_are_checked(graph: rdflib.Graph) -> None:
    # a Person cannot be partOf anything, and locatedIn needs a Place or Country
    graph.add((MID["budi-santoso"], MO.partOf, MID.kemnaker))
    graph.add((MID.kemnaker, MO.locatedIn, MID.iom))
    report = validate(graph)
    assert any("Organisation" in m for m in _only(report, MID["budi-santoso"]))
    assert any("locatedIn" in m for m in _only(report, MID.kemnaker))


def test_violation_names_the_shape(graph: rdflib.Graph) -> None:
    graph.remove((MID["quote/q1"], SCHEMA.text, None))
    hits = [v for v in validate(graph).violations if v.focus == str(MID["quote/q1"])]
    assert hits and hits[0].shape == "https://w3id.org/migrasi-kg/shapes#QuoteShape"
    assert hits[0].path == str(SCHEMA.text)
    assert hits[0].severity == "Violation"


class _FakeStore:
    """The part of the Store protocol ``validate_store`` uses."""

    location = "memory"

    def __init__(self, g: rdflib.Graph) -> None:
        self.g = g

    def construct(self, sparql: str, bindings=None):
        return iter(self.g.query(sparql))


def test_validate_store(graph: rdflib.Graph) -> None:
    from graph.validate import validate_store

    assert validate_store(_FakeStore(graph)).conforms
    graph.remove((MID["position/p1"], MO.roleLabel, None))
    assert not validate_store(_FakeStore(graph)).conforms


def test_cli_exit_codes(tmp_path: Path, graph: rdflib.Graph, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(WELLFORMED)]) == 0
    graph.remove((MID["quote/q1"], MO.spokenBy, None))
    bad = tmp_path / "bad.nt"
    graph.serialize(bad, format="nt")
    assert main(["validate", str(bad)]) == 1
    shown = capsys.readouterr().out
    assert "spokenBy" in shown and "quote/q1" in shown
    # a build directory: graph.trig inside it
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "graph.trig").write_text(
        WELLFORMED.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["validate", str(tmp_path / "build")]) == 0


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(broken)]) == 2
    assert "broken.ttl" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "missing.xyz")]) == 2


def test_cli_reads_an_oxigraph_store(tmp_path: Path) -> None:
    from graph.store import open_store

    ds = rdflib.Dataset()
    ds.parse(WELLFORMED, format="trig")
    graphs = {str(g.identifier): list(g) for g in ds.graphs() if len(g)}
    store = open_store(tmp_path / "ox", create=True)
    try:
        store.replace_graphs(graphs)
    finally:
        store.close()
    assert main(["validate", str(tmp_path / "ox")]) == 0
    broken = {k: [t for t in v if t[1] != MO.roleLabel] for k, v in graphs.items()}
    store = open_store(tmp_path / "ox")
    try:
        store.replace_graphs(broken)
    finally:
        store.close()
    assert main(["validate", str(tmp_path / "ox")]) == 1
