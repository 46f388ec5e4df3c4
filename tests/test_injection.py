"""User values that reach SPARQL are bound, never pasted (issue 9, point 4).

Each payload goes through the commands a researcher types: ``kg query --param``,
``kg view --entity``, ``kg network path`` and ``kg search``. The answer must be the
one a harmless name that matches nothing gets, and the store must be unchanged.
A remote endpoint is the one store where a value is written into the query text
(a VALUES block): the same payloads go through ``kg serve``, and any text at all
must come back from a SPARQL parser as exactly itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fixtures_kg import free_port, serve_process, store_nquads
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.build import build
from graph.cli import main
from graph.defaults import SAMPLE_CORPUS_DIR
from graph.store.sparql import bind_values

PAYLOADS = [
    '" } ; DROP ALL ; #',
    "' } UNION { ?s ?p ?o } #",
    '"} } INSERT DATA { <urn:x> <urn:y> "z" } #',
    'Budi" . ?q ?p ?o . FILTER(true) #',
    "\\u0022 } #",
    "x\n} DROP ALL #",
    "<urn:evil>",
    "${person}",
    "\\\\u0022 } #",
    "a\\u000A} DROP ALL #",
]
HARMLESS = "Nama Yang Tidak Ada"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inject") / "out"
    files = sorted(SAMPLE_CORPUS_DIR.glob("m0*.txt"))[:4]
    build(files, out, workers=1, view=False, exports=False, validate=False)
    return out


_quads = store_nquads


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_params_are_bound(
    payload: str, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _quads(built)
    results = {}
    for value in (payload, HARMLESS):
        for query, param in (("said-by", "person"), ("quotes-about", "term")):
            argv = ["query", query, "--param", f"{param}={value}", "--format", "json"]
            code, out, _ = _run([*argv, "--store", str(built)], capsys)
            results[(value, query)] = (code, json.loads(out)["rows"] if code == 0 else None)
    for query in ("said-by", "quotes-about"):
        assert results[(payload, query)] == results[(HARMLESS, query)] == (0, [])
    assert _quads(built) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_entity_names_in_view_and_path_are_bound(
    payload: str, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _quads(built)
    answers = []
    for value in (payload, HARMLESS):
        html = tmp_path / "v.html"
        view = _run(["view", "--entity", value, "--out", str(html), "--store", str(built)], capsys)
        path = _run(["network", "path", value, "IOM", "--store", str(built)], capsys)
        answers.append((view[0], path[0], html.exists()))
        assert "Traceback" not in view[2] + path[2]
    assert answers[0] == answers[1] == (2, 2, False)  # "no entity named ...", nothing written
    assert _quads(built) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_text_is_data(payload: str, built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _quads(built)
    code, _, err = _run(["search", payload, "--store", str(built)], capsys)
    assert code in (0, 1) and "Traceback" not in err
    assert _quads(built) == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_entity_type_filter_is_checked_before_sparql(
    payload: str, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kg entities --type`` accepts only a known type name; anything else is refused."""
    before = _quads(built)
    answers = []
    for value in (payload, HARMLESS, "Person"):
        argv = ["entities", "--type", value, "-f", "json", "--store", str(built)]
        code, out, err = _run(argv, capsys)
        answers.append((code, json.loads(out)["rows"] if code == 0 else err))
    for code, err in answers[:2]:
        assert code == 2 and "unknown type" in err and "Traceback" not in err
    assert answers[2][0] == 0 and len(answers[2][1]) > 5
    assert _quads(built) == before


@pytest.fixture(scope="module")
def endpoint(built: Path):
    port = free_port()
    proc = serve_process(built, port, "--timeout", "30")
    assert proc.stdout is not None and "read-only" in proc.stdout.readline()
    yield f"http://127.0.0.1:{port}/query"
    proc.terminate()
    proc.wait(10)


def test_query_params_are_bound_on_a_remote_endpoint(
    endpoint: str, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the VALUES block of the endpoint store: the same answer as a harmless
    value, and a value that does match is found (the binding is really applied)."""
    before = _quads(built)
    argv = ["query", "said-by", "--format", "json", "--store", endpoint, "--param"]
    for payload in PAYLOADS:
        code, out, err = _run([*argv, f"person={payload}"], capsys)
        assert (code, json.loads(out)["rows"]) == (0, []), (payload, err)
    code, out, _ = _run([*argv, f"person={HARMLESS}"], capsys)
    assert (code, json.loads(out)["rows"]) == (0, [])
    _, local, _ = _run([*argv[:-2], str(built), "--param", "person=Teguh Wiranata"], capsys)
    code, remote, _ = _run([*argv, "person=Teguh Wiranata"], capsys)
    assert code == 0 and json.loads(remote)["rows"] == json.loads(local)["rows"] != []
    assert _quads(built) == before


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
#: pieces that make SPARQL escapes: ``\\u0022`` is a quote to a parser that expands them
ESCAPY = st.lists(
    st.sampled_from(["\\", "u", "U", "0022", "0000", "000A", "005C", "006E", '"', "}", "#", "\n"]),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(ANY_TEXT, ESCAPY))
def test_a_bound_text_round_trips_through_any_sparql_parser(value: str) -> None:
    """The text of a VALUES block, parsed by Oxigraph and by rdflib (which, as the
    SPARQL spec says, expands ``\\u`` escapes before parsing: as Jena-like endpoints
    do), binds exactly ``value``: never a quote from ``\\u0022``, never a syntax error."""
    query = bind_values("SELECT ?v WHERE { BIND(?x AS ?v) }", {"x": value})
    assert [s["v"].value for s in ox.Store().query(query)] == [value]
    assert [str(row[0]) for row in rdflib.Graph().query(query)] == [value]
