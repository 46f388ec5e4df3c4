"""``kg build --dask``: extraction on a Dask cluster gives the same graph as one process."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest
from test_parallel_build import built_nquads, quick_build, sample_articles

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("single") / "out"
    quick_build(out, sample_articles(), workers=1)
    return built_nquads(out)


@pytest.fixture(scope="module")
def client():
    """Two single-threaded workers in this process: fast to start, bounded."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_client_build_equals_single_process(tmp_path: Path, client, expected) -> None:
    report = quick_build(tmp_path / "out", sample_articles(), dask=client)
    assert report.extracted == 11 and not report.skipped
    assert built_nquads(tmp_path / "out") == expected
    # results come back in input order even when small batches finish out of order
    from graph.distributed import extract_stream

    names = [x.article.name for x in extract_stream(sample_articles(), client, batch_size=2)]
    assert names == [a.name for a in sample_articles()]  # input order kept


def test_failed_article_on_a_worker_is_reported(tmp_path: Path, client) -> None:
    from test_parallel_build import _article

    from graph.defaults import MAX_ARTICLE_CHARS

    huge = _article("huge", "IOM. " * (MAX_ARTICLE_CHARS // 5 + 1), "https://x.example/h")
    report = quick_build(tmp_path / "out", [huge, *sample_articles()[:2]], dask=client)
    assert report.extracted == 2
    assert [p for p, _ in report.skipped] == ["huge.txt"]


@pytest.mark.slow
def test_dask_local_processes_equal_single_process(tmp_path: Path, expected) -> None:
    """``--dask local``: a LocalCluster of worker processes started by the build."""
    report = quick_build(tmp_path / "out", sample_articles(), dask="local", workers=2)
    assert report.extracted == 11
    assert built_nquads(tmp_path / "out") == expected


def test_missing_dask_gives_install_hint(tmp_path: Path, monkeypatch) -> None:
    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.split(".")[0] in ("dask", "distributed"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    from graph.distributed import DaskUnavailable

    with pytest.raises(DaskUnavailable, match=r"pip install 'migrasi-kg\[dask\]'"):
        quick_build(tmp_path / "out", sample_articles()[:1], dask="local")


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    from graph.distributed import connect

    with (
        pytest.raises(
            RuntimeError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
        ),
        connect("tcp://127.0.0.1:9", timeout="2s"),
    ):
        pass
