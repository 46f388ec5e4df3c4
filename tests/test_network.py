"""graph.network: projection of the RDF model onto NetworkX, analyses, exports, CLI.

The store holds the invented fixture corpus (tests/fixtures_kg.py): four articles
whose entities, relations and evidence sentences are known, so every expected
value below is read off the fixture texts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from fixtures_kg import build_fixture, fixture_graphs

from graph import network as N
from graph.cli import main
from graph.defaults import DATA_NS
from graph.store import open_store

MID = DATA_NS
HANIF = MID + "person/hanif-dhakiri"
KEMNAKER = MID + "org/kementerian-ketenagakerjaan"
IOM = MID + "org/international-organization-for-migration"
BUDI_SANTOSO = MID + "person/budi-santoso"
JOSEPHINE = MID + "person/josephine-ferre"
MALAYSIA = MID + "country/malaysia"


@pytest.fixture(scope="module")
def store():
    s = open_store("memory")
    s.replace_graphs(fixture_graphs())
    return s


@pytest.fixture(scope="module")
def G(store) -> nx.MultiDiGraph:
    return N.project(store)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kg")
    build_fixture(out, validate=False)
    return out


def test_nodes_carry_label_type_aliases_articles_positions(G):
    assert G.number_of_nodes() == 16  # every resolved entity of the four articles
    hanif = G.nodes[HANIF]
    assert hanif["label"] == "M. Hanif Dhakiri" and hanif["type"] == "Person"
    assert "Hanif" in hanif["aliases"]
    assert hanif["articles"] == 2  # articles a01 and b02
    assert {(p["role"], p["organization_label"]) for p in hanif["positions"]} == {
        ("Menteri Ketenagakerjaan", "Kementerian Ketenagakerjaan")
    }
    assert {p["date"] for p in hanif["positions"]} == {"2023-03-14", "2023-05-02"}
    assert G.nodes[IOM]["aliases"] == ["IOM"]
    assert G.nodes[JOSEPHINE]["articles"] == 1 and G.degree(JOSEPHINE) == 0


def test_edges_carry_predicate_role_and_evidence(G):
    d = G.edges[HANIF, KEMNAKER, "holdsRole"]
    assert d["predicate"] == "holdsRole" and d["label"] == "Menteri Ketenagakerjaan"
    assert d["articles"] == 2
    sentences = [e["sentence"] for e in d["evidence"]]
    assert any(
        s.startswith("Menteri Ketenagakerjaan M. Hanif Dhakiri menghadiri") for s in sentences
    )
    ev = d["evidence"][0]
    assert ev["date"] == "2023-03-14" and ev["url"] == "https://berita.example.id/a01"
    assert ev["title"] and ev["rule"] == "role.title-before" and ev["confidence"] == 0.8
    collab = G.edges[KEMNAKER, IOM, "collaboratesWith"]
    assert collab["articles"] == 2 and len(collab["evidence"]) == 2


def test_projection_is_the_same_from_oxigraph(G, built):
    """Oxigraph's union graph is a bag: counts must not double where rdflib's set does not."""
    ox = open_store(built, read_only=True)
    try:
        H = N.project(ox)
    finally:
        ox.close()
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))


def test_filters_by_type_predicate_and_sparql_selection(store):
    people = N.project(store, types=["Person", "GovernmentBody"])
    assert {d["type"] for _n, d in people.nodes(data=True)} == {"Person", "GovernmentBody"}
    assert {d["predicate"] for *_e, d in people.edges(data=True)} == {"holdsRole"}
    only = N.project(store, predicates="holdsRole,participatesIn")
    assert {d["predicate"] for *_e, d in only.edges(data=True)} == {"holdsRole", "participatesIn"}
    assert only.number_of_nodes() == 16  # predicates filter edges, not nodes
    picked = N.project(
        store,
        select="SELECT ?e WHERE { ?a mo:mentions ?e ; mo:name ?name }",
        bindings={"name": "a01"},
    )
    assert HANIF in picked and BUDI_SANTOSO not in picked
    assert picked.has_edge(HANIF, KEMNAKER)
    with pytest.raises(ValueError, match="unknown entity type Persons"):
        N.project(store, types=["Persons"])  # a typo must not give an empty graph
    with pytest.raises(ValueError, match="unknown predicate"):
        N.project(store, predicates=["holdsrole"])


def test_find_node_ignores_case_accents_and_lists_ambiguity(G):
    assert N.find_node(G, "josephine ferre") == JOSEPHINE
    assert N.find_node(G, "  M HANIF dhakiri ") == HANIF
    assert N.find_node(G, "iom") == IOM  # an alias
    assert N.find_node(G, KEMNAKER) == KEMNAKER
    with pytest.raises(N.AmbiguousName) as amb:
        N.find_node(G, "Budi")  # a person's label and two persons' alias
    assert {c[1] for c in amb.value.candidates} == {"Budi", "Budi Hartono", "Budi Santoso"}
    assert amb.value.candidates[0][1] == "Budi"  # the exact label first
    with pytest.raises(N.NameNotFound) as nf:
        N.find_node(G, "Hanif Dakiri")
    assert any(label == "M. Hanif Dhakiri" for _n, label in nf.value.suggestions)


def test_shortest_path_gives_each_hop_with_evidence(G):
    hops = N.shortest_path(G, "Budi Santoso", "International Organization for Migration")
    assert [(h.source_label, h.predicate, h.target_label) for h in hops] == [
        ("Budi Santoso", "holdsRole", "Kementerian Ketenagakerjaan"),
        (
            "Kementerian Ketenagakerjaan",
            "collaboratesWith",
            "International Organization for Migration",
        ),
    ]
    assert hops[0].forward and hops[0].label == "Direktur Penempatan"
    assert "Direktur Penempatan" in hops[0].evidence[0]["sentence"]
    back = N.shortest_path(G, "IOM", "Kementerian Ketenagakerjaan")
    assert len(back) == 1 and back[0].predicate == "collaboratesWith" and not back[0].forward
    with pytest.raises(nx.NetworkXNoPath):
        N.shortest_path(G, "Malaysia", "IOM")


def test_collapse_weights_by_distinct_articles(G):
    H = N.collapse(G)
    assert not H.is_directed() and not H.is_multigraph()
    assert H.edges[KEMNAKER, IOM]["weight"] == 2
    assert H.edges[KEMNAKER, IOM]["predicates"] == ["collaboratesWith"]
    assert H.edges[HANIF, KEMNAKER]["weight"] == 2
    assert H.number_of_edges() == 11


def test_centrality_ranks_and_filters_by_type(G):
    deg = N.centrality(G, "degree")
    assert next(iter(deg)) == KEMNAKER  # four relations, the most of any entity
    bet = N.centrality(G, "betweenness", type="Person", top=2)
    assert list(bet) == [HANIF, MID + "person/budi-hartono"]
    assert all(
        G.nodes[n]["type"] == "Person" for n in N.centrality(G, "eigenvector", type="Person")
    )
    pr = N.centrality(G, "pagerank")
    assert abs(sum(pr.values()) - 1) < 1e-6
    with pytest.raises(ValueError, match="unknown measure"):
        N.centrality(G, "closeness-ish")


def test_communities_are_deterministic_and_cover_every_node(G):
    a, b = N.communities(G), N.communities(G)
    assert a == b
    assert set().union(*a) == set(G.nodes)
    kemnaker = next(c for c in a if KEMNAKER in c)
    assert IOM in kemnaker and MALAYSIA not in kemnaker
    assert [len(c) for c in a] == sorted((len(c) for c in a), reverse=True)


def test_ego_network(G):
    E = N.ego(G, "IOM", 1)
    assert set(E.nodes) == {IOM, KEMNAKER, MID + "agreement/nota-kerjasama-b2e1d0c9"}
    assert E.nodes[IOM]["label"] == G.nodes[IOM]["label"]
    assert HANIF in N.ego(G, "IOM", 2)


def test_comention_article_and_sentence(store, G):
    art = N.comention(store, "article", graph=G)
    assert art.edges[HANIF, KEMNAKER]["weight"] == 2  # both named in a01 and b02
    assert not art.has_edge(HANIF, MID + "person/budi-hartono")
    sent = N.comention(store, "sentence", graph=G)
    # "Kementerian Ketenagakerjaan bekerja sama dengan ... (IOM)" and "... dan IOM menandatangani"
    assert sent.edges[KEMNAKER, IOM]["weight"] == 2
    # named in the same article, never in one sentence
    assert art.has_edge(MID + "country/indonesia", KEMNAKER)
    assert not sent.has_edge(MID + "country/indonesia", KEMNAKER)
    with pytest.raises(ValueError):
        N.comention(store, "paragraph")


def test_stats(G):
    s = N.stats(G)
    assert (s.nodes, s.edges, s.pairs) == (16, 11, 11)
    assert s.types["Person"] == 5 and s.predicates["holdsRole"] == 3
    assert s.isolated == 3 and s.largest_component == 7 and s.edges_with_evidence == 11


def test_graphml_and_gexf_round_trip_with_list_attributes(G, tmp_path):
    N.write_graphml(G, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == 16 and back.number_of_edges() == 11
    assert json.loads(back.nodes[HANIF]["aliases"]) == G.nodes[HANIF]["aliases"]
    ev = json.loads(back.edges[HANIF, KEMNAKER]["evidence"])  # no parallel edges: a DiGraph
    assert ev == G.edges[HANIF, KEMNAKER, "holdsRole"]["evidence"]
    N.write_gexf(G, tmp_path / "g.gexf")
    gx = nx.read_gexf(tmp_path / "g.gexf")
    assert gx.number_of_nodes() == 16 and gx.number_of_edges() == 11
    assert json.loads(gx.nodes[HANIF]["positions"])[0]["role"] == "Menteri Ketenagakerjaan"
    N.write_graphml(N.collapse(G), tmp_path / "c.graphml")
    assert nx.read_graphml(tmp_path / "c.graphml").edges[KEMNAKER, IOM]["weight"] == 2


def test_csv_export(G, tmp_path):
    nodes_path, edges_path = N.write_csv(G, tmp_path / "out")
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert len(nodes) == 16 and len(edges) == 11
    hanif = next(r for r in nodes if r["id"] == HANIF)
    assert hanif["aliases"] == "Hanif | Hanif Dhakiri" and hanif["articles"] == "2"
    row = next(r for r in edges if r["predicate"] == "collaboratesWith")
    assert row["articles"] == "2" and len(json.loads(row["evidence"])) == 2


# --------------------------------------------------------------------------- CLI


def test_cli_stats_central_communities(built, capsys):
    assert main(["network", "stats", "--store", str(built)]) == 0
    text = capsys.readouterr().out
    assert "entities" in text and "16" in text and "holdsRole" in text
    assert (
        main(
            [
                "network",
                "central",
                "--type",
                "Person",
                "--measure",
                "betweenness",
                "--top",
                "2",
                "--store",
                str(built),
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "M. Hanif Dhakiri" in text and "Budi Hartono" in text and "Budi Santoso" not in text
    assert main(["network", "communities", "--store", str(built)]) == 0
    assert "Kementerian Ketenagakerjaan" in capsys.readouterr().out


def test_cli_path_prints_hops_and_candidates(built, capsys):
    assert main(["network", "path", "budi santoso", "IOM", "--store", str(built)]) == 0
    text = capsys.readouterr().out
    assert "holdsRole" in text and "collaboratesWith" in text and "Direktur Penempatan" in text
    assert main(["network", "path", "Budi", "IOM", "--store", str(built)]) == 2
    captured = capsys.readouterr()
    assert "Budi Hartono" in captured.err and "Budi Santoso" in captured.err
    assert main(["network", "path", "Malaysia", "IOM", "--store", str(built)]) == 1
    assert main(["network", "central", "--type", "Persons", "--store", str(built)]) == 2
    assert main(["network", "stats", "--only-type", "Persons", "--store", str(built)]) == 2
    assert "unknown entity type Persons" in capsys.readouterr().err


def test_cli_export_formats(built, tmp_path, capsys):
    for fmt, target in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "csv")):
        assert (
            main(
                [
                    "network",
                    "export",
                    "--format",
                    fmt,
                    "--out",
                    str(tmp_path / target),
                    "--store",
                    str(built),
                ]
            )
            == 0
        )
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 16
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 11
    assert (tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8").count("\n") == 12
    assert main(["network", "stats", "--store", str(tmp_path / "nowhere")]) == 2
    assert "no such store" in capsys.readouterr().err


def test_docstring_examples_run():
    """The API examples in the docstrings are real (run on ``example_graph()``)."""
    import doctest

    import graph.view.layout

    for module in (N, graph.view.layout):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__
