"""Publication dates: metadata first, then datelines and weekday dates, then inference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.corpus import find_published, read_corpus
from graph.corpus.dates import default_lexicon, year_bounds, year_mentions
from graph.defaults import PROJECT_DIR, SAMPLE_CORPUS_DIR

DEVSET_EXPECTED = {
    "s01": ("2024-06-10", "inferred"),  # Senin (10/6): pascapandemi >= 2021, sidebar <= 2024-11-22
    "s02": ("2017-11-14", "inferred"),  # Selasa (14/11): GCM >= 2016, "akan ... 2018" <= 2017
    "s03": ("2017-11-08", "text"),  # Kamis (8/11/2017), weekday disagrees, numbers kept
    "s04": (None, "unknown"),  # only event dates without weekday
    "s05": (None, "unknown"),  # Senin (19/2): 2018 and 2024 both fit
}


def test_devset_dates(seeds_dir: Path) -> None:
    articles, skipped = read_corpus(seeds_dir)  # a single path works too
    assert not skipped
    got = {a.name: (a.published, a.published_how) for a in articles}
    assert got == DEVSET_EXPECTED


@pytest.mark.parametrize("corpus", [SAMPLE_CORPUS_DIR, PROJECT_DIR / "corpus" / "heldout"])
def test_gold_dates_of_bundled_corpora(corpus: Path) -> None:
    articles, _ = read_corpus([corpus])
    gold = {
        p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))["published"]
        for p in corpus.glob("*.gold.json")
    }
    got = {a.name: a.published for a in articles}
    assert got == gold
    how = {a.name: a.published_how for a in articles}
    if corpus == SAMPLE_CORPUS_DIR:
        # metadata wins (HTML meta, JSONL field); the rest comes from the text
        assert how["m10"] == how["m11"] == how["m12"] == "metadata"
        assert how["m02"] == how["m09"] == "unknown"
        assert how["m04"] == "text"  # "hari ini, Selasa, 10 Desember 2024", not Senin 9 Desember


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jakarta, 22 November 2024 - Menteri membuka acara.", "2024-11-22"),
        ("SIARAN PERS\nTokyo, 26 Feb 2025\n\nKBRI menggelar acara.", "2025-02-26"),
        ("Medan, 19 Peb 2018 – Gubernur meresmikan balai.", "2018-02-19"),
        ("Ambon, 17 Agt 2019 - Upacara digelar.", "2019-08-17"),
        ("Bandung, 10 Nop 2021 - Rapat digelar.", "2021-11-10"),
        ("Rabu, 8 Mei 2024 16:45 WIB\nYogyakarta - Dialog digelar.", "2024-05-08"),
        ("Menteri berbicara di Jakarta, Selasa, 14 November 2017, di depan peserta.", "2017-11-14"),
        ("Menteri berbicara di Jenewa, Kamis (8/11/2017).", "2017-11-08"),
        ("Rapat digelar Jumat (3/5/24) di Surabaya.", "2024-05-03"),
        ("Jakarta - Rapat digelar Sabtu (7/9/2019), lalu Senin (9/9/2019) ditutup.", "2019-09-07"),
        (
            "Penandatanganan di Abu Dhabi pada Senin, 9 Desember 2024. Hal itu disampaikan "
            "dalam keterangan tertulis hari ini, Selasa, 10 Desember 2024.",
            "2024-12-10",
        ),
    ],
)
def test_stated_dates(text: str, expected: str) -> None:
    assert find_published(text) == (expected, "text")


@pytest.mark.parametrize(
    "text",
    [
        "Lokakarya digelar di Mataram (23/5), Semarang (29/5) dan Makassar (12/6).",
        "Konvensi itu diadopsi pada 16 Juni 2011 dan berlaku sejak 2013.",  # an event date
        "Tidak ada tanggal sama sekali di sini.",
        "Menteri hadir pada Rabu (31/2/2024).",  # no such day
        "Menteri berbicara di Jakarta, 14 November 2017, di depan peserta.",  # not a dateline
    ],
)
def test_no_publication_date(text: str) -> None:
    assert find_published(text) == (None, "unknown")


def test_weekday_without_year_needs_exactly_one_year() -> None:
    # 14 November is a Tuesday in 2006, 2017, 2023: "akan ... 2018" and GCM leave 2017
    text = (
        "Kemlu menggelar konsultasi tentang Global Compact for Migration (GCM), Selasa (14/11). "
        "Negosiasi akan dilaksanakan pada awal tahun 2018 di New York."
    )
    assert find_published(text) == ("2017-11-14", "inferred")
    # without the future year, 2017 and 2023 (and later years) remain
    assert find_published(text.split(" Negosiasi")[0]) == (None, "unknown")


def test_boilerplate_dates_bound_the_year_from_above() -> None:
    # 10 June is a Monday in 2024 and 2030 (2019 is before the pandemic)
    text = "Perubahan pascapandemi dibahas di Jenewa, Senin (10/6)."
    assert find_published(text) == (None, "unknown")
    sidebar = "Jakarta, 22 November 2024 - Menteri Pariwisata mengunjungi Bali."
    assert find_published(text, sidebar) == ("2024-06-10", "inferred")


def test_past_years_bound_from_below() -> None:
    # 19 February is a Monday in 2007, 2018, 2024; "sejak 2019" leaves 2024 and later years
    text = "Rapat digelar Senin (19/2). Program ini berjalan sejak 2019."
    assert find_published(text) == (None, "unknown")
    # a future year closes the window: only 2024 fits in 2019..2024
    text += " Evaluasi akan dilakukan pada 2025."
    assert find_published(text) == ("2024-02-19", "inferred")


def test_year_mentions_tense() -> None:
    lex = default_lexicon()
    text = (
        "Program dijalankan sejak 2016 dan akan diperluas sejak tahun 2016 pula. "
        "Rencana Kerja 2026–2030 disepakati. Pada tahun 2017 konsensus diadopsi. "
        "Pemilu 2029 mendatang."
    )
    assert year_mentions(text, lex) == [
        (2016, "past"),
        (2016, "past"),
        (2017, "past"),
        (2029, "future"),
    ]


def test_era_words_come_from_the_lexicon() -> None:
    lex = default_lexicon()
    lo, hi = year_bounds("Dampak pascapandemi terasa.", lex)
    assert lo == 2021 and hi == lex.max_year
