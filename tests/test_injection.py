"""User values that reach SPARQL are bound, never pasted (issue 9, point 4).

Each payload goes through the commands a researcher types: ``kg query --param``,
``kg view --entity``, ``kg network path`` and ``kg search``. The answer must be the
one a harmless name that matches nothing gets, and the store must be unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_kg import store_nquads

from graph.build import build
from graph.cli import main
from graph.defaults import SAMPLE_CORPUS_DIR

PAYLOADS = [
    '" } ; DROP ALL ; #',
    "' } UNION { ?s ?p ?o } #",
    '"} } INSERT DATA { <urn:x> <urn:y> "z" } #',
    'Budi" . ?q ?p ?o . FILTER(true) #',
    "\\u0022 } #",
    "x\n} DROP ALL #",
    "<urn:evil>",
    "${person}",
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
