"""The research notebooks run top to bottom, headless, and show real results.

Each notebook is executed with nbclient on the bundled sample corpus and, when
``../shared/corpus/seeds`` exists, on the development set. A cell error fails the
test; the checks below make sure the tables, the plot, the inline view and the
GraphML file are there and not empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.defaults import PROJECT_DIR, SAMPLE_CORPUS_DIR

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("*.ipynb"))
ROWS = re.compile(r"<tr>")


def _execute(path: Path, corpus: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
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


def _tables(nb: Any) -> list[int]:
    """Row counts of the DataFrames the notebook displayed."""
    return [len(ROWS.findall(h)) - 1 for h in _outputs(nb, "text/html") if "dataframe" in h]


def test_notebooks_are_stored_without_outputs() -> None:
    assert [p.name for p in NOTEBOOKS] == [
        "01_build_and_query.ipynb",
        "02_people_positions_quotes.ipynb",
        "03_network_analysis.ipynb",
    ]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert nb.cells[0].cell_type == "markdown" and "Your own corpus" in nb.cells[0].source
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def _check(name: str, nb: Any, out: Path) -> None:
    tables = _tables(nb)
    assert tables and all(n > 0 for n in tables), (name, tables)
    if name.startswith("01"):
        html = "\n".join(_outputs(nb, "text/html"))
        assert 'class="entity"' in html  # displaCy highlighted mentions
        assert len(tables) >= 6
    elif name.startswith("02"):
        assert _outputs(nb, "image/png"), "the timeline plot is missing"
    elif name.startswith("03"):
        assert any("IFrame" in t or "iframe" in t for t in _outputs(nb, "text/html"))
        assert (out / "ego.html").stat().st_size > 10_000
        G = nx.read_graphml(out / "graph.graphml")
        assert G.number_of_nodes() > 10 and G.number_of_edges() > 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_sample_corpus(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _execute(path, SAMPLE_CORPUS_DIR, tmp_path / "out", monkeypatch)
    _check(path.name, nb, tmp_path / "out")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_development_set(
    path: Path, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _execute(path, seeds_dir, tmp_path / "out", monkeypatch)
    _check(path.name, nb, tmp_path / "out")
