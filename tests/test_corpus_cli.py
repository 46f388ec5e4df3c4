"""``kg corpus``: the per-article table, JSON report, ``--show`` and ``--check-gold``."""

from __future__ import annotations

import json
from pathlib import Path

from graph.cli import main
from graph.defaults import SAMPLE_CORPUS_DIR


def test_table_lists_articles_skips_and_ignored(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    rc = main(["corpus", str(SAMPLE_CORPUS_DIR), str(tmp_path)])
    captured = capsys.readouterr()
    assert rc == 0
    assert "12 article(s)" in captured.out
    assert "m09" in captured.out and "site menu" in captured.out
    assert "ignored: 13 file(s) (12 annotation, 1 documentation)" in captured.out
    assert f"skipped {tmp_path / 'bad.txt'}: not text: binary content (NUL bytes)" in captured.err


def test_json_report(capsys) -> None:
    assert main(["corpus", "--json", str(SAMPLE_CORPUS_DIR)]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {r["name"]: r for r in report["articles"]}
    assert len(rows) == 12 and report["skipped"] == []
    assert rows["m10"]["format"] == "html" and rows["m10"]["published_how"] == "metadata"
    assert rows["m01"]["raw_chars"] > rows["m01"]["kept_chars"]
    assert "Berita Terkait" in rows["m01"]["cut"]
    assert report["summary"]["ignored"] == {"annotation": 12, "documentation": 1}


def test_show_prints_kept_text_and_cuts(capsys) -> None:
    assert main(["corpus", str(SAMPLE_CORPUS_DIR), "--show", "m05"]) == 0
    printed = capsys.readouterr().out
    kept, cut = printed.split("cut (2 part(s))")
    assert 'siap lebih dulu," kata Anwar.' in kept and "Persebaya" not in kept
    assert "teaser repeat" in cut and "Persebaya Datangkan Bek Asal Brasil" in cut


def test_show_unknown_name_fails(capsys) -> None:
    assert main(["corpus", str(SAMPLE_CORPUS_DIR), "--show", "zz99"]) == 1
    assert "no article named 'zz99'" in capsys.readouterr().err


def test_nothing_usable_exits_non_zero(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["corpus", str(tmp_path)]) == 1
    assert "empty file" in capsys.readouterr().err


def test_check_gold_table(capsys) -> None:
    assert main(["corpus", "--check-gold", str(SAMPLE_CORPUS_DIR)]) == 0
    printed = capsys.readouterr().out
    assert "total: noise surviving 0, gold entities lost 0, published correct 12/12" in printed


def test_check_gold_devset_json(seeds_dir: Path, capsys) -> None:
    assert main(["corpus", "--check-gold", str(seeds_dir), "--json"]) == 0
    rows = {r["article"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"s01", "s02", "s03", "s04", "s05"}
    assert all(r["date_ok"] and not r["noise_surviving"] for r in rows.values())


def test_check_gold_reports_failures(tmp_path: Path, capsys) -> None:
    (tmp_path / "a01.txt").write_text(
        "Judul Berita Pekerja Migran\n\nJakarta - Menteri Ketenagakerjaan Budi Santoso membuka "
        "rapat tentang pekerja migran di kantor kementerian pada pagi hari.\n\n"
        "Jangan Lewatkan\nArtis Cantik Rina Melati Menikah"
    )
    gold = {"article": "a01", "published": "2025-01-01", "entities": [], "noise": ["Rina Melati"]}
    (tmp_path / "a01.gold.json").write_text(json.dumps(gold))
    assert main(["corpus", "--check-gold", str(tmp_path)]) == 1
    printed = capsys.readouterr().out
    assert "Rina Melati" in printed and "≠ gold 2025-01-01" in printed
