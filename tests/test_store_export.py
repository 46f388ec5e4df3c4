"""``kg export``: the same corpus always exports the same bytes, from any store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_kg import build_fixture, corpus

from graph.cli import main
from graph.store import open_store
from graph.store.export import FORMATS, export, sorted_nquads
from graph.store.memory import MemoryStore


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("exp")
    build_fixture(base / "one")
    build_fixture(base / "two", list(reversed(corpus())))  # other input order, other directory
    return base / "one", base / "two"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_two_builds_export_identical_bytes(two_builds: tuple[Path, Path], fmt: str) -> None:
    one, two = (open_store(p, read_only=True) for p in two_builds)
    a, b = export(one, fmt), export(two, fmt)
    assert a == b and a
    memory = MemoryStore(two_builds[0] / "graph.trig")
    assert export(memory, fmt) == a  # the store implementation does not matter either


def test_nquads_are_sorted_and_blank_node_free(two_builds: tuple[Path, Path]) -> None:
    lines = export(open_store(two_builds[0], read_only=True), "nq").decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert not any(" _:" in line or line.startswith("_:") for line in lines)


def test_exports_parse_back_to_the_same_graph(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    store = open_store(two_builds[0], read_only=True)
    reference = sorted_nquads(store)
    for fmt in ("trig", "nq"):
        path = tmp_path / f"g.{fmt}"
        export(store, fmt, path)
        assert sorted_nquads(MemoryStore(path)) == reference
    ttl = tmp_path / "g.ttl"
    export(store, "ttl", ttl)
    union = {f"{q.subject} {q.predicate} {q.object} ." for q in store.quads()}
    assert sorted_nquads(MemoryStore(ttl)) == sorted(union)
    doc = json.loads(export(store, "jsonld"))
    assert any(g.get("@id", "").endswith("graph/entities") for g in doc)


def test_kg_export_cli(two_builds: tuple[Path, Path], tmp_path: Path, capsysbinary) -> None:
    out = tmp_path / "x.nq"
    assert main(["export", "--format", "nq", "--out", str(out), "--store", str(two_builds[0])]) == 0
    assert main(["export", "--format", "nq", "--store", str(two_builds[1])]) == 0
    assert capsysbinary.readouterr().out == out.read_bytes()
    assert (two_builds[0] / "graph.trig").read_bytes() == (
        two_builds[1] / "graph.trig"
    ).read_bytes()
