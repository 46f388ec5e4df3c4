"""graph.view: the offline HTML file (structure, escaping, options) without a browser.

What the page does when run is covered by tests/test_browser.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from fixtures_kg import build_fixture, corpus, fixture_graphs

from graph import network as N
from graph.cli import main
from graph.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Predicate,
    Relation,
)
from graph.store import open_store
from graph.view import load_styles, render_graph, render_store, view_data

#: Names and text an attacker could place in an article.
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
ROLE = "<b onmouseover=alert(3)>Ketua</b>"
TITLE = "</script><script>alert(4)</script>"


def hostile_extraction() -> Extraction:
    """An article whose names, role title, sentence, title and URL are all markup."""
    sentence = f"{IMG} adalah {ROLE} dari {SCRIPT} di Jakarta."
    text = sentence + " Berita selesai."
    art = Article(
        id="f00dfeed01",
        name="x01",
        text=text,
        title=TITLE,
        url="javascript:alert(5)",
        published="2024-01-02",
        published_how="metadata",
        source="Contoh",
        story_span=(0, len(text)),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )

    def ent(eid: str, name: str, etype: EntityType) -> Entity:
        at = text.index(name)
        return Entity(eid, name, etype, [], [Mention(name, at, at + len(name), "fixture")])

    ev = Evidence(sentence, 0, len(sentence), "role.comma-title", 0.8)
    return Extraction(
        art,
        [ent("e1", IMG, EntityType.PERSON), ent("e2", SCRIPT, EntityType.CIVIL_SOCIETY)],
        [Relation("e1", Predicate.HOLDS_ROLE, "e2", ev, ROLE)],
        [],
    )


def hostile_store():
    """The fixture corpus plus the hostile article, in memory."""
    store = open_store("memory")
    store.replace_graphs(fixture_graphs([*corpus(), hostile_extraction()]))
    return store


@pytest.fixture(scope="module")
def store():
    return hostile_store()


@pytest.fixture(scope="module")
def page(store, tmp_path_factory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    render_store(store, path)
    return path, path.read_text(encoding="utf-8")


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "the page has no data block"
    return json.loads(m.group(1))


ASSET = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|@import""",
    re.I,
)


def test_page_is_self_contained(page):
    _path, html = page
    assert not ASSET.search(html), ASSET.search(html)
    assert "<script src" not in html and "<link" not in html
    assert "vis.Network" in html and "Content-Security-Policy" in html
    scripts = re.findall(r"^<script[^>]*>", html, re.M)  # vis-network, data, our code
    assert scripts == ["<script>", '<script type="application/json" id="kg-data">', "<script>"]


def test_writing_a_view_creates_nothing_but_the_file(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_store(store, tmp_path / "out" / "v.html")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "out",
        "out/v.html",
    ]


def test_data_matches_projection(page, store):
    _path, html = page
    data = _data(html)
    G = N.project(store)
    assert {n["id"] for n in data["nodes"]} == set(G.nodes)
    assert len(data["edges"]) == G.number_of_edges()
    for n in data["nodes"]:
        assert isinstance(n["x"], float) and isinstance(n["y"], float)  # layout from Python
        assert n["color"] == load_styles()["types"][G.nodes[n["id"]]["type"]]["color"]
    assert data["options"]["physics"]["enabled"] is False
    info = data["info"][N.find_node(G, "M. Hanif Dhakiri")]
    assert info["p"][0][:2] == ["Menteri Ketenagakerjaan", "Kementerian Ketenagakerjaan"]
    legend_types = {t["key"]: t["count"] for t in data["legend"]["types"]}
    assert legend_types["Person"] == sum(1 for _n, d in G.nodes(data=True) if d["type"] == "Person")


def test_untrusted_text_never_appears_as_markup(page):
    _path, html = page
    for bad in (IMG, SCRIPT, ROLE, TITLE, "<img", "<b ", "javascript:alert"):
        assert bad not in html, bad
    data = _data(html)
    labels = {n["label"] for n in data["nodes"]}
    assert IMG in labels and SCRIPT in labels  # kept as text, escaped only in transport
    hostile_edge = next(e for e in data["einfo"].values() if e["l"] == ROLE)
    sentence, article = hostile_edge["ev"][0]
    assert IMG in sentence
    title, date, url = data["articles"][article]
    assert title == TITLE and date == "2024-01-02" and url == ""  # no javascript: link


