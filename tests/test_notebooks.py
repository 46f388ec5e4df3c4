"""The research notebooks run top to bottom, headless, and show real results.

Each notebook is executed with nbclient (kernel ``python3``: ipykernel in this venv) on
the bundled sample corpus through the notebooks' defaults and, when
``../shared/corpus/seeds`` exists, on the development set. A cell error fails the test.
The checks then compare what the notebook showed with the build it made: every entity
mention highlighted, every quote listed, the GraphML file holding the whole projection,
the inline view offline.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib

from graph.api import KnowledgeGraph
from graph.defaults import PROJECT_DIR
from graph.view.browser import CHROMIUM, WAIT_MS, launch

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("*.ipynb"))
ROWS = re.compile(r"<tr>")


def _execute(path: Path, out: Path, monkeypatch: pytest.MonkeyPatch, corpus: Path | None) -> Any:
    """Run ``path`` into build directory ``out``; ``corpus=None`` keeps the notebook's default."""
    if corpus is None:
        monkeypatch.delenv("MIGRASI_KG_CORPUS", raising=False)
    else:
        monkeypatch.setenv("MIGRASI_KG_CORPUS", str(corpus))
    monkeypatch.setenv("MIGRASI_KG_NOTEBOOK_OUT", str(out))
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def _outputs(nb: Any, kind: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if kind in data:
                found.append(data[kind])
    return found


def _printed(nb: Any) -> str:
    return "".join(
        o.get("text", "")
        for cell in nb.cells
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )


def _tables(nb: Any) -> list[int]:
    """Row counts of the DataFrames the notebook displayed (header row left out)."""
    return [len(ROWS.findall(h)) - 1 for h in _outputs(nb, "text/html") if "dataframe" in h]


def test_notebooks_are_stored_without_outputs() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_build_and_query.ipynb",
        "02_people_positions_quotes.ipynb",
        "03_network_analysis.ipynb",
    ]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        intro = nb.cells[0]
        assert intro.cell_type == "markdown" and "Your own corpus" in intro.source
        assert "MIGRASI_KG_CORPUS" in intro.source
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def _check_build_and_query(nb: Any, out: Path) -> None:
    tables = _tables(nb)
    assert len(tables) >= 9, tables  # entities, relations, quotes, 4 queries, partners, search
    # The displaCy cell prints "name | title | date" of the article it shows; every mention
    # span of that article's extraction is highlighted.
    shown = re.search(r"^(\S+) \| ", _printed(nb), re.M)
    assert shown, "the article shown next to its extraction is not named"
    with KnowledgeGraph.open(out) as kg:
        ents = kg.extraction(shown.group(1)).to_displacy()["ents"]
    displacy = next(h for h in _outputs(nb, "text/html") if 'class="entity"' in h)
    assert len(ents) > 5 and displacy.count('class="entity"') == len(ents)
    assert "conforms: True | 0 violations" in _printed(nb)
    ttl = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(ttl) > 1000


def _check_people(nb: Any, out: Path) -> None:
    assert _outputs(nb, "image/png"), "the timeline plot is missing"
    built = json.loads((out / "build.json").read_text(encoding="utf-8"))
    listed = re.search(r"^(\d+) quotes by (\d+) speakers", _printed(nb), re.M)
    assert listed, "the quote count line is missing"
    assert int(listed.group(1)) == built["quotes"] > 0  # every quote is in the table
    assert "person-person pairs" in _printed(nb)


def _check_network(nb: Any, out: Path) -> None:
    inline = [h for h in _outputs(nb, "text/html") if "<iframe srcdoc=" in h]
    assert len(inline) == 1
    page = inline[0]
    assert "vis.Network" in page or "vis-network" in page  # the drawing library is inlined
    assert "&lt;script src=" not in page and "https://cdn" not in page  # nothing fetched
    assert (out / "ego.html").stat().st_size > 10_000
    written = re.search(r"ego\.html (\d+) entities, (\d+) relations", _printed(nb))
    assert written and int(written.group(1)) > 1
    if CHROMIUM.exists():
        drawn, requests = _draw_inline(page, out / "inline.html")
        assert drawn == int(written.group(1)) and requests == []
    with KnowledgeGraph.open(out) as kg:
        G = kg.network()
    back = nx.read_graphml(out / "graph.graphml")
    assert back.number_of_nodes() == G.number_of_nodes() > 10
    assert back.number_of_edges() == G.number_of_edges() > 10
    assert re.search(r"^.+ -> .+ \(\d+ hops\)$", _printed(nb), re.M)  # a path was found


def _draw_inline(output_html: str, path: Path) -> tuple[int, list[str]]:
    """Open the notebook's inline output in headless Chromium with the network cut:
    how many nodes the view inside the ``srcdoc`` iframe drew, which requests it tried."""
    from playwright.sync_api import sync_playwright

    path.write_text(f"<!doctype html><html><body>{output_html}</body></html>", encoding="utf-8")
    requests: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "about:")):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context()
            context.route("**/*", route)
            page = context.new_page()
            page.goto(path.as_uri(), timeout=WAIT_MS)
            frame = page.frames[1]  # the iframe
            # Polled from Python: wait_for_function evaluates through eval(), which the
            # page's Content-Security-Policy forbids (and should keep forbidding).
            deadline = time.monotonic() + WAIT_MS / 1000
            while not frame.evaluate("() => Boolean(window.kgView && window.kgView.ready)"):
                assert time.monotonic() < deadline, "the inline view never finished drawing"
                page.wait_for_timeout(100)
            return frame.evaluate("() => kgView.nodes.length"), requests
        finally:
            browser.close()


CHECKS = {
    "01_build_and_query": _check_build_and_query,
    "02_people_positions_quotes": _check_people,
    "03_network_analysis": _check_network,
}


def _check(path: Path, nb: Any, out: Path) -> None:
    tables = _tables(nb)
    assert tables and all(n > 0 for n in tables), (path.name, tables)
    CHECKS[path.stem](nb, out)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_sample_corpus(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _execute(path, tmp_path / "out", monkeypatch, corpus=None)  # default: corpus/sample
    assert "corpus/sample" in _outputs(nb, "text/plain")[0]
    _check(path, nb, tmp_path / "out")


@pytest.mark.devset
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_development_set(
    path: Path, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _execute(path, tmp_path / "out", monkeypatch, corpus=seeds_dir)
    _check(path, nb, tmp_path / "out")


def test_a_corpus_without_articles_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "my-corpus"
    empty.mkdir()
    (empty / "notes.csv").write_text("not an article\n", encoding="utf-8")
    with pytest.raises(nbclient.exceptions.CellExecutionError) as err:
        _execute(NOTEBOOKS[0], tmp_path / "out", monkeypatch, corpus=empty)
    assert "my-corpus: no readable articles" in str(err.value)
