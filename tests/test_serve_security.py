"""``kg serve`` defaults that keep a shared graph safe (issue 9, point 6): loopback only,
read-only (tested in test_serve.py), and a query timeout that stops a runaway query."""

from __future__ import annotations

import time
import urllib.error
from pathlib import Path

import pytest
from fixtures_kg import build_fixture, free_port, serve_process
from test_serve import post

from graph.cli import build_parser

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("srv-sec") / "out"
    build_fixture(out)
    return out


def test_defaults_are_loopback_read_only_with_a_timeout() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.bind.startswith("127.0.0.1:")
    assert not args.writable and args.timeout and args.timeout > 0


def test_a_runaway_query_is_stopped_by_the_timeout(built: Path) -> None:
    port = free_port()
    proc = serve_process(built, port, "--timeout", "2")
    try:
        assert proc.stdout is not None and "read-only" in proc.stdout.readline()
        url = f"http://127.0.0.1:{port}/query"
        t = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as stopped:
            post(url, RUNAWAY, "application/sparql-query")
        elapsed = time.monotonic() - t
        assert stopped.value.code >= 500 and elapsed < 9, (stopped.value.code, elapsed)
        assert b"timeout" in stopped.value.read().lower()
        # the server is still there for the next, reasonable query
        status, body = post(url, "ASK { ?s ?p ?o }", "application/sparql-query")
        assert status == 200 and b"true" in body
    finally:
        proc.terminate()
        proc.wait(10)
    assert _servers_on(built) == []  # SIGTERM stops the Oxigraph process too


def _servers_on(built: Path) -> list[int]:
    import psutil

    found = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = " ".join(p.info["cmdline"] or [])
        if "oxigraph" in cmd and str(built) in cmd:
            found.append(p.pid)
    return found
