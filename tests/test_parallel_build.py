"""``kg build --workers N``: a build with worker processes equals a single-process build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from test_build_incremental import nquads as built_nquads

from graph.build import build
from graph.defaults import MAX_ARTICLE_CHARS, SAMPLE_CORPUS_DIR
from graph.model import Article


def sample_articles() -> list[Article]:
    """The bundled sample articles (the .txt files and feed.jsonl) as Article records."""
    arts = []
    for path in sorted(SAMPLE_CORPUS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        arts.append(_article(path.stem, text, f"https://sample.example/{path.stem}"))
    for line in (SAMPLE_CORPUS_DIR / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        arts.append(_article(d["id"], d["text"], d["url"], d.get("published"), d.get("title")))
    return arts


def _article(
    name: str, text: str, url: str, published: str | None = None, title: str | None = None
) -> Article:
    return Article(
        id=hashlib.sha256(url.encode()).hexdigest()[:16],
        name=name,
        text=text,
        title=title,
        url=url,
        published=published,
        path=f"{name}.txt",
        story_span=(0, len(text)),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def quick_build(out: Path, articles: list, **kwargs):
    return build(out=out, articles=articles, validate=False, view=False, **kwargs)


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("single") / "out"
    report = quick_build(out, sample_articles(), workers=1)
    assert report.extracted == len(sample_articles()) and not report.skipped
    return out, built_nquads(out)


def test_two_workers_equal_one_process(tmp_path: Path, single_process) -> None:
    out1, expected = single_process
    out2 = tmp_path / "out"
    report = quick_build(out2, sample_articles(), workers=2)
    assert report.extracted == 11 and report.graphs_written == 11
    assert built_nquads(out2) == expected
    assert len(expected) > 1000  # a real graph, not two empty ones
    assert (out2 / "graph.trig").read_bytes() == (out1 / "graph.trig").read_bytes()


def test_graphs_assembled_in_workers_equal_one_process(
    tmp_path: Path, single_process, monkeypatch
) -> None:
    """A big build assembles article graphs in worker processes (here: from 1 graph)."""
    import graph.build

    calls = []
    real = graph.build._assemble_in_workers

    def spy(*args, **kwargs):
        calls.append(len(args[1]))
        yield from real(*args, **kwargs)

    monkeypatch.setattr(graph.build, "PARALLEL_MIN", 1)
    monkeypatch.setattr(graph.build, "ASSEMBLY_CHUNK", 3)
    monkeypatch.setattr(graph.build, "_assemble_in_workers", spy)
    out = tmp_path / "out"
    report = quick_build(out, sample_articles(), workers=2)
    assert calls == [11] and report.graphs_written == 11
    assert built_nquads(out) == single_process[1]


def test_new_store_is_exported_from_the_spool_of_its_graphs(
    tmp_path: Path, single_process, monkeypatch
) -> None:
    """A clean build that assembles its graphs in workers keeps them in a spool and
    exports that (no read-back of the store): the same bytes as a one-process build;
    an update of that store has no spool; the spool file is removed."""
    import graph.build

    spools = []
    real = graph.build._write_graphs

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        spools.append(result[3])
        return result

    monkeypatch.setattr(graph.build, "PARALLEL_MIN", 1)
    monkeypatch.setattr(graph.build, "ASSEMBLY_CHUNK", 4)
    monkeypatch.setattr(graph.build, "_write_graphs", spy)
    out1, _ = single_process
    out = tmp_path / "out"
    report = quick_build(out, sample_articles(), workers=2)
    assert report.export_mode == "full"
    assert spools[0] is not None and len(spools[0].index) == 11 + 1  # articles + entities
    for name in ("graph.trig", "graph.ttl"):
        assert (out / name).read_bytes() == (out1 / name).read_bytes(), name
    assert not (out / ".spool.nq").exists()
    quick_build(out, sample_articles()[:-1], workers=2, force=True)  # an update
    assert spools[1] is None
    assert built_nquads(out) != single_process[1]


def test_spool_export_equals_a_store_scan(tmp_path: Path, single_process) -> None:
    """``export_many(spool=...)`` writes the bytes a full read of the store writes."""
    from graph.store import open_store
    from graph.store.export import Spool, export_many, graph_block
    from graph.store.terms import nquad_line

    store = open_store(single_process[0], read_only=True)
    spool = Spool(tmp_path / "spool.nq")
    for g in reversed(store.graphs()):  # any order in, graph order out
        spool.add(g, graph_block(nquad_line(q) for q in store.quads(g)))
    with pytest.raises(ValueError, match="already in the spool"):
        spool.add(g, b"")
    fmts = ("nq", "trig", "ttl")
    from_spool = export_many(store, dict.fromkeys(fmts), spool=spool)
    scanned = export_many(store, dict.fromkeys(fmts))
    assert from_spool == scanned and len(scanned["trig"]) > 100_000


def test_failing_article_is_reported_not_fatal_with_workers(tmp_path: Path) -> None:
    """One article the extractor refuses (too long) is skipped with its reason; the
    rest of its batch is extracted, in worker processes as in one process."""
    arts = sample_articles()[:4]
    too_long = _article("huge", "Kemnaker. " * (MAX_ARTICLE_CHARS // 10 + 1), "https://x.example/h")
    corpus = [arts[0], too_long, *arts[1:]]
    one = quick_build(tmp_path / "one", corpus, workers=1)
    two = quick_build(tmp_path / "two", corpus, workers=2)
    for report in (one, two):
        assert report.extracted == 4 and report.articles == 4
        assert [p for p, _ in report.skipped] == ["huge.txt"]
        assert "more than the limit" in report.skipped[0][1]
    assert built_nquads(tmp_path / "one") == built_nquads(tmp_path / "two")


def test_nothing_to_extract_starts_no_pool(tmp_path: Path, single_process, monkeypatch) -> None:
    """An unchanged rebuild with workers reuses every cached extraction."""
    out = tmp_path / "out"
    quick_build(out, sample_articles(), workers=2)

    def no_pool(*_a, **_k):
        raise AssertionError("a worker pool was started with nothing to extract")

    monkeypatch.setattr("graph.extract.parallel.extract_stream", no_pool)
    report = quick_build(out, sample_articles(), workers=2)
    assert report.extracted == 0 and report.reused == 11 and report.graphs_written == 0
    assert built_nquads(out) == single_process[1]


def test_cli_workers_flag(tmp_path: Path, single_process) -> None:
    try:
        from graph.corpus import iter_corpus  # noqa: F401  (the CLI reads paths with it)
    except ImportError:
        pytest.skip("needs the corpus reader (graph.corpus.iter_corpus)")
    from graph.cli import main

    out = tmp_path / "out"
    assert main(["build", str(SAMPLE_CORPUS_DIR), "--out", str(out), "--workers", "2",
                 "--no-validate"]) == 0  # fmt: skip
    assert json.loads((out / "build.json").read_text())["graphs_written"] >= 11
    assert main(["build", "--out", str(out), "--workers", "0"]) == 2
