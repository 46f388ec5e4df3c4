"""``kg serve``: the oxigraph server on a built store, over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from fixtures_kg import build_fixture, free_port, serve_process

from graph.store.server import server_command, start_server, stop_server

SELECT = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?l WHERE { ?p a <https://w3id.org/migrasi-kg/ontology#Person> ; skos:prefLabel ?l } "
    "ORDER BY ?l"
)


def post(url: str, body: str, content_type: str, accept: str = "application/sparql-results+json"):
    req = urllib.request.Request(
        url,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": content_type, "Accept": accept},
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("srv") / "out"
    build_fixture(out)
    return out


def test_kg_serve_answers_select_and_refuses_updates(built: Path) -> None:
    port = free_port()
    proc = serve_process(built, port, "--timeout", "30")
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first and "read-only" in first
        url = f"http://127.0.0.1:{port}"
        status, body = post(url + "/query", SELECT, "application/sparql-query")
        labels = [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]
        assert status == 200 and "Budi Santoso" in labels and "M. Hanif Dhakiri" in labels
        get = url + "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(get, timeout=10) as r:
            assert json.loads(r.read())["boolean"] is True
        with pytest.raises(urllib.error.HTTPError) as refused:
            post(
                url + "/update", 'INSERT DATA { <urn:x> <urn:y> "z" }', "application/sparql-update"
            )
        assert refused.value.code in (403, 405)
        status, body = post(
            url + "/query", 'ASK { <urn:x> <urn:y> "z" }', "application/sparql-query"
        )
        assert json.loads(body)["boolean"] is False
        with urllib.request.urlopen(url + "/", timeout=10) as r:  # the built-in query UI
            assert r.status == 200 and b"<html" in r.read(2000).lower()
    finally:
        proc.terminate()
        proc.wait(10)


def test_writable_server_and_command_line(built: Path, tmp_path: Path) -> None:
    cmd = server_command(built / "store", "127.0.0.1:7000", timeout=12)
    assert cmd[1] == "serve-read-only" and "--union-default-graph" in cmd
    assert (
        cmd[cmd.index("--timeout-s") + 1] == "12"
        and cmd[cmd.index("--bind") + 1] == "127.0.0.1:7000"
    )
    from graph.store import open_store

    copy = tmp_path / "copy"
    open_store(built, read_only=True).backup(copy)  # never write into the build's own store
    port = free_port()
    proc = start_server(copy, f"127.0.0.1:{port}", writable=True)
    try:
        url = f"http://127.0.0.1:{port}"
        status, _ = post(
            url + "/update", 'INSERT DATA { <urn:x> <urn:y> "z" }', "application/sparql-update"
        )
        assert status in (200, 204)
        _, body = post(url + "/query", 'ASK { <urn:x> <urn:y> "z" }', "application/sparql-query")
        assert json.loads(body)["boolean"] is True
    finally:
        stop_server(proc)


def test_serve_without_a_store_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.cli import main

    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    assert "no Oxigraph store" in capsys.readouterr().err
