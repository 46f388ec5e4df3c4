"""Boilerplate removal: measured on gold files, and on invented pages in other outlets' styles.

The gold measure (also ``kg corpus --check-gold``): no ``noise`` string of a gold file
survives in the kept text, no gold entity the page spells out is cut out, and where the
corpus README gives "story starts" / "story ends" the kept text opens and closes there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.corpus import clean_text
from graph.corpus.boilerplate import BoilerplateRules, is_repeat, marker_key
from graph.corpus.check import check_gold, story_bounds
from graph.defaults import BOILERPLATE_FILE, PROJECT_DIR, SAMPLE_CORPUS_DIR

HELDOUT_DIR = PROJECT_DIR / "corpus" / "heldout"


def _table(rows, title: str) -> str:
    lines = [f"{title}", f"{'article':8} {'noise surviving':30} {'gold entities lost':30} bounds"]
    for r in rows:
        bounds = "-" if r.starts_ok is None else f"{r.starts_ok}/{r.ends_ok}/{not r.inline_left}"
        lines.append(
            f"{r.article:8} {', '.join(r.noise_surviving) or '0':30} "
            f"{', '.join(r.entities_lost) or '0':30} {bounds}"
        )
    noise = sum(len(r.noise_surviving) for r in rows)
    lost = sum(len(r.entities_lost) for r in rows)
    lines.append(f"total    noise surviving {noise}, gold entities lost {lost}")
    return "\n".join(lines)


def _assert_clean(directory: Path, expected_articles: int) -> None:
    rows = check_gold(directory)
    print(_table(rows, str(directory)))
    assert len(rows) == expected_articles
    assert all(r.found for r in rows), [r.article for r in rows if not r.found]
    assert sum(len(r.noise_surviving) for r in rows) == 0
    assert sum(len(r.entities_lost) for r in rows) == 0
    bounded = [r for r in rows if r.starts_ok is not None]
    for r in bounded:
        assert r.starts_ok and r.ends_ok and not r.inline_left, r.article


def test_devset_noise_removed_and_entities_kept(seeds_dir: Path) -> None:
    _assert_clean(seeds_dir, 5)


def test_sample_noise_removed_and_story_bounds_exact() -> None:
    assert len(story_bounds(SAMPLE_CORPUS_DIR / "README.md")) == 12
    _assert_clean(SAMPLE_CORPUS_DIR, 12)


def test_heldout_noise_removed_and_story_bounds_exact() -> None:
    assert len(story_bounds(HELDOUT_DIR / "README.md")) == 6
    _assert_clean(HELDOUT_DIR, 6)


def test_devset_credit_naming_a_story_body_stays(seeds_dir: Path) -> None:
    raw = (seeds_dir / "s01.txt").read_text(encoding="utf-8")
    res = clean_text(raw)
    assert res.text.rstrip().endswith("Biro Humas Kemnaker")
    assert "Selengkapnya" not in res.text and "TERPOPULER" not in res.text
    # every character kept is the input's own: the text is the raw story span
    assert res.text == raw[res.span[0] : res.span[1]]


def test_devset_site_menu_cut_to_the_headline(seeds_dir: Path) -> None:
    res = clean_text((seeds_dir / "s04.txt").read_text(encoding="utf-8"))
    assert res.text.startswith("Meningkatkan Manajemen Migrasi Lokal")
    assert [c.reason for c in res.cuts] == ["site menu"]


def test_devset_teaser_and_headline_list_cut(seeds_dir: Path) -> None:
    res = clean_text((seeds_dir / "s05.txt").read_text(encoding="utf-8"))
    assert {c.reason for c in res.cuts} == {"teaser repeat", "headline list"}
    assert res.text.rstrip().endswith("lainnya.")
    # the lead paragraph the teaser repeats is still there, once
    assert res.text.count("Untuk meningkatkan perlindungan kepada pekerja migran") == 1


# --------------------------------------------------------------------------- invented pages


def test_inline_lines_dropped_other_lines_byte_identical() -> None:
    raw = (
        "Menaker Tinjau Balai Latihan Kerja di Serang\n\n"
        "Serang - Menteri\u00a0Ketenagakerjaan meninjau balai latihan kerja, “kata”  dia, "
        "pada hari yang panas itu di Serang.\u00a0\n\n"
        "ADVERTISEMENT\n"
        "SCROLL TO CONTINUE WITH CONTENT\n\n"
        "Ia meminta balai memperbanyak pelatihan bahasa Jepang bagi calon pekerja migran.\n\n"
        "Simak juga: Video Banjir Rob di Pantura\n\n"
        "Kunjungan ditutup dengan dialog bersama peserta pelatihan dari tiga kabupaten."
    )
    res = clean_text(raw)
    assert "ADVERTISEMENT" not in res.text and "SCROLL" not in res.text
    assert "Simak juga" not in res.text
    kept_lines = [ln for ln in res.text.split("\n") if ln]
    assert all(ln in raw.split("\n") for ln in kept_lines)  # no character rewritten
    assert "Menteri\u00a0Ketenagakerjaan" in res.text and "“kata”  dia" in res.text
    assert res.text.endswith("tiga kabupaten.")
    assert {c.reason for c in res.cuts} == {"inline boilerplate"}
    assert res.span == (0, len(raw))


def test_okezone_style_baca_juga_inside_story_keeps_the_story() -> None:
    raw = (
        "Pemkot Batam Perketat Pengawasan Pelabuhan Tikus\n\n"
        "BATAM - Pemerintah Kota Batam memperketat pengawasan pelabuhan tidak resmi yang "
        "kerap dipakai untuk memberangkatkan pekerja migran nonprosedural ke Malaysia.\n\n"
        "Baca Juga:\n"
        "Harga Cabai di Batam Turun Jelang Akhir Pekan\n\n"
        "Kepala Dinas Perhubungan Kota Batam mengatakan patroli gabungan akan digelar setiap "
        "malam bersama Polresta Barelang dan BP3MI Kepulauan Riau.\n\n"
        "Baca Juga:\n"
        "Wali Kota Resmikan Taman Baru di Batam Centre\n"
        "Bupati Karimun Lantik Pejabat Eselon II\n"
    )
    res = clean_text(raw)
    assert "Harga Cabai" not in res.text and "Taman Baru" not in res.text
    assert "Karimun" not in res.text
    assert "patroli gabungan" in res.text and "BP3MI Kepulauan Riau." in res.text
    reasons = [c.reason for c in res.cuts]
    assert reasons == ["inline link", "list after 'Baca Juga:'"]


def test_story_list_after_a_colon_is_story_but_trailing_headlines_are_not() -> None:
    story = (
        "Syarat Daftar Program Magang ke Jepang\n\n"
        "Jakarta - Kemnaker membuka pendaftaran program magang ke Jepang bagi lulusan SMK "
        "dengan sejumlah syarat yang harus dipenuhi calon peserta, yaitu:\n"
        "1. Berusia 18 sampai 26 tahun\n"
        "2. Sehat jasmani dan rohani\n"
        "3. Tidak bertato"
    )
    assert clean_text(story).text == story
    page = story + (
        "\n\nPendaftaran ditutup akhir bulan ini, kata pejabat Kemnaker kepada wartawan.\n\n"
        "- Harga Emas Hari Ini Naik Tipis\n- Jadwal Liga 1 Pekan Depan\n- Resep Rendang Padang"
    )
    res = clean_text(page)
    assert res.text.endswith("kepada wartawan.")
    assert res.cuts[-1].reason == "headline list"


def test_credits_cut_at_the_end_but_not_a_bare_organisation_line() -> None:
    raw = (
        "Kemnaker Gelar Bursa Kerja Luar Negeri\n\n"
        "Jakarta - Kementerian Ketenagakerjaan menggelar bursa kerja luar negeri yang "
        "diikuti 40 perusahaan penempatan resmi dari berbagai daerah.\n\n"
        "Biro Humas Kemnaker\n\n"
        "Pewarta: Dewi Anggraini\n"
        "Editor: Budi Santoso\n"
        "(ant)"
    )
    res = clean_text(raw)
    assert res.text.endswith("Biro Humas Kemnaker")
    assert [c.reason for c in res.cuts] == ["credit"]
    assert "Dewi Anggraini" in res.cuts[0].text and "(ant)" in res.cuts[0].text


def test_site_menu_with_breadcrumb_and_glued_blurb() -> None:
    raw = (
        "Beranda › Berita › Siaran Pers\n"
        "Tentang Kami\n"
        "Tentang KamiLembaga kami adalah organisasi nirlaba yang bekerja untuk pelindungan "
        "pekerja migran di seluruh Asia Tenggara sejak lama sekali.\n"
        "Hubungi Kami\n"
        "- Donasi\n"
        "- Relawan\n"
        "Serikat Pekerja Migran Luncurkan Posko Pengaduan\n"
        "Serikat Pekerja Migran meluncurkan posko pengaduan di Indramayu untuk melayani "
        "keluarga pekerja migran yang kesulitan menghubungi kerabatnya di luar negeri."
    )
    res = clean_text(raw)
    assert res.text.startswith("Serikat Pekerja Migran Luncurkan Posko Pengaduan\n")
    assert res.cuts[0].reason == "site menu" and res.cuts[0].start == 0
    assert res.span[0] == raw.index("Serikat Pekerja Migran Luncurkan")


def test_no_menu_marker_means_no_head_cut() -> None:
    raw = (
        "SIARAN PERS\nDinas Tenaga Kerja Kabupaten Cilacap\n\n"
        "Cilacap Buka Layanan Terpadu Satu Atap\n\n"
        "Cilacap, 3 Maret 2025 – Pemerintah Kabupaten Cilacap membuka layanan terpadu satu "
        "atap bagi calon pekerja migran di kompleks pemerintahan kabupaten."
    )
    assert clean_text(raw).text == raw


def test_about_blurb_only_when_it_describes_the_named_organisation() -> None:
    body = (
        "Jakarta, 5 Mei 2025 - Koalisi Buruh Migran Berdaulat meminta pemerintah membuka data "
        "kasus pekerja migran yang meninggal di negara tujuan secara berkala."
    )
    blurb = (
        "\n\nTentang Koalisi Buruh Migran Berdaulat\n"
        "Koalisi Buruh Migran Berdaulat adalah jaringan 12 organisasi, antara lain Lembaga "
        "Advokasi Sejahtera dan Rumah Perempuan Migran."
    )
    res = clean_text(body + blurb)
    assert res.text == body and res.cuts[0].reason == "about blurb"
    other = "\n\nTentang hal itu\nMenteri menyatakan akan segera menindaklanjuti laporan koalisi."
    assert clean_text(body + other).text == body + other


def test_tail_marker_before_the_body_is_not_a_tail() -> None:
    raw = (
        "Tags\n\nWamenaker Buka Rakor Pengawasan Ketenagakerjaan\n\n"
        "Jakarta - Wakil Menteri Ketenagakerjaan membuka rapat koordinasi pengawasan "
        "ketenagakerjaan yang diikuti pengawas dari seluruh provinsi."
    )
    assert clean_text(raw).text == raw


def test_teaser_repeat_needs_a_real_repeat() -> None:
    lead = (
        "Jakarta - Badan Pelindungan Pekerja Migran Indonesia menggelar pelatihan bahasa bagi "
        "200 calon pekerja migran tujuan Korea Selatan di Jakarta, Senin."
    )
    assert is_repeat(
        "Badan Pelindungan Pekerja Migran Indonesia menggelar pelatihan bahasa bagi 200 calon "
        "pekerja migran tujuan Korea Selatan.",
        lead,
    )
    assert not is_repeat(
        "Pelatihan bahasa itu diharapkan membuat calon pekerja lebih siap bekerja di pabrik.",
        lead,
    )


def test_markers_are_data(tmp_path: Path) -> None:
    """A new site's marker is a YAML edit."""
    raw = (
        "Judul Berita Tentang Pekerja Migran\n\n"
        "Jakarta - Pemerintah memperkuat pengawasan penempatan pekerja migran ke Timur Tengah "
        "dengan memperketat izin perusahaan penempatan.\n\n"
        "Jangan Lewatkan\nArtis Ibu Kota Menikah di Bali"
    )
    assert "Artis" in clean_text(raw).text
    import yaml

    data = yaml.safe_load(BOILERPLATE_FILE.read_text(encoding="utf-8"))
    data["tail_markers"].append("Jangan Lewatkan")
    custom = tmp_path / "boilerplate.yaml"
    custom.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    res = clean_text(raw, BoilerplateRules.load(custom))
    assert "Artis" not in res.text and res.text.endswith("perusahaan penempatan.")


