"""The scorer of ``../shared/corpus/README.md`` section 8, on hand-made cases.

Every expected number below is counted by hand from the small invented gold
and prediction documents of the test (fictional people, real institutions).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from graph.cli import main
from graph.evaluate import (
    ENTITY_TYPES,
    PREDICATES,
    EvalReport,
    load_gold,
    role_right,
    score,
    score_pairs,
)

# --------------------------------------------------------------------------- helpers


def ent(eid: str, name: str, type_: str, *aliases: str) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": type_, "aliases": list(aliases)}


def rel(s: str, p: str, o: str, role: str | None = None, implied: bool = False) -> dict[str, Any]:
    d: dict[str, Any] = {"s": s, "p": p, "o": o}
    if role is not None:
        d["role"] = role
    if implied:
        d["implied"] = True
    return d


def doc(
    article: str,
    entities: list[dict[str, Any]],
    relations: list[dict[str, Any]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
    noise: list[str] | None = None,
    published: str | None = None,
) -> dict[str, Any]:
    return {
        "article": article,
        "published": published,
        "entities": entities,
        "relations": relations or [],
        "quotes": quotes or [],
        "noise": noise or [],
    }


def as_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """The gold file as an extractor would write it: quotes carry ``text``, not ``starts``."""
    pred = copy.deepcopy(gold)
    for q in pred["quotes"]:
        q["text"] = q.pop("starts")
    pred["noise"] = []
    return pred


def write_dir(path: Path, docs: dict[str, dict[str, Any]]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, d in docs.items():
        (path / name).write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return path


def assert_prf(prf: Any, tp: int, fp: int, fn: int) -> None:
    assert (prf.tp, prf.fp, prf.fn) == (tp, fp, fn)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    assert prf.precision == pytest.approx(p)
    assert prf.recall == pytest.approx(r)
    assert prf.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def assert_perfect(report: EvalReport) -> None:
    for t, prf in report.entities_by_type.items():
        assert prf.fp == prf.fn == 0, t
    for p, prf in report.relations_by_predicate.items():
        assert prf.fp == prf.fn == 0, p
    assert report.entities_overall.f1 == 1.0
    assert report.relations_overall.f1 == 1.0
    assert report.quotes.f1 == 1.0
    assert report.role_accuracy == 1.0
    assert report.holdsrole_recall_implied == 1.0
    assert report.holdsrole_recall_explicit == 1.0
    assert report.noise_total == 0
    assert report.published_accuracy == 1.0


# A small invented article: a vice minister at an IOM workshop in Geneva.
GOLD_A = doc(
    "a1",
    [
        ent("e1", "Budi Santoso", "Person", "Budi", "Wamen Budi"),
        ent("e2", "Kementerian Ketenagakerjaan", "GovernmentBody", "Kemnaker"),
        ent("e3", "International Organization for Migration", "InternationalOrganization", "IOM"),
        ent("e4", "Jenewa", "Place"),
        ent("e5", "Swiss", "Country"),
        ent("e6", "lokakarya pelindungan pekerja migran", "Event", "lokakarya"),
        ent("e7", "Siti Aminah", "Person", "Siti"),
        ent("e8", "Migrant Care", "CivilSociety"),
    ],
    [
        rel("e1", "holdsRole", "e2", "Wakil Menteri Ketenagakerjaan", implied=True),
        rel("e7", "holdsRole", "e8", "Ketua Migrant Care"),
        rel("e6", "locatedIn", "e4"),
        rel("e4", "locatedIn", "e5"),
        rel("e2", "collaboratesWith", "e3"),
        rel("e3", "organizes", "e6"),
        rel("e1", "participatesIn", "e6"),
    ],
    [
        {"speaker": "e1", "starts": "Kami berupaya meningkatkan pelindungan"},
        {"speaker": "e1", "starts": "Kerja sama ini sangat"},
        {"speaker": "e7", "starts": "Pekerja migran adalah"},
    ],
    noise=["Nelson Pomalingo", "Nelson", "Kementerian PUPR"],
    published="2024-06-10",
)

GOLD_B = doc(
    "b2",
    [
        ent("e1", "Organisasi Perburuhan Internasional", "InternationalOrganization", "ILO"),
        ent("e2", "Indonesia", "Country", "RI", "pemerintah Indonesia"),
        ent("e3", "ILOSTAT", "Program"),
        ent("e4", "Konvensi ILO 189", "Agreement", "K189"),
    ],
    [rel("e1", "runs", "e3"), rel("e2", "partyTo", "e4"), rel("e2", "memberOf", "e1")],
)


# --------------------------------------------------------------------------- gold vs itself


def test_dev_set_gold_scores_one_against_itself(seeds_dir: Path, tmp_path: Path) -> None:
    golds, problems = load_gold(seeds_dir)
    assert problems == []
    preds = {a: as_prediction(g) for a, g in golds.items()}
    pred_dir = write_dir(tmp_path / "pred", {f"{a}.json": p for a, p in preds.items()})
    for report in (score(seeds_dir, preds), score(seeds_dir, pred_dir)):
        assert_perfect(report)
        # the totals of the dev set (corpus README section 10)
        e, r, q = report.entities_overall, report.relations_overall, report.quotes
        assert (e.tp, r.tp, q.tp) == (96, 95, 16)
        assert report.implied.total == 4
        assert report.roles.total == 12
        assert report.published.total == 5
        assert report.missing_predictions == []


def test_invented_gold_scores_one_against_itself(tmp_path: Path) -> None:
    gold_dir = write_dir(tmp_path / "gold", {"a1.gold.json": GOLD_A, "b2.gold.json": GOLD_B})
    pred_dir = write_dir(
        tmp_path / "pred", {"a1.json": as_prediction(GOLD_A), "b2.json": as_prediction(GOLD_B)}
    )
    report = score(gold_dir, pred_dir)
    assert_perfect(report)
    assert report.entities_overall.tp == 12
    assert report.relations_overall.tp == 10
    assert (report.implied.total, report.explicit.total) == (1, 1)
    assert [row["article"] for row in report.per_article] == ["a1", "b2"]
    assert report.per_article[0]["gold"] == report.per_article[0]["matched"] == 8


# --------------------------------------------------------------------------- entities


def test_crafted_prediction_entity_counts_per_type() -> None:
    pred = doc(
        "a1",
        [
            ent("p1", "budi  SANTOSO", "Person"),  # TP: name equals gold name after norm
            ent("p2", "Kemnaker", "GovernmentBody"),  # TP: name equals a gold alias
            # TP in the alias pass: the name is not a gold form, the alias "IOM" is
            ent("p3", "Organisasi Internasional untuk Migrasi", "InternationalOrganization", "IOM"),
            ent("p4", "Jenewa", "Country"),  # wrong type: FP Country + FN Place
            ent("p5", "Kementerian Ketenagakerjaan", "GovernmentBody"),  # 2nd for e2: FP
            ent("p6", "Senin", "Person"),  # FP
            ent("p7", "Swiss", "Country"),  # TP
        ],
    )
    report = score_pairs([(GOLD_A, pred)])
    by = report.entities_by_type
    assert_prf(by["Person"], tp=1, fp=1, fn=1)  # Siti Aminah missed
    assert_prf(by["GovernmentBody"], tp=1, fp=1, fn=0)
    assert_prf(by["InternationalOrganization"], tp=1, fp=0, fn=0)
    assert_prf(by["Place"], tp=0, fp=0, fn=1)
    assert_prf(by["Country"], tp=1, fp=1, fn=0)
    assert_prf(by["Event"], tp=0, fp=0, fn=1)
    assert_prf(by["CivilSociety"], tp=0, fp=0, fn=1)
    assert_prf(by["Agreement"], tp=0, fp=0, fn=0)
    # overall: tp 4, fp 3, fn 4 -> P 4/7, R 4/8, F1 2*(4/7)*(1/2)/(4/7+1/2) = 8/15
    overall = report.entities_overall
    assert_prf(overall, tp=4, fp=3, fn=4)
    assert overall.precision == pytest.approx(4 / 7)
    assert overall.recall == pytest.approx(0.5)
    assert overall.f1 == pytest.approx(8 / 15)
    assert report.per_article == [
        {
            "article": "a1",
            "gold": 8,
            "predicted": 7,
            "matched": 4,
            "relations_gold": 7,
            "relations_predicted": 0,
            "relations_matched": 0,
            "quotes_gold": 3,
            "quotes_predicted": 0,
            "quotes_matched": 0,
            "leaked": 0,
            "published_correct": False,
            "missing_prediction": False,
        }
    ]
    fp = report.articles[0].details["fp_entities"]
    assert "Jenewa (Country) [wrong type; gold: Jenewa (Place)]" in fp
    assert "Kementerian Ketenagakerjaan (GovernmentBody) [second entity for gold " in fp[1]


def test_wrong_type_on_a_name_is_one_fp_and_one_fn() -> None:
    gold = doc("x", [ent("e1", "Desa Migran Produktif", "Program", "Desmigratif")])
    pred = doc("x", [ent("p1", "Desmigratif", "Event")])
    report = score_pairs([(gold, pred)])
    assert_prf(report.entities_by_type["Event"], tp=0, fp=1, fn=0)
    assert_prf(report.entities_by_type["Program"], tp=0, fp=0, fn=1)
    assert_prf(report.entities_overall, tp=0, fp=1, fn=1)


def test_duplicate_predicted_entity_is_a_false_positive() -> None:
    gold = doc("x", [ent("e1", "Kementerian Luar Negeri", "GovernmentBody", "Kemlu")])
    pred = doc(
        "x",
        [
            ent("p1", "Kemlu", "GovernmentBody"),
            ent("p2", "Kementerian Luar Negeri", "GovernmentBody"),
        ],
    )
    assert_prf(score_pairs([(gold, pred)]).entities_overall, tp=1, fp=1, fn=0)


def test_names_are_matched_before_aliases() -> None:
    # Gold order would let "IOM Indonesia" take IOM through its alias "IOM" if aliases were
    # tried in the first pass; the name pass gives each prediction its own gold entity.
    gold = doc(
        "x",
        [
            ent(
                "e1", "International Organization for Migration", "InternationalOrganization", "IOM"
            ),
            ent("e2", "IOM Indonesia", "InternationalOrganization"),
        ],
    )
    pred = doc(
        "x",
        [
            ent("p1", "IOM Indonesia", "InternationalOrganization", "IOM"),
            ent("p2", "IOM", "InternationalOrganization"),
        ],
    )
    assert_prf(score_pairs([(gold, pred)]).entities_overall, tp=2, fp=0, fn=0)


# --------------------------------------------------------------------------- relations

PRED_A_ENTITIES = [
    ent("p1", "Budi Santoso", "Person"),
    ent("p2", "Kemnaker", "GovernmentBody"),
    ent("p3", "IOM", "InternationalOrganization"),
    ent("p4", "Jenewa", "Country"),  # unmatched (wrong type)
    ent("p5", "Swiss", "Country"),
]


def test_relations_counts_per_predicate() -> None:
    pred = doc(
        "a1",
        PRED_A_ENTITIES,
        [
            rel("p1", "holdsRole", "p2", "Wakil Menteri"),  # TP, role right (substring)
            rel("p3", "collaboratesWith", "p2"),  # TP: symmetric, reversed
            rel("p2", "collaboratesWith", "p3"),  # duplicate of a matched gold relation: FP
            rel("p2", "partOf", "p3"),  # both ends matched, not in gold: FP
            rel("p4", "locatedIn", "p5"),  # subject unmatched: FP
            rel("p1", "participatesIn", "p9"),  # object is no predicted entity: FP
        ],
    )
    report = score_pairs([(GOLD_A, pred)])
    by = report.relations_by_predicate
    assert_prf(by["holdsRole"], tp=1, fp=0, fn=1)
    assert_prf(by["collaboratesWith"], tp=1, fp=1, fn=0)
    assert_prf(by["partOf"], tp=0, fp=1, fn=0)
    assert_prf(by["locatedIn"], tp=0, fp=1, fn=2)
    assert_prf(by["organizes"], tp=0, fp=0, fn=1)
    assert_prf(by["participatesIn"], tp=0, fp=1, fn=1)
    assert_prf(by["runs"], tp=0, fp=0, fn=0)
    # overall tp 2, fp 4, fn 5 -> P 1/3, R 2/7
    assert_prf(report.relations_overall, tp=2, fp=4, fn=5)
    assert report.relations_overall.precision == pytest.approx(1 / 3)
    assert report.relations_overall.recall == pytest.approx(2 / 7)
    assert (report.roles.right, report.roles.total) == (1, 1)
    assert (report.implied.right, report.implied.total) == (1, 1)
    assert (report.explicit.right, report.explicit.total) == (0, 1)
    fp = report.articles[0].details["fp_relations"]
    assert "Jenewa -locatedIn-> Swiss [unmatched: Jenewa]" in fp
    assert "Kemnaker -collaboratesWith-> IOM [duplicate]" in fp


def test_only_collaborates_with_is_symmetric() -> None:
    gold = doc(
        "x",
        [
            ent("e1", "IOM Indonesia", "InternationalOrganization"),
            ent("e2", "IOM", "InternationalOrganization"),
        ],
        [rel("e1", "partOf", "e2")],
    )
    reversed_ = doc("x", gold["entities"], [rel("e2", "partOf", "e1")])
    assert_prf(score_pairs([(gold, reversed_)]).relations_overall, tp=0, fp=1, fn=1)
    gold["relations"] = [rel("e1", "collaboratesWith", "e2")]
    reversed_["relations"] = [rel("e2", "collaboratesWith", "e1")]
    assert_prf(score_pairs([(gold, reversed_)]).relations_overall, tp=1, fp=0, fn=0)


def test_duplicate_relation_is_a_false_positive() -> None:
    pred = as_prediction(GOLD_B)
    pred["relations"].append(dict(pred["relations"][0]))
    report = score_pairs([(GOLD_B, pred)])
    assert_prf(report.relations_by_predicate["runs"], tp=1, fp=1, fn=0)
    assert_prf(report.relations_overall, tp=3, fp=1, fn=0)


def test_role_accuracy_rule() -> None:
    assert role_right("Menteri Ketenagakerjaan", "menteri  ketenagakerjaan.")
    assert role_right("Kepala Perwakilan", "Kepala Perwakilan IOM Indonesia")  # pred in gold
    assert role_right("Wakil Menteri Ketenagakerjaan RI", "Wakil Menteri Ketenagakerjaan")
    assert not role_right("Direktur", "Sekretaris Dinas")
    assert not role_right("", "Menteri")
    assert not role_right("...", "Menteri")  # empty after normalisation
    assert not role_right(None, None)

    people = [ent(f"e{i}", f"Orang {name}", "Person") for i, name in enumerate("ABCD", 1)]
    gold = doc(
        "x",
        [*people, ent("e9", "Kementerian Ketenagakerjaan", "GovernmentBody")],
        [
            rel("e1", "holdsRole", "e9", "Menteri Ketenagakerjaan", implied=True),
            rel("e2", "holdsRole", "e9", "Direktur Jenderal Binapenta"),
            rel("e3", "holdsRole", "e9", "Sekretaris Jenderal"),
            rel("e4", "holdsRole", "e9", "Staf Ahli"),
        ],
    )
    pred = copy.deepcopy(gold)
    pred["relations"][0]["role"] = "menteri ketenagakerjaan,"  # right: equal after norm
    pred["relations"][1]["role"] = "Direktur Jenderal"  # right: substring
    pred["relations"][2]["role"] = "Inspektur Jenderal"  # wrong
    del pred["relations"][3]["role"]  # wrong: empty
    report = score_pairs([(gold, pred)])
    assert_prf(report.relations_overall, tp=4, fp=0, fn=0)  # roles do not affect matching
    assert (report.roles.right, report.roles.total) == (2, 4)
    assert report.role_accuracy == 0.5
    assert len(report.articles[0].details["wrong_roles"]) == 2


# --------------------------------------------------------------------------- quotes


def test_quotes_speaker_and_start() -> None:
    gold = doc(
        "q",
        [ent("e1", "Budi Santoso", "Person", "Budi"), ent("e2", "Siti Aminah", "Person")],
        quotes=[
            {"speaker": "e1", "starts": "Kami berupaya meningkatkan pelindungan"},
            {"speaker": "e1", "starts": "Kerja sama ini sangat"},
            {"speaker": "e2", "starts": "Pekerja migran adalah"},
        ],
    )
    pred = doc(
        "q",
        [ent("p1", "Budi", "Person"), ent("p2", "Siti Aminah", "Person")],
        quotes=[
            # TP: quote marks, spacing and case do not matter
            {"speaker": "p1", "text": "“Kami  berupaya meningkatkan Pelindungan bagi pekerja.”"},
            # FP: the gold quote is matched at most once
            {"speaker": "p1", "text": "Kami berupaya meningkatkan pelindungan bagi pekerja."},
            # TP: a `starts` field is accepted when `text` is absent
            {"speaker": "p1", "starts": "Kerja sama ini sangat penting"},
            # FP: the right words, the wrong speaker (Siti's quote given to Budi)
            {"speaker": "p1", "text": "Pekerja migran adalah pahlawan devisa"},
            # FP: the speaker is no predicted entity
            {"speaker": "p7", "text": "Pekerja migran adalah pahlawan devisa"},
        ],
    )
    report = score_pairs([(gold, pred)])
    assert_prf(report.quotes, tp=2, fp=3, fn=1)
    assert report.quotes.precision == pytest.approx(2 / 5)
    assert report.quotes.recall == pytest.approx(2 / 3)
    assert report.articles[0].details["fn_quotes"] == ["Siti Aminah: Pekerja migran adalah"]


def test_quote_text_must_start_with_the_gold_start() -> None:
    gold = doc("q", [ent("e1", "Budi", "Person")], quotes=[{"speaker": "e1", "starts": "Kami"}])
    pred = doc("q", [ent("p1", "Budi", "Person")], quotes=[{"speaker": "p1", "text": "Ya, kami"}])
    assert_prf(score_pairs([(gold, pred)]).quotes, tp=0, fp=1, fn=1)


# --------------------------------------------------------------------------- noise


def test_noise_leakage_is_counted_and_also_false_positive() -> None:
    pred = doc(
        "a1",
        [
            ent("p1", "Budi Santoso", "Person"),  # TP, not noise
            ent("p2", "Nelson Pomalingo", "Person"),  # leaked
            ent("p3", "NELSON", "Person"),  # leaked (normalises to "nelson")
            ent("p4", "Kementerian PUPR", "GovernmentBody"),  # leaked
            ent("p5", "Kementerian PUPR", "GovernmentBody"),  # same name: counted once
            ent("p6", "Balai Sungai", "GovernmentBody", "Kementerian PUPR"),  # leaked by alias
            ent("p7", "Pomalingo", "Person"),  # a substring of a noise name is not noise
        ],
    )
    report = score_pairs([(GOLD_A, pred)])
    assert report.noise == {
        "a1": ["Balai Sungai", "Kementerian PUPR", "NELSON", "Nelson Pomalingo"]
    }
    assert report.noise_total == 4
    assert_prf(report.entities_by_type["Person"], tp=1, fp=3, fn=1)
    assert_prf(report.entities_by_type["GovernmentBody"], tp=0, fp=3, fn=1)
    assert report.to_json()["noise"] == {"by_article": report.noise, "total": 4}


# --------------------------------------------------------------------------- articles


def test_missing_prediction_file_is_an_empty_prediction(tmp_path: Path) -> None:
    gold_dir = write_dir(tmp_path / "gold", {"a1.gold.json": GOLD_A, "b2.gold.json": GOLD_B})
    pred_dir = write_dir(tmp_path / "pred", {"b2.json": as_prediction(GOLD_B), "zz.json": {}})
    report = score(gold_dir, pred_dir)
    assert report.missing_predictions == ["a1"]
    assert report.extra_predictions == ["zz"]
    assert_prf(report.entities_overall, tp=4, fp=0, fn=8)
    assert_prf(report.relations_overall, tp=3, fp=0, fn=7)
    assert_prf(report.quotes, tp=0, fp=0, fn=3)
    assert (report.implied.right, report.implied.total) == (0, 1)
    # a1 gold has a date, the empty prediction none; b2: both null
    assert (report.published.right, report.published.total) == (1, 2)


def test_unreadable_files_are_reported_and_scoring_goes_on(tmp_path: Path) -> None:
    gold_dir = write_dir(tmp_path / "gold", {"a1.gold.json": GOLD_A, "b2.gold.json": GOLD_B})
    (gold_dir / "c3.gold.json").write_text("{not json", encoding="utf-8")
    pred_dir = write_dir(tmp_path / "pred", {"a1.json": as_prediction(GOLD_A)})
    (pred_dir / "b2.json").write_text("[1, 2]", encoding="utf-8")
    report = score(gold_dir, pred_dir)
    assert [a.article for a in report.articles] == ["a1", "b2"]
    reasons = dict(report.problems)
    assert "not valid JSON" in reasons[str(gold_dir / "c3.gold.json")]
    assert "expected a JSON object" in reasons[str(pred_dir / "b2.json")]
    assert_prf(report.entities_overall, tp=8, fp=0, fn=4)


def test_published_accuracy_null_equals_null() -> None:
    e = [ent("e1", "Indonesia", "Country")]
    pairs = [
        (doc("p1", e, published="2024-06-10"), doc("p1", e, published="2024-06-10")),  # right
        (doc("p2", e), doc("p2", e)),  # null == null: right
        (doc("p3", e, published="2017-11-14"), doc("p3", e, published="2017-11-15")),  # wrong
        (doc("p4", e), doc("p4", e, published="2024-01-01")),  # wrong
        (doc("p5", e, published="2018-02-19"), None),  # no prediction: wrong
    ]
    report = score_pairs(pairs)
    assert (report.published.right, report.published.total) == (2, 5)
    assert report.published_accuracy == pytest.approx(0.4)
    assert report.published_by_article["p3"] == {
        "predicted": "2017-11-15",
        "gold": "2017-11-14",
        "correct": False,
    }


def test_scores_are_micro_averaged() -> None:
    big = doc("big", [ent(f"e{i}", f"Dinas {i}", "GovernmentBody") for i in range(1, 4)])
    small = doc("small", [ent("e1", "Dinas Sosial", "GovernmentBody")])
    report = score_pairs([(small, as_prediction(small)), (big, doc("big", []))])
    # macro recall would be (1 + 0) / 2 = 0.5; micro is 1 / 4
    assert report.entities_overall.recall == pytest.approx(0.25)
    assert report.entities_overall.precision == 1.0


def test_json_report_has_every_type_and_predicate() -> None:
    data = score_pairs([(GOLD_B, as_prediction(GOLD_B))]).to_json(details=True)
    assert list(data["entities"]["by_type"]) == list(ENTITY_TYPES)
    assert list(data["relations"]["by_predicate"]) == list(PREDICATES)
    assert data["summary"]["entity_f1"] == 1.0
    assert data["details"] == {"b2": {}}
    json.dumps(data)  # plain JSON


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def crafted_dirs(tmp_path: Path) -> tuple[Path, Path]:
    pred_a = doc(
        "a1",
        PRED_A_ENTITIES,
        [rel("p1", "holdsRole", "p2", "Wakil Menteri"), rel("p3", "collaboratesWith", "p2")],
        [{"speaker": "p1", "text": "Kerja sama ini sangat penting bagi kami"}],
        published="2024-06-10",
    )
    gold_dir = write_dir(tmp_path / "gold", {"a1.gold.json": GOLD_A, "b2.gold.json": GOLD_B})
    pred_dir = write_dir(tmp_path / "pred", {"a1.json": pred_a})
    return gold_dir, pred_dir


def test_cli_eval_json_numbers(crafted_dirs: tuple[Path, Path], capsys: Any) -> None:
    gold_dir, pred_dir = crafted_dirs
    assert main(["eval", str(gold_dir), "--pred", str(pred_dir), "--json", "--details"]) == 0
    data = json.loads(capsys.readouterr().out)
    # entities: a1 tp 4 (Budi, Kemnaker, IOM, Swiss), fp 1 (Jenewa as Country), fn 4;
    # b2 has no prediction: fn 4
    ents = data["entities"]["overall"]
    assert (ents["tp"], ents["fp"], ents["fn"]) == (4, 1, 8)
    assert ents["precision"] == pytest.approx(4 / 5)
    assert ents["recall"] == pytest.approx(4 / 12)
    assert ents["f1"] == pytest.approx(2 * 0.8 * (1 / 3) / (0.8 + 1 / 3))
    rels = data["relations"]["overall"]
    assert (rels["tp"], rels["fp"], rels["fn"]) == (2, 0, 8)
    assert data["holdsRole"]["role_accuracy"] == {"value": 1.0, "right": 1, "total": 1}
    assert data["quotes"]["tp"] == 1 and data["quotes"]["fn"] == 2
    assert data["published"]["value"] == 1.0  # a1 right, b2 null == null
    assert data["missing_predictions"] == ["b2"]
    assert data["per_article"][0]["matched"] == 4
    assert "Swiss -locatedIn-> " not in " ".join(data["details"]["a1"]["fn_relations"])
    assert "Jenewa -locatedIn-> Swiss" in data["details"]["a1"]["fn_relations"]


def test_cli_eval_text_report_ends_with_the_summary(
    crafted_dirs: tuple[Path, Path], capsys: Any
) -> None:
    gold_dir, pred_dir = crafted_dirs
    assert main(["eval", str(gold_dir), "--pred", str(pred_dir), "--details"]) == 0
    text = capsys.readouterr().out
    tail = text.rstrip("\n").splitlines()[-12:]
    joined = "\n".join(tail)
    assert "entities       P 0.800  R 0.333  F1 0.471  (tp 4, fp 1, fn 8)" in joined
    assert "relations      P 1.000  R 0.200  F1 0.333" in joined
    assert "role accuracy  1.000" in joined
    assert "noise leaked   0" in joined
    assert "published      1.000  (2/2)" in joined
    assert "FN entity: Jenewa (Place)" in text  # --details


def test_cli_eval_rejects_bad_directories(tmp_path: Path, capsys: Any) -> None:
    assert main(["eval", str(tmp_path / "nope")]) == 2
    assert main(["eval", str(tmp_path)]) == 2  # no gold files
    write_dir(tmp_path, {"a1.gold.json": GOLD_A})
    assert main(["eval", str(tmp_path), "--pred", str(tmp_path / "missing")]) == 2
    assert "prediction directory not found" in capsys.readouterr().err
