"""``graph.build``: incremental builds equal clean builds; crashes leave the old store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fixtures_kg import (
    FixtureExtractor,
    NoGazetteer,
    article_a,
    article_b,
    article_c,
    article_d,
    article_e,
    articles_of,
    build_fixture,
    changed,
    corpus,
    free_port,
    resolver_config,
    store_nquads,
)

from graph.build import build
from graph.model import Article, EntityType, Extraction
from graph.rdf.iris import article_iri
from graph.store import open_store
from graph.store.endpoint import EndpointStore
from graph.store.export import sorted_nquads
from graph.store.layout import BuildDir

TESTS = Path(__file__).resolve().parent


nquads = store_nquads


def test_clean_build_writes_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build_fixture(out)
    assert report.articles == 4 and report.extracted == 4 and report.graphs_written == 4
    assert (
        report.entities_by_type["Person"] == 5
    )  # Hanif, Budi Santoso, Budi Hartono, lone Budi, Joséphine
    assert report.triples == len(nquads(out)) > 250
    assert set(report.triples_per_article) == {"a01", "b02", "c03", "d04"}
    assert report.validation == {"conforms": True, "violations": 0, "messages": {}}
    for name in ("store", "graph.trig", "graph.ttl", "search.sqlite", "build.json"):
        assert (out / name).exists(), name
    assert len(list((out / "extractions").glob("*.json"))) == 4
    summary = json.loads((out / "build.json").read_text())
    assert summary["articles"] == 4 and summary["generation"] == "1"
    ex = Extraction.from_json(json.loads(next((out / "extractions").glob("a1*.json")).read_text()))
    assert (
        ex.article.text == article_a().article.text
    )  # resolution can be redone without re-reading


def test_unchanged_rebuild_extracts_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_fixture(out)
    before = nquads(out)
    extractor = FixtureExtractor(corpus())
    report = build_fixture(out, extractor=extractor)
    assert extractor.calls == [] and report.reused == 4 and report.graphs_written == 0
    assert report.export_mode == "unchanged" and report.search_refresh == "incremental, 0 graph(s)"
    assert nquads(out) == before
    forced = FixtureExtractor(corpus())
    build_fixture(out, extractor=forced, force=True)
    assert len(forced.calls) == 4


@pytest.mark.parametrize(
    ("first", "second", "rewritten"),
    [
        pytest.param(corpus(), [*corpus(), article_e()], {"e05"}, id="add"),
        pytest.param(corpus(), [article_a(), article_b(), article_c()], set(), id="delete"),
        pytest.param(
            corpus(),
            [
                article_a(),
                changed(article_b(), "Pertemuan berikutnya dijadwalkan bulan depan."),
                article_c(),
                article_d(),
            ],
            {"b02"},
            id="change",
        ),
    ],
)
def test_incremental_build_equals_clean_build(
    tmp_path: Path, first: list[Extraction], second: list[Extraction], rewritten: set[str]
) -> None:
    inc, clean = tmp_path / "inc", tmp_path / "clean"
    build_fixture(inc, first)
    extractor = FixtureExtractor(second)
    report = build_fixture(inc, second, extractor=extractor)
    build_fixture(clean, second)
    assert nquads(inc) == nquads(clean)
    names = {ex.article.id: ex.article.name for ex in second}
    assert {names[a] for a in extractor.calls} == rewritten
    assert report.graphs_written == len(rewritten)
    assert report.deleted == len({ex.article.id for ex in first} - {ex.article.id for ex in second})
    assert report.export_mode == "incremental"  # previous export + the rewritten graphs
    for name in ("graph.trig", "graph.ttl"):
        assert (inc / name).read_bytes() == (clean / name).read_bytes(), name


def test_resolution_changes_rewrite_the_graphs_that_use_the_changed_iris(tmp_path: Path) -> None:
    """Two more articles calling IOM only "IOM" make "IOM" the most used name, so the IOM
    node gets a new IRI: the earlier graphs that mention it must be rewritten."""

    def iom_article(aid: str, name: str) -> Extraction:
        text = "IOM membuka kantor baru untuk membantu pekerja migran."
        art = Article(id=aid, name=name, text=text, content_hash=aid)
        from graph.model import Entity

        return Extraction(art, [Entity("e1", "IOM", EntityType.INTERNATIONAL_ORGANIZATION)], [], [])

    first = corpus()
    second = [*corpus(), iom_article("f6a1", "f06"), iom_article("g7b2", "g07")]
    inc, clean = tmp_path / "inc", tmp_path / "clean"
    build_fixture(inc, first)
    report = build_fixture(inc, second)
    build_fixture(clean, second)
    assert nquads(inc) == nquads(clean)
    assert any("/org/iom>" in line for line in nquads(inc))
    # a01 and b02 mention IOM; c03 and d04 do not and stay untouched
    assert report.graphs_written == 4


def test_generations_are_published_atomically_and_pruned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for extra in ("Satu.", "Dua.", "Tiga."):
        build_fixture(out, [changed(article_a(), extra), article_b()])
    bd = BuildDir(out)
    assert (out / "store").is_symlink()
    assert bd.manifest()["generation"] == 3
    kept = sorted(p.name for p in bd.generations.iterdir())
    assert kept == ["000002", "000003"]


def test_failed_build_leaves_the_previous_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_fixture(out)
    before = nquads(out)
    from graph.store.oxigraph import OxigraphStore

    calls = {"n": 0}
    original = OxigraphStore.replace_graphs

    def failing(self, graphs, remove=()):
        calls["n"] += 1
        original(self, graphs, remove)
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(OxigraphStore, "replace_graphs", failing)
    with pytest.raises(OSError, match="simulated"):
        build_fixture(out, [changed(article_a(), "Tambahan."), article_b(), article_d()])
    assert calls["n"] == 1
    monkeypatch.undo()
    assert nquads(out) == before
    assert [p.name for p in BuildDir(out).generations.iterdir()] == ["000001"]
    build_fixture(out, [article_a(), article_b()])  # and the next build works
    assert BuildDir(out).manifest()["generation"] == 2


def test_sigkill_during_a_build_leaves_a_readable_consistent_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_fixture(out)
    before = nquads(out)
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(TESTS)!r})
        from fixtures_kg import build_fixture, corpus, changed, article_e
        from graph.store.oxigraph import OxigraphStore
        original = OxigraphStore.replace_graphs
        def slow(self, graphs, remove=()):
            original(self, graphs, remove)
            print("WRITING", flush=True)
            time.sleep(60)
        OxigraphStore.replace_graphs = slow
        build_fixture({str(out)!r}, [*[changed(e, "Baru.") for e in corpus()], article_e()])
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "WRITING"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert nquads(out) == before  # readers still see the last complete build
    report = build_fixture(out, [*corpus(), article_e()])
    clean = tmp_path / "clean"
    build_fixture(clean, [*corpus(), article_e()])
    assert nquads(out) == nquads(clean)
    assert report.generation == "2"


def test_duplicate_and_skipped_inputs_are_reported(tmp_path: Path) -> None:
    class Skipped:
        path = "broken.pdf"
        reason = "not a text, HTML or JSONL file"

    exs = corpus()
    arts = [ex.article for ex in exs]
    report = build(
        out=tmp_path / "out",
        articles=[*arts, arts[0], Skipped()],
        extractor=FixtureExtractor(exs),
        view=False,
        validate=False,
        resolver=resolver_config(),
        ontology=NoGazetteer(),
    )
    assert report.articles == 4
    assert ("broken.pdf", "not a text, HTML or JSONL file") in report.skipped
    assert any("duplicate" in reason for _, reason in report.skipped)


def test_memory_and_endpoint_builds_match_the_oxigraph_build(tmp_path: Path) -> None:
    from graph.store.server import start_server, stop_server

    ox = tmp_path / "ox"
    build_fixture(ox)
    mem = build_fixture(tmp_path / "mem", store="memory")
    assert sorted_nquads(mem.handle) == nquads(ox)
    assert sorted_nquads(open_store(tmp_path / "mem")) == nquads(ox)  # graph.trig reloaded
    db = tmp_path / "db"
    open_store(db, create=True).close()  # an empty store for the server
    port = free_port()
    proc = start_server(db, f"127.0.0.1:{port}", writable=True)
    try:
        url = f"http://127.0.0.1:{port}"
        first = build_fixture(tmp_path / "ep", [article_a(), article_b(), article_e()], store=url)
        assert first.graphs_written == 3
        report = build_fixture(tmp_path / "ep", store=url)
        assert report.graphs_written == 2 and report.deleted == 1  # c03, d04 new; e05 gone
        assert sorted_nquads(open_store(url)) == nquads(ox)
        assert isinstance(open_store(tmp_path / "ep"), EndpointStore)  # build.json says where
        assert sorted_nquads(open_store(tmp_path / "ep")) == nquads(ox)
    finally:
        stop_server(proc)


def test_article_graph_iri_is_the_article_iri(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_fixture(out)
    store = open_store(out, read_only=True)
    graphs = set(store.graphs())
    assert {str(article_iri(ex.article.id)) for ex in corpus()} < graphs
    res = store.query("SELECT ?g WHERE { GRAPH ?g { ?g a mo:Article } }")
    assert {str(r[0]) for r in res.rows} == {str(article_iri(ex.article.id)) for ex in corpus()}
    assert article_c().article.id in str(article_iri(article_c().article.id))
    assert article_d().article.name == "d04"


def test_an_article_the_extractor_cannot_process_is_skipped_with_its_reason(tmp_path: Path) -> None:
    class Breaks(FixtureExtractor):
        def pipe(self, articles):
            for art in articles:
                if art.name == "d04":
                    raise ValueError("tokenizer exploded")
                yield from super().pipe([art])

        def extract(self, article):
            return next(self.pipe([article]))

    out = tmp_path / "out"
    build_fixture(out)
    second = [article_a(), article_b(), article_c(), changed(article_d(), "Kalimat baru.")]
    report = build_fixture(out, second, extractor=Breaks(second))
    assert ("d04.txt", "extraction failed: ValueError: tokenizer exploded") in report.skipped
    assert report.articles == 3 and report.deleted == 1
    assert not any("d4f5e6a7b8" in line for line in nquads(out))  # its old graph is gone
    clean = tmp_path / "clean"
    build_fixture(clean, second[:3])
    assert nquads(out) == nquads(clean)


def test_build_summary_names_counts_skips_and_outputs(tmp_path: Path, capsys) -> None:
    from graph.cli.build import print_summary

    class Skipped:
        path = "kosong.txt"
        reason = "empty file"

    exs = corpus()
    report = build(
        out=tmp_path / "out",
        articles=[*articles_of(exs), Skipped()],
        extractor=FixtureExtractor(exs),
        view=False,
        resolver=resolver_config(),
        ontology=NoGazetteer(),
    )
    print_summary(report)
    text = capsys.readouterr().out
    assert "articles read: 4 (4 extracted, 0 unchanged)" in text
    assert "kosong.txt: empty file" in text
    assert "entities: 16 (Person 5," in text and f"triples: {report.triples}" in text
    assert "validation: conforms" in text
    assert str(tmp_path / "out" / "graph.trig") in text
