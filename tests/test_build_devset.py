"""``kg build`` on the development set, read in place (never copied), with the real extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import main

pytestmark = [pytest.mark.devset, pytest.mark.slow]


def test_kg_build_devset_then_query_and_search(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    pytest.importorskip("graph.corpus", reason="the corpus reader is not in the tree yet")
    out = tmp_path / "out"
    assert main(["build", str(seeds_dir), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "articles read: 5" in printed and "triples:" in printed
    report = json.loads((out / "build.json").read_text())
    assert report["articles"] == 5 and report["triples"] > 500
    assert report["entities_by_type"]["Person"] >= 5
    assert report["validation"] is not None
    assert main(["query", "positions", "--format", "json", "--store", str(out)]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert any(r["personLabel"] == "Afriansyah Noor" for r in rows)
    assert main(["search", "afriansyah", "--json", "--store", str(out)]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and hits[0]["label"] == "Afriansyah Noor"
    # a second build reuses every extraction and writes nothing
    assert main(["build", str(seeds_dir), "--out", str(out)]) == 0
    again = json.loads((out / "build.json").read_text())
    assert again["extracted"] == 0 and again["graphs_written"] == 0
