"""The parts of a build that must not grow with the corpus give the same results bounded.

Exports sort through spilled runs, the search index is refreshed graph by graph,
and validation of a big store checks a fixed sample of article graphs with the
entity descriptions they use. Each bounded path is compared with the unbounded one
on a real build of the sample articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from test_parallel_build import quick_build, sample_articles

import graph.search as search_mod
import graph.store.export as export_mod
from graph.build import build, validation_sample
from graph.rdf.vocab import DCT, ENTITIES_GRAPH
from graph.store import open_store
from graph.store.memory import MemoryStore
from graph.validate import validate_graphs, validate_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scaling") / "out"
    quick_build(out, sample_articles())
    return out


def test_spilled_export_is_byte_identical(built: Path, tmp_path: Path, monkeypatch) -> None:
    store = open_store(built, read_only=True)
    try:
        whole = export_mod.export_many(store, {"trig": None, "ttl": None, "nq": None})
        monkeypatch.setattr(export_mod, "SORT_CHUNK_LINES", 97)  # many runs to merge
        spilled = export_mod.export_many(store, {"trig": None, "ttl": None, "nq": None})
        lines = export_mod.sorted_nquads(store)
    finally:
        store.close()
    assert spilled == whole
    assert len(lines) > 10 * 97
    assert spilled["nq"].decode().splitlines() == lines
    assert (built / "graph.trig").read_bytes() == whole["trig"]  # what the build wrote


def test_sorted_unique_merges_runs(tmp_path: Path) -> None:
    words = [f"w{(i * 7919) % 1000:04d}" for i in range(5000)]  # 1000 distinct, shuffled
    got = list(export_mod.sorted_unique(iter(words), tmp_path, chunk=64))
    assert got == sorted(set(words))
    assert not list(tmp_path.iterdir())  # run files are removed


def _docs(idx: search_mod.SearchIndex) -> list[tuple]:
    return sorted(
        idx.db.execute(
            "SELECT kind, iri, type, label, body, graph, weight, extra FROM docs"
        ).fetchall(),
        key=repr,
    )


def test_chunked_search_refresh_equals_one_scan(built: Path, monkeypatch) -> None:
    store = open_store(built, read_only=True)
    try:
        one = search_mod.SearchIndex(None)
        one.refresh(store, generation="1")
        monkeypatch.setattr(search_mod, "FULL_SCAN_MAX_GRAPHS", 1)
        monkeypatch.setattr(search_mod, "REFRESH_CHUNK", 3)
        chunked = search_mod.SearchIndex(None)
        chunked.refresh(store, generation="1")
    finally:
        store.close()
    assert len(one) > 100
    assert _docs(chunked) == _docs(one)
    assert [h.iri for h in chunked.search("pekerja migran")] == [
        h.iri for h in one.search("pekerja migran")
    ]


def test_validation_sample_is_fixed_and_within_budget() -> None:
    names = {f"https://x.example/article/{i}": f"a{i}" for i in range(50)}
    sizes = {f"a{i}": 10 for i in range(50)}
    changed = ["https://x.example/article/7", "https://x.example/article/9"]
    sample = validation_sample(names, sizes, changed, budget=100)
    assert len(sample) == 10 and set(changed) <= set(sample)
    assert validation_sample(dict(reversed(names.items())), sizes, changed, budget=100) == sample
    assert validation_sample(names, sizes, [], budget=5) != []  # never empty


def test_sampled_validation_finds_a_violation_in_its_sample(built: Path) -> None:
    src = open_store(built, read_only=True)
    try:
        mem = MemoryStore()
        graphs = src.graphs()
        everything = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        from graph.store.base import IRI

        mem.replace_graphs({g: list(src.construct(everything, {"g": IRI(g)})) for g in graphs})
    finally:
        src.close()
    articles = [g for g in graphs if g != str(ENTITIES_GRAPH)]
    bad, good = articles[0], articles[1]
    assert validate_graphs(mem, [bad, good]).conforms
    # break the article node of one graph: no dct:identifier (the shapes require one)
    triples = [t for t in mem.construct(everything, {"g": IRI(bad)})]
    broken = [t for t in triples if not (t[0] == URIRef(bad) and t[1] == DCT.identifier)]
    assert len(broken) == len(triples) - 1
    mem.replace_graphs({bad: broken})
    found = validate_graphs(mem, [bad])
    assert not found.conforms
    assert any(v.focus == bad and "identifier" in v.message for v in found.violations)
    assert validate_graphs(mem, [good]).conforms  # outside the sample: not seen
    assert not validate_store(mem).conforms  # a full validation sees it too


def test_build_reports_a_sampled_validation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("graph.build.VALIDATE_SAMPLE_TRIPLES", 1500)
    report = build(out=tmp_path / "out", articles=sample_articles(), validate="sample", view=False)
    v = report.validation
    assert v is not None and v["mode"] == "sample" and v["conforms"]
    assert 1 <= v["graphs_validated"] < v["graphs_total"] == 11
    full = build(out=tmp_path / "out", articles=sample_articles(), validate="full", view=False)
    assert full.validation == {"conforms": True, "violations": 0, "messages": {}}
    with pytest.raises(ValueError, match="validation must be one of"):
        build(out=tmp_path / "x", articles=[], validate="most")
