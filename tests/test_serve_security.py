"""``kg serve`` defaults that keep a shared graph safe (issue 9, point 6): loopback only,
read-only (tested in test_serve.py), a query timeout that stops a runaway query, and
no federated queries (SERVICE would let any visitor make the server fetch any URL)."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import ClassVar

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


class _Listener(http.server.BaseHTTPRequestHandler):
    """A local web server that records every request it gets."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.mark.parametrize("timeout", ["2", "0"])
def test_service_queries_are_refused_and_fetch_nothing(built: Path, timeout: str) -> None:
    listener = http.server.HTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    target = f"http://127.0.0.1:{listener.server_address[1]}/sparql"
    port = free_port()
    proc = serve_process(built, port, "--timeout", timeout)
    try:
        assert proc.stdout is not None and "read-only" in proc.stdout.readline()
        url = f"http://127.0.0.1:{port}"
        federated = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
        for send in (
            lambda: post(url + "/query", federated, "application/sparql-query"),
            lambda: post(
                url + "/query",
                urllib.parse.urlencode({"query": federated.lower()}),
                "application/x-www-form-urlencoded",
            ),
            lambda: urllib.request.urlopen(
                url + "/query?" + urllib.parse.urlencode({"query": federated}), timeout=10
            ),
        ):
            with pytest.raises(urllib.error.HTTPError) as refused:
                send()
            assert refused.value.code == 403 and b"SERVICE" in refused.value.read()
        with pytest.raises(urllib.error.HTTPError) as update:
            post(url + "/update", "INSERT DATA { <urn:x> <urn:y> 1 }", "application/sparql-update")
        assert update.value.code == 403
        # a variable or a string that merely says "service" is an ordinary query
        ok = 'SELECT ?service WHERE { BIND("SERVICE <x>" AS ?service) }'
        status, body = post(url + "/query", ok, "application/sparql-query")
        assert status == 200 and b"SERVICE <x>" in body
    finally:
        proc.terminate()
        proc.wait(10)
        listener.shutdown()
    assert _Listener.hits == []