def test_marker_key_normalises_bullets_colons_case() -> None:
    assert marker_key("2. TERPOPULER :") == "terpopuler"
    assert marker_key("- Berita Terkait") == "berita terkait"


def test_bad_rules_file_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("tail_markers: Berita Terkait\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"tail_markers.*must be a list"):
        BoilerplateRules.load(bad)


def test_empty_and_only_boilerplate_inputs() -> None:
    assert clean_text("").text == ""
    res = clean_text("ADVERTISEMENT\n\nBaca juga: Harga Emas Naik\n")
    assert res.text == "" and res.span == (0, 0)


def test_story_lists_and_subheadings_are_not_cut() -> None:
    lead = (
        "Lima Poin Kesepakatan Indonesia dan Malaysia\n\n"
        "Jakarta - Indonesia dan Malaysia menyepakati lima poin pelindungan pekerja migran "
        "sektor domestik dalam pertemuan di Putrajaya pekan ini."
    )
    listed = lead + (
        "\n\nBerikut poin kesepakatan tersebut.\n"
        "- Satu Kanal Penempatan untuk Semua Pekerja Domestik\n"
        "- Gaji Dibayar Melalui Rekening Bank\n"
        "- Paspor Dipegang Pekerja Sendiri"
    )
    assert clean_text(listed).text == listed
    items = lead + "\n\n- Pekerja berhak atas hari libur;\n- Majikan menanggung asuransi."
    assert clean_text(items).text == items
    section = lead + (
        "\n\nRekomendasi\n\nKoalisi merekomendasikan agar pemerintah memperbanyak atase "
        "ketenagakerjaan di negara tujuan dan memperkuat layanan pengaduan."
    )
    assert clean_text(section).text == section


def test_tuning_pages_leak_no_noise_and_lose_no_entity() -> None:
    """Ten pages in other outlets' styles (menus, "Terkait", "Anda mungkin tertarik")."""
    rows = check_gold(PROJECT_DIR / "corpus" / "tuning")
    print(_table(rows, "corpus/tuning"))
    assert len(rows) == 10
    assert [r.article for r in rows if r.noise_surviving] == []
    assert [r.article for r in rows if r.entities_lost] == []


def test_bulleted_teasers_inside_the_story_are_dropped() -> None:
    raw = (
        "Pekerja Rumah Tangga di Hong Kong Masih Terjerat Utang\n\n"
        "Sari, 29 tahun, asal Kendal, membayar biaya penempatan lewat potongan gaji selama tujuh "
        "bulan, meski aturan melarang pembebanan biaya kepada pekerja.\n\n"
        "Anda mungkin tertarik:\n"
        "• Kapal milik Hua Xin Fishery ditahan, awak belum digaji\n"
        "• Mengapa Rumah Sakit Harapan Kita kewalahan menangani pasien?\n\n"
        "Menurut Konsulat Jenderal Republik Indonesia di Hong Kong, aduan soal potongan gaji "
        "naik dibanding tahun lalu.\n"
    )
    res = clean_text(raw)
    assert "Hua Xin" not in res.text and "Harapan Kita" not in res.text
    assert "potongan gaji selama tujuh" in res.text and "naik dibanding tahun lalu." in res.text


def test_about_blurb_that_defines_the_acronym() -> None:
    body = (
        "Jakarta - Konsultasi tripartit di Bitung membahas langkah menuju ratifikasi konvensi "
        "tentang pekerjaan dalam penangkapan ikan oleh pemerintah."
    )
    blurb = (
        "\n\nTentang ILO\n"
        "Organisasi Perburuhan Internasional (ILO) adalah badan khusus PBB yang menyatukan "
        "pemerintah, pengusaha, dan pekerja."
    )
    res = clean_text(body + blurb)
    assert res.text == body and res.cuts[0].reason == "about blurb"


def test_author_box_is_cut_even_before_a_paragraph() -> None:
    body = (
        "Jakarta - Direktur Pelindungan WNI menyebut korban penipuan daring di Myawaddy bukan "
        "sekadar pekerja migran nonprosedural."
    )
    box = "\n\nTentang Penulis\nLaras Ayuningtyas adalah jurnalis yang meliput isu diplomasi."
    res = clean_text(body + box)
    assert res.text == body and "Laras" not in res.text
