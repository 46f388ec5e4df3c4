"""``kg extract`` and the extracting path of ``kg eval`` (no ``--pred``).

Real runs use the bundled sample corpus (``.txt``, ``.html`` and ``feed.jsonl``);
``GoldExtractor`` is a test double of the ``graph.extract.Extractor`` interface
that answers with the gold annotation, so the plumbing can be checked exactly.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from graph.cli import main
from graph.evaluate import load_gold, score
from graph.model import Article, Extraction

GOLD_KEYS = {"article", "published", "entities", "relations", "quotes", "noise"}


def run_json(argv: list[str], capsys: Any) -> dict[str, Any]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


# --------------------------------------------------------------------------- real extractor


def test_extract_writes_gold_format_json_per_article(
    sample_dir: Path, tmp_path: Path, capsys: Any
) -> None:
    from graph.corpus import iter_corpus
    from graph.extract import Extractor

    inputs = [sample_dir / "m01.txt", sample_dir / "m10.html", sample_dir / "feed.jsonl"]
    out = tmp_path / "pred"
    assert main(["extract", *map(str, inputs), "--json", str(out)]) == 0
    summary = capsys.readouterr().out
    files = sorted(p.name for p in out.iterdir())
    assert files == ["m01.json", "m10.json", "m11.json", "m12.json"]
    ex = Extractor()
    totals = {"entities": 0, "relations": 0, "quotes": 0}
    for art in iter_corpus([str(p) for p in inputs]):
        assert isinstance(art, Article)
        data = json.loads((out / f"{art.name}.json").read_text(encoding="utf-8"))
        assert set(data) == GOLD_KEYS
        assert data == json.loads(json.dumps(ex.extract(art).to_json()))
        for key in totals:
            totals[key] += len(data[key])
    assert (
        f"4 article(s), {totals['entities']} entities, {totals['relations']} relations, "
        f"{totals['quotes']} quotes" in summary
    )


def test_eval_without_pred_equals_extract_then_eval(
    sample_dir: Path, tmp_path: Path, capsys: Any
) -> None:
    pred = tmp_path / "pred"
    assert main(["extract", str(sample_dir), "--json", str(pred)]) == 0
    capsys.readouterr()
    scored = run_json(["eval", str(sample_dir), "--pred", str(pred), "--json"], capsys)
    extracted = run_json(["eval", str(sample_dir), "--json"], capsys)
    assert extracted.pop("pred") == "extracted now"
    assert scored.pop("pred") == str(pred)
    assert scored == extracted
    # every gold article was found next to its gold file (.txt, .html and feed.jsonl)
    assert extracted["missing_predictions"] == []
    assert extracted["summary"]["articles"] == 12
    assert extracted["entities"]["overall"]["tp"] > 0


def test_extract_workers_give_the_same_files(sample_dir: Path, tmp_path: Path, capsys: Any) -> None:
    inputs = [str(sample_dir / n) for n in ("m02.txt", "m03.txt", "m04.txt")]
    for workers in ("1", "2"):
        assert (
            main(["extract", *inputs, "--json", str(tmp_path / workers), "--workers", workers]) == 0
        )
    for name in ("m02.json", "m03.json", "m04.json"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_extract_reports_skipped_inputs_and_goes_on(
    sample_dir: Path, tmp_path: Path, capsys: Any
) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    missing = tmp_path / "nothing.txt"
    out = tmp_path / "pred"
    assert (
        main(
            ["extract", str(binary), str(missing), str(sample_dir / "m05.txt"), "--json", str(out)]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert f"skipped {binary}: " in err
    assert f"skipped {missing}: " in err
    assert [p.name for p in out.iterdir()] == ["m05.json"]


def test_extract_without_inputs_that_read_fails(tmp_path: Path, capsys: Any) -> None:
    assert main(["extract", str(tmp_path / "nothing.txt"), "--json", str(tmp_path / "o")]) == 1
    assert "0 article(s)" in capsys.readouterr().out


# --------------------------------------------------------------------------- test double


class GoldExtractor:
    """Test double of ``graph.extract.Extractor``: the gold annotation as the extraction."""

    golds: ClassVar[dict[str, dict[str, Any]]] = {}
    fail_on: ClassVar[set[str]] = set()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def extract(self, article: Article) -> Extraction:
        if article.name in self.fail_on:
            raise ValueError(f"cannot parse {article.name}")
        gold = self.golds[article.name]
        art = dataclasses.replace(article, published=gold["published"])
        return Extraction.from_json(gold, art)

    def pipe(self, articles: Any, batch_size: int = 32) -> Any:
        return [self.extract(a) for a in articles]


@pytest.fixture
def gold_extractor(monkeypatch: pytest.MonkeyPatch) -> type[GoldExtractor]:
    import graph.extract

    monkeypatch.setattr(graph.extract, "Extractor", GoldExtractor)
    monkeypatch.setattr(GoldExtractor, "golds", {})
    monkeypatch.setattr(GoldExtractor, "fail_on", set())
    return GoldExtractor


def _gold(article: str, person: str, org: str, role: str, starts: str) -> dict[str, Any]:
    return {
        "article": article,
        "published": None,
        "entities": [
            {"id": "e1", "name": person, "type": "Person", "aliases": []},
            {"id": "e2", "name": org, "type": "GovernmentBody", "aliases": []},
        ],
        "relations": [{"s": "e1", "p": "holdsRole", "o": "e2", "role": role}],
        "quotes": [{"speaker": "e1", "starts": starts}],
        "noise": [],
    }


@pytest.fixture
def gold_dir(tmp_path: Path, gold_extractor: type[GoldExtractor]) -> Path:
    """Three invented articles (.txt, .md, a JSONL record) and a gold file without a text."""
    d = tmp_path / "gold"
    d.mkdir()
    golds = {
        "t1": _gold("t1", "Budi Santoso", "Dinas Sosial", "Kepala Dinas Sosial", "Kami siap"),
        "t2": _gold("t2", "Siti Aminah", "Kementerian Luar Negeri", "Direktur", "Kami hadir"),
        "t3": _gold("t3", "Agus Salim", "BP2MI", "Kepala BP2MI", "Pelindungan adalah"),
        "t4": _gold("t4", "Rina Wati", "Disnaker", "Kepala Disnaker", "Tidak ada"),
    }
    for name, g in golds.items():
        (d / f"{name}.gold.json").write_text(json.dumps(g), encoding="utf-8")
    (d / "t1.txt").write_text(
        'Kepala Dinas Sosial Budi Santoso mengatakan, "Kami siap membantu." ', encoding="utf-8"
    )
    (d / "t2.md").write_text(
        'Direktur Siti Aminah dari Kementerian Luar Negeri: "Kami hadir untuk warga."',
        encoding="utf-8",
    )
    record = {"id": "t3", "title": "BP2MI", "text": 'Agus Salim berkata, "Pelindungan adalah hak."'}
    other = {"id": "x9", "title": "lain", "text": "Berita lain tanpa gold."}
    (d / "feed.jsonl").write_text(json.dumps(record) + "\n" + json.dumps(other) + "\n")
    gold_extractor.golds = golds
    return d


def test_eval_without_pred_extracts_texts_next_to_gold(gold_dir: Path, capsys: Any) -> None:
    data = run_json(["eval", str(gold_dir), "--json"], capsys)
    # t1 (.txt), t2 (.md) and t3 (JSONL) are extracted: perfect; t4 has no text: empty
    assert data["missing_predictions"] == ["t4"]
    ents = data["entities"]["overall"]
    assert (ents["tp"], ents["fp"], ents["fn"]) == (6, 0, 2)
    quotes = data["quotes"]
    assert (quotes["tp"], quotes["fp"], quotes["fn"]) == (3, 0, 1)
    assert data["holdsRole"]["role_accuracy"]["value"] == 1.0
    reasons = {p["path"]: p["reason"] for p in data["problems"]}
    assert "no article text found" in reasons[str(gold_dir / "t4.gold.json")]


def test_eval_without_pred_reports_failed_extraction(
    gold_dir: Path, gold_extractor: type[GoldExtractor], capsys: Any
) -> None:
    gold_extractor.fail_on = {"t2"}
    data = run_json(["eval", str(gold_dir), "--json"], capsys)
    assert data["missing_predictions"] == ["t2", "t4"]
    assert any("extraction failed: ValueError" in p["reason"] for p in data["problems"])


def test_extract_uses_the_extractor_and_prints_a_summary(
    gold_dir: Path, gold_extractor: type[GoldExtractor], tmp_path: Path, capsys: Any
) -> None:
    assert main(["extract", str(gold_dir / "t1.txt"), str(gold_dir / "t2.md")]) == 0
    text = capsys.readouterr().out
    assert "== t1 (" in text and "== t2 (" in text
    assert "   Person: Budi Santoso" in text
    assert "   GovernmentBody: Dinas Sosial" in text
    assert "   Budi Santoso -holdsRole-> Dinas Sosial  [Kepala Dinas Sosial]" in text
    assert "   Budi Santoso: “Kami siap”" in text
    # the written files score perfectly against the gold they came from
    out = tmp_path / "pred"
    assert main(["extract", str(gold_dir), "--json", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["t1.json", "t2.json", "t3.json"]
    golds, _ = load_gold(gold_dir)
    report = score(gold_dir, out)
    assert report.missing_predictions == ["t4"]
    assert report.entities_overall.fp == 0 and report.entities_overall.tp == 6
    assert set(golds) == {"t1", "t2", "t3", "t4"}
