"""SIGKILL cases ``test_reliability.py`` does not cover (issue 9, point 2): the very
first build killed (there is no previous store), and a kill after the store was
published but before its mirrors (exports, search index) were rewritten. The next
run must give exactly what a clean build gives: N-Quads, TriG, Turtle and search.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_kg import store_nquads
from test_reliability import _corpus_versions, _kg_build, _kill_when

from graph.build import build
from graph.search import open_index
from graph.store import StoreNotFound, open_store

pytestmark = pytest.mark.slow


def _complete(corpus: Path, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--no-view"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def _count(out: Path) -> int:
    store = open_store(out, read_only=True)
    try:
        return store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]
    finally:
        store.close()


def _mirrors(out: Path) -> tuple[bytes, bytes, list]:
    idx = open_index(out)
    try:
        hits = [(h.kind, h.label, h.text) for h in idx.search("pekerja migran", limit=50)]
    finally:
        idx.close()
    return (out / "graph.trig").read_bytes(), (out / "graph.ttl").read_bytes(), hits


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("crash2")
    a, b = _corpus_versions(root)
    clean_a, clean_b = root / "clean-a", root / "clean-b"
    build([a], clean_a, workers=1, view=False)
    build([b], clean_b, workers=1, view=False)
    return {"a": a, "b": b, "clean_a": clean_a, "clean_b": clean_b}


@pytest.mark.parametrize("point", ["0.2s", "0.9s", "read", "wrote"])
def test_killed_first_build_leaves_no_half_store_and_the_rerun_is_clean(
    point: str, versions: dict, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    logged = _kill_when(_kg_build(versions["a"], out), point)
    if "wrote" in logged:  # killed after publishing: the complete store, never a part
        assert store_nquads(out) == store_nquads(versions["clean_a"])
    else:
        with pytest.raises(StoreNotFound):
            open_store(out, read_only=True)
    _complete(versions["a"], out)
    assert store_nquads(out) == store_nquads(versions["clean_a"])
    assert _mirrors(out) == _mirrors(versions["clean_a"])


def test_kill_after_publishing_then_rerun_refreshes_every_mirror(
    versions: dict, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(versions["clean_a"], out, symlinks=True)
    before = _count(out)
    assert before == _count(versions["clean_a"]) > 1000
    logged = _kill_when(_kg_build(versions["b"], out), "wrote")
    assert "wrote" in logged
    assert store_nquads(out) == store_nquads(versions["clean_b"])  # published whole
    _complete(versions["b"], out)
    assert store_nquads(out) == store_nquads(versions["clean_b"])
    assert _mirrors(out) == _mirrors(versions["clean_b"])
    assert _count(out) == _count(versions["clean_b"])


def test_two_kills_in_a_row_keep_the_previous_store(versions: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(versions["clean_a"], out, symlinks=True)
    before = _count(out)
    for point in ("0.5s", "read"):
        _kill_when(_kg_build(versions["b"], out), point)
        assert _count(out) == before  # the previous store opens and answers the same COUNT
    _complete(versions["b"], out)
    assert store_nquads(out) == store_nquads(versions["clean_b"])
