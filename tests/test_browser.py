"""The HTML view in a real headless Chromium, opened from file:// with the network cut.

Skipped when Debian's /usr/bin/chromium is absent (never `playwright install`).
Every wait has an explicit timeout: a hung browser must fail the test, not hang it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_view import IMG, ROLE, SCRIPT, hostile_store

from graph import network as N
from graph.view import render_graph, render_store
from graph.view.browser import CHROMIUM, WAIT_MS, OfflinePage, launch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def store():
    return hostile_store()


@pytest.fixture(scope="module")
def graph(store):
    return N.project(store)


@pytest.fixture(scope="module")
def html_file(store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "graph.html"
    render_store(store, path)
    return path


class Page(OfflinePage):
    """The view page plus what these tests need to find on the canvas."""

    def empty_point(self) -> tuple[float, float]:
        """Page coordinates of a canvas point with no node and no edge under it."""
        point = self.js(
            """() => {
              const n = kgView.network;
              const r = document.getElementById('kg-network').getBoundingClientRect();
              for (let y = 10; y < r.height; y += 23) for (let x = 10; x < r.width; x += 23) {
                const p = {x, y}, free = !n.getNodeAt(p) && !n.getEdgeAt(p);
                if (free) return [r.left + x, r.top + y];
              }
              return null;
            }"""
        )
        assert point is not None
        return tuple(point)


@pytest.fixture
def page(browser, html_file):
    p = Page(browser, html_file)
    yield p
    p.close()


def test_loads_offline_without_errors_and_shows_every_node(page, graph, artifacts_dir):
    assert page.js("kgView.nodes.length") == graph.number_of_nodes()
    assert page.js("kgView.edges.length") == graph.number_of_edges()
    assert page.js("document.querySelectorAll('#kg-types input').length") == len(
        {d["type"] for _n, d in graph.nodes(data=True)}
    )
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(artifacts_dir / "view-fixture.png"))
    assert page.requests == []
    assert page.errors == []


def test_search_focuses_a_typed_name(page, graph):
    target = N.find_node(graph, "Joséphine Ferré")
    page.page.fill("#kg-search", "josephine ferre")  # no accents, lower case
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_function(
        "id => kgView.network.getSelectedNodes().includes(id)", arg=target, timeout=WAIT_MS
    )
    centre = page.js(
        """id => { const n = kgView.network, v = n.getViewPosition(), p = n.getPositions([id])[id];
                   return Math.hypot(v.x - p.x, v.y - p.y); }""",
        target,
    )
    assert centre < 1.0  # the view is centred on it
    assert "Joséphine Ferré" in page.page.inner_text("#kg-details")
    page.page.fill("#kg-search", "IOM")  # an alias
    page.page.press("#kg-search", "Enter")
    iom = N.find_node(graph, "IOM")
    page.page.wait_for_function(
        "id => kgView.network.getSelectedNodes().includes(id)", arg=iom, timeout=WAIT_MS
    )
    page.page.fill("#kg-search", "no such entity anywhere")
    page.page.press("#kg-search", "Enter")
    assert page.page.inner_text("#kg-search-status") == "not found"
    assert page.errors == []


def test_type_filter_hides_that_type(page, graph):
    person = N.find_node(graph, "M. Hanif Dhakiri")
    x, y = page.node_point(person)
    page.page.uncheck("input[data-type=Person]")
    hidden = page.js("kgView.nodes.get().filter(n => n.hidden).map(n => n.id)")
    people = {n for n, d in graph.nodes(data=True) if d["type"] == "Person"}
    assert set(hidden) == people
    edges = page.js("kgView.edges.get().filter(e => !e.hidden).map(e => [e.from, e.to])")
    assert not any(u in people or v in people for u, v in edges)
    page.page.mouse.click(x, y)  # where the person was drawn: nothing to select now
    assert page.js("kgView.network.getSelectedNodes()") == []
    page.page.check("input[data-type=Person]")
    assert page.js("kgView.nodes.get().filter(n => n.hidden).length") == 0
    page.page.uncheck("input[data-predicate=holdsRole]")
    assert page.js("kgView.edges.get().filter(e => e.hidden).every(e => e.kgPred === 'holdsRole')")
    assert page.js("kgView.edges.get().filter(e => e.hidden).length") == sum(
        1 for *_e, d in graph.edges(data=True) if d["predicate"] == "holdsRole"
    )
    assert page.errors == []


def test_click_empty_canvas_then_a_node(page, graph):
    """PyVis 0.3.2 threw `highlightActive is not defined` on this sequence."""
    page.page.mouse.click(*page.empty_point())
    node = N.find_node(graph, "Kementerian Ketenagakerjaan")
    page.page.mouse.click(*page.node_point(node))
    page.page.wait_for_function(
        "id => kgView.network.getSelectedNodes().includes(id)", arg=node, timeout=WAIT_MS
    )
    details = page.page.inner_text("#kg-details")
    assert "Kementerian Ketenagakerjaan" in details and "bekerja sama" in details  # evidence shown
    dimmed = page.js(
        "kgView.nodes.get().filter(n => String(n.color).startsWith('rgba(200')).length"
    )
    assert dimmed == graph.number_of_nodes() - 1 - len(set(graph.to_undirected(as_view=True)[node]))
    page.page.mouse.click(*page.empty_point())
    assert page.js("kgView.state.highlighted") is None
    page.page.check("#kg-physics")
    assert page.js("kgView.network.physics.options.enabled") is True
    page.page.uncheck("#kg-physics")
    assert page.errors == []


def test_hostile_labels_render_as_text_and_run_nothing(page, graph, artifacts_dir):
    img_node = N.find_node(graph, IMG)
    x, y = page.node_point(img_node)
    page.page.mouse.move(x - 40, y - 40)
    page.page.mouse.move(x, y, steps=8)
    page.page.wait_for_selector("#kg-tooltip", state="visible", timeout=WAIT_MS)
    assert IMG in page.page.inner_text("#kg-tooltip")
    page.page.mouse.click(x, y)
    page.page.wait_for_function(
        "id => kgView.network.getSelectedNodes().includes(id)", arg=img_node, timeout=WAIT_MS
    )
    details = page.page.inner_text("#kg-details")
    assert IMG in details and SCRIPT in details and ROLE in details
    page.page.fill("#kg-search", SCRIPT)
    page.page.press("#kg-search", "Enter")
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(artifacts_dir / "view-hostile.png"))
    # nothing was injected: no <img>, no extra <script>, no element with an inline handler
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 3
    assert page.js("document.querySelectorAll('[onerror],[onmouseover],[onload]').length") == 0
    assert page.js(
        "Array.from(document.querySelectorAll('#kg-details a')).every(a => /^https?:/.test(a.href))"
    )
    assert page.dialogs == [] and page.errors == [] and page.requests == []


def test_ego_view_selects_its_centre(browser, store, tmp_path):
    path = tmp_path / "ego.html"
    report = render_store(store, path, entity="IOM", depth=1)
    p = Page(browser, path)
    try:
        p.page.wait_for_function(
            "c => kgView.network.getSelectedNodes().includes(c)", arg=report.center, timeout=WAIT_MS
        )
        assert p.js("kgView.nodes.length") == report.nodes == 3
        assert p.errors == [] and p.requests == []
    finally:
        p.close()


def test_a_thousand_nodes_draw_quickly(browser, tmp_path):
    import networkx as nx

    G = nx.MultiDiGraph()
    R = nx.gnm_random_graph(1000, 4000, seed=3)
    for n in R:
        G.add_node(
            f"n{n}", label=f"Entity {n}", type="Person", aliases=[], articles=1, positions=[]
        )
    for u, v in R.edges():
        G.add_edge(
            f"n{u}",
            f"n{v}",
            key="collaboratesWith",
            predicate="collaboratesWith",
            articles=1,
            evidence=[],
        )
    render_graph(G, tmp_path / "big.html")
    p = Page(browser, tmp_path / "big.html")
    try:
        assert p.js("kgView.nodes.length") == 1000
        assert p.js("kgView.readyAt") < 15_000  # ms since navigation start; typically ~1 s
        assert p.errors == []
    finally:
        p.close()
