"""``kg search``: accent- and case-insensitive prefix search, kept in step with the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fixtures_kg import article_e, build_fixture, corpus

from graph.cli import main
from graph.search import SearchIndex, fts_query, open_index
from graph.store import open_store


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    build_fixture(out)
    return out


def search(out: Path, text: str, **kw):
    idx = open_index(out)
    try:
        return idx.search(text, **kw)
    finally:
        idx.close()


def test_entities_by_any_label_accent_and_case_insensitive_prefix(built: Path) -> None:
    hits = search(built, "josephine fer")
    assert hits[0].kind == "entity" and hits[0].label == "Joséphine Ferré"
    assert search(built, "HANIF")[0].label == "M. Hanif Dhakiri"  # an alias, upper case
    iom = search(built, "iom", type="InternationalOrganization")
    assert [h.label for h in iom] == ["International Organization for Migration"]
    assert search(built, "kementerian ketenaga")[0].label == "Kementerian Ketenagakerjaan"


def test_exact_names_rank_first_then_entities_quotes_evidence(built: Path) -> None:
    hits = search(built, "budi santoso")
    assert hits[0].kind == "entity" and hits[0].label == "Budi Santoso"
    kinds = [h.kind for h in hits]
    assert kinds.index("entity") < kinds.index("evidence")


def test_evidence_sentences_and_quotes_are_found(built: Path) -> None:
    ev = search(built, "menandatangani nota", kinds=["evidence"])
    assert (
        len(ev) == 1
        and ev[0].text == "Kementerian Ketenagakerjaan dan IOM menandatangani nota kerjasama."
    )
    assert any("signs nota kerjasama" in s for s in ev[0].extra["statements"])
    q = search(built, "biaya penempatan", kinds=["quote"])
    assert [(h.label, h.text) for h in q] == [
        ("Budi Hartono", "Biaya penempatan masih terlalu tinggi,")
    ]


def test_query_syntax_in_the_text_is_just_text(built: Path) -> None:
    for text in ['"', "budi OR *", "NEAR(a b)", "-x", "a:b", "'); DROP TABLE docs; --"]:
        search(built, text)  # no sqlite error
    assert fts_query('bu"di OR') == '"bu"* AND "di"* AND "or"*'
    assert search(built, "   ") == []


def test_index_follows_incremental_builds(built: Path) -> None:
    assert search(built, "memperketat", kinds=["quote"]) == []
    report = build_fixture(built, [*corpus(), article_e()])
    assert report.search_refresh == "incremental, 1 graph(s)"  # e05 (no entity changed)
    hits = search(built, "memperketat", kinds=["quote"])
    assert [h.label for h in hits] == ["Budi Santoso"]
    build_fixture(built, corpus()[:2])  # delete c03, d04
    assert search(built, "biaya penempatan") == []
    assert search(built, "josephine") == []


def test_stale_index_is_rebuilt_from_the_store(built: Path) -> None:
    db = sqlite3.connect(built / "search.sqlite")
    with db:
        db.execute("DELETE FROM docs")
        db.execute("UPDATE meta SET value = 'stale' WHERE key = 'generation'")
    db.close()
    assert search(built, "hanif")[0].label == "M. Hanif Dhakiri"
    idx = SearchIndex(built / "search.sqlite")
    assert idx.get_meta("generation") == "1" and len(idx) > 10
    idx.close()


def test_index_of_a_store_without_build_directory(built: Path) -> None:
    idx = SearchIndex(None)
    idx.refresh(open_store(built, read_only=True))
    assert idx.search("surabaya")[0].label == "Surabaya"


def test_kg_search_cli(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "migrant", "care", "--store", str(built), "--json"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits[0]["label"] == "Migrant Care" and hits[0]["type"] == "CivilSociety"
    assert main(["search", "budi", "--type", "Person", "--store", str(built)]) == 0
    text = capsys.readouterr().out
    assert "Budi Santoso" in text and "Budi Hartono" in text
    assert main(["search", "budi", "--type", "Nope", "--store", str(built)]) == 2
