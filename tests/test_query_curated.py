"""Curated queries: headers, parameters, answers on a built fixture graph, ``kg query``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fixtures_kg import build_fixture

from graph.cli import main
from graph.query import QueryError, curated_queries, parse_param_args, run_query
from graph.store import open_store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("q") / "out"
    build_fixture(out)
    return out


@pytest.fixture(scope="module")
def store(built: Path):
    s = open_store(built, read_only=True)
    yield s
    s.close()


def rows(store, name: str, **params) -> list[dict]:
    return list(run_query(store, name, params))


def test_at_least_twelve_curated_queries_with_questions_and_params() -> None:
    queries = curated_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.question_en.endswith("?") or q.question_en.endswith("."), q.name
        assert q.question_id and q.question_id != q.question_en, q.name
        for p in q.params:
            assert re.search(rf"\?{p.name}\b", q.sparql), (q.name, p.name)


def test_positions_with_dates_and_sources(store) -> None:
    found = rows(store, "positions", person="budi santoso")  # case-insensitive, alias-aware
    assert len(found) == 1
    r = found[0]
    assert (r["personLabel"], r["role"], r["orgLabel"]) == (
        "Budi Santoso",
        "Direktur Penempatan",
        "Kementerian Ketenagakerjaan",
    )
    assert r["date"] == "2023-05-02" and r["articleName"] == "b02" and r["implied"] is False
    assert "Budi Santoso, Direktur Penempatan" in r["evidence"]
    hanif = rows(store, "positions", person="Hanif")
    assert [(x["articleName"], x["implied"]) for x in hanif] == [("a01", True), ("b02", True)]


def test_indonesian_bodies_working_with_iom(store) -> None:
    found = {
        (r["bodyLabel"], r["ioLabel"], r["how"]) for r in rows(store, "bodies-working-with-io")
    }
    assert (
        "Kementerian Ketenagakerjaan",
        "International Organization for Migration",
        "collaborates with",
    ) in found
    assert (
        "Kementerian Ketenagakerjaan",
        "International Organization for Migration",
        "party to the same agreement",
    ) in found
    assert rows(store, "bodies-working-with-io", io="ILO") == []


def test_agreements_of_indonesia_and_who_spoke_about_them(store) -> None:
    found = rows(store, "agreements-of-country")
    assert [(r["agreementLabel"], r["relation"], r.get("speakerLabel")) for r in found] == [
        ("Global Compact for Migration", "partyTo", "Budi Santoso")
    ]
    assert "GCM" in found[0]["quote"]
    assert rows(store, "agreements-of-country", country="Malaysia") == []


def test_everything_said_by_a_person(store) -> None:
    found = rows(store, "said-by", person="M. Hanif Dhakiri")
    assert [r["quote"] for r in found] == [
        "Kami berkomitmen melindungi pekerja migran sejak keberangkatan,"
    ]
    assert found[0]["date"] == "2023-03-14"


def test_sentences_behind_an_edge_in_either_direction(store) -> None:
    forward = rows(store, "edge-evidence", subject="Kementerian Ketenagakerjaan", object="IOM")
    backward = rows(store, "edge-evidence", subject="IOM", object="Kementerian Ketenagakerjaan")
    assert {r["sentence"] for r in forward} == {r["sentence"] for r in backward}
    assert {r["relation"] for r in forward} == {"collaboratesWith"}
    only = rows(store, "edge-evidence", subject="Indonesia", object="GCM", predicate="partyTo")
    assert [r["sentence"] for r in only] == [
        "Indonesia telah berkomitmen pada Global Compact for Migration (GCM)."
    ]


def test_events_people_and_rankings(store) -> None:
    events = {(r["eventLabel"], r["role"], r["whoLabel"]) for r in rows(store, "events")}
    assert ("Seminar Nasional Pekerja Migran", "participant", "Budi Hartono") in events
    assert ("lokakarya migrasi aman", "participant", "M. Hanif Dhakiri") in events
    places = {(r["eventLabel"], r["placeLabel"]) for r in rows(store, "event-places")}
    assert places == {
        ("lokakarya migrasi aman", "Jakarta"),
        ("Seminar Nasional Pekerja Migran", "Surabaya"),
    }
    top = rows(store, "entities-by-articles", entityType="Person")
    assert top[0]["label"] == "M. Hanif Dhakiri" and top[0]["articles"] == 2
    both = {
        r["personLabel"]
        for r in rows(store, "people-with-two-orgs", org1="Kementerian Ketenagakerjaan", org2="IOM")
    }
    assert both == {"M. Hanif Dhakiri", "Budi Santoso"}
    timeline = rows(store, "position-timeline", person="Hanif Dhakiri")
    assert [(r["first"], r["last"], r["articles"]) for r in timeline] == [
        ("2023-03-14", "2023-05-02", 2)
    ]
    about = rows(store, "quotes-about", term="BIAYA")
    assert [r["speakerLabel"] for r in about] == ["Budi Hartono"]


def test_parameter_errors_are_clear(store) -> None:
    with pytest.raises(QueryError, match="needs --param person"):
        run_query(store, "said-by", {})
    with pytest.raises(QueryError, match="no parameter"):
        run_query(store, "said-by", {"person": "x", "limit": "3"})
    with pytest.raises(QueryError, match="no curated query"):
        run_query(store, "no-such-query", {})
    cq = next(q for q in curated_queries() if q.name == "said-by")
    with pytest.raises(QueryError, match="expected name=value"):
        parse_param_args(["person"], cq)
    assert parse_param_args(["person=a=b # c"], cq) == {"person": "a=b # c"}


def test_kg_query_cli(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "positions" in listed and "Pertanyaan" not in listed and "Siapa" in listed
    assert (
        main(
            [
                "query",
                "said-by",
                "--param",
                "person=Budi Santoso",
                "--format",
                "json",
                "--store",
                str(built),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [r["quote"] for r in data["rows"]] == [
        "GCM penting bagi perlindungan pekerja migran kita,"
    ]
    assert (
        main(
            [
                "query",
                "SELECT ?l WHERE { ?x a mo:Country ; skos:prefLabel ?l } ORDER BY ?l",
                "--format",
                "csv",
                "--store",
                str(built),
            ]
        )
        == 0
    )
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [
        ["l"],
        ["Indonesia"],
        ["Malaysia"],
    ]
    hostile = 'x" } ; DROP ALL ; # '
    assert (
        main(
            [
                "query",
                "said-by",
                "--param",
                f"person={hostile}",
                "--format",
                "tsv",
                "--store",
                str(built),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().splitlines()[1:] == []
    assert main(["query", "said-by", "--store", str(built)]) == 2
    assert "needs --param person" in capsys.readouterr().err
    rq = built.parent / "mine.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?q a mo:Quote }\n", encoding="utf-8")
    assert main(["query", str(rq), "--format", "csv", "--store", str(built)]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "3"]


def test_kg_entities_cli(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "--type", "Person", "--format", "csv", "--store", str(built)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_label = {r["label"]: r for r in table}
    assert set(by_label) == {
        "M. Hanif Dhakiri",
        "Budi Santoso",
        "Budi Hartono",
        "Budi",
        "Joséphine Ferré",
    }
    assert (
        by_label["M. Hanif Dhakiri"]["articles"] == "2"
        and "Hanif" in by_label["M. Hanif Dhakiri"]["aliases"]
    )
    assert main(["entities", "--duplicates", "--format", "json", "--store", str(built)]) == 0
    pairs = {
        frozenset((r["labelA"], r["labelB"])) for r in json.loads(capsys.readouterr().out)["rows"]
    }
    assert (
        frozenset(("Budi", "Budi Santoso")) in pairs
        and frozenset(("Budi", "Budi Hartono")) in pairs
    )
    assert frozenset(("Budi Santoso", "Budi Hartono")) not in pairs
    assert main(["entities", "--type", "Martian", "--store", str(built)]) == 2


def test_table_hides_iri_columns_that_have_labels(
    built: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.cli._common import out
    from graph.cli.query import table_columns

    monkeypatch.setattr(out, "width", 200)  # a wide terminal: whole headers on one line
    assert table_columns(["person", "personLabel", "org", "orgName", "date"]) == [1, 3, 4]
    assert table_columns(["person", "personLabel"], all_columns=True) == [0, 1]
    assert main(["query", "positions", "--store", str(built)]) == 0
    captured = capsys.readouterr()
    assert "personLabel" in captured.out and "mid:person/" not in captured.out
    assert "IRI column(s) hidden" in captured.err
    assert main(["query", "positions", "--all-columns", "--store", str(built)]) == 0
    assert "mid:person/" in capsys.readouterr().out