def test_ego_view_of_a_hostile_name_escapes_the_title(store, tmp_path):
    render_store(store, tmp_path / "h.html", entity=IMG, depth=1)
    html = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=alert(1)&gt; (radius 1)</title>" in html
    assert "<img" not in html and len(_data(html)["nodes"]) == 2


def test_ego_view_and_node_limit(store, tmp_path):
    report = render_store(store, tmp_path / "ego.html", entity="iom", depth=1)
    data = _data((tmp_path / "ego.html").read_text(encoding="utf-8"))
    assert (
        report.nodes == 3
        and report.center
        and report.center.endswith("international-organization-for-migration")
    )
    assert data["center"] == report.center
    with pytest.raises(N.AmbiguousName):
        render_store(store, tmp_path / "x.html", entity="Budi")
    G = N.project(store)
    small = render_graph(G, tmp_path / "top.html", max_nodes=5)
    assert (small.nodes, small.omitted_nodes) == (5, G.number_of_nodes() - 5)
    kept = {n["id"] for n in _data((tmp_path / "top.html").read_text(encoding="utf-8"))["nodes"]}
    assert N.find_node(G, "Kementerian Ketenagakerjaan") in kept  # the best connected stay


def test_edge_labels_only_for_small_graphs(store):
    G = N.project(store)
    with_labels = view_data(G)
    assert all("label" in e for e in with_labels["edges"])
    assert not any("label" in e for e in view_data(G, edge_labels=False)["edges"])


def test_kg_build_writes_graph_html(tmp_path):
    build_fixture(tmp_path / "out", view=True, validate=False)
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert len(_data(html)["nodes"]) == 16


def test_cli_view(tmp_path, capsys):
    build_fixture(tmp_path / "kg", validate=False)
    target = tmp_path / "v.html"
    assert (
        main(
            [
                "view",
                "--store",
                str(tmp_path / "kg"),
                "--out",
                str(target),
                "--type",
                "Person",
                "--type",
                "GovernmentBody",
            ]
        )
        == 0
    )
    data = _data(target.read_text(encoding="utf-8"))
    assert {t["key"] for t in data["legend"]["types"]} == {"Person", "GovernmentBody"}
    assert (
        main(["view", "--store", str(tmp_path / "kg"), "--out", str(target), "--entity", "Budi"])
        == 2
    )
    assert "Budi Hartono" in capsys.readouterr().err
    assert main(["view", "--store", str(tmp_path / "kg"), "--type", "Persons"]) == 2


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_whole_corpus_view_projects_only_its_top_entities(store, tmp_path, kind):
    """``render_store`` picks the top entities in a stream and projects only them (memory
    follows the view, not the corpus): the page equals drawing the whole projection cut
    to the same number of nodes."""
    if kind == "oxigraph":
        build_fixture(tmp_path / "kg", validate=False, view=False)
        store = open_store(tmp_path / "kg", read_only=True)
    G = N.project(store)
    top, total = N.top_entities(store, 5)
    assert total == len(G) and len(top) == 5
    assert N.find_node(G, "Kementerian Ketenagakerjaan") in top
    part = N.project(store, nodes=top, evidence_limit=1)
    assert sorted(part) == sorted(top)
    for u, v, k, d in part.edges(keys=True, data=True):
        full = G.edges[u, v, k]
        assert d["evidence"] == full["evidence"][:1] and d["evidence_total"] == len(
            full["evidence"]
        )
        assert d["articles"] == full["articles"]
    whole = render_graph(G, tmp_path / "whole.html", max_nodes=5, title="migrasi-kg: all entities")
    report = render_store(store, tmp_path / "top.html", max_nodes=5)
    assert (report.nodes, report.edges, report.omitted_nodes) == (
        whole.nodes,
        whole.edges,
        whole.omitted_nodes,
    )
    assert (tmp_path / "top.html").read_bytes() == (tmp_path / "whole.html").read_bytes()
