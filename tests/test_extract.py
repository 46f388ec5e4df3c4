"""Extraction components on real-shaped Indonesian news sentences.

The sentences are written for these tests (fictional people, real institutions),
in the styles of several outlets, so the rules are exercised beyond the five
development articles.
"""

from __future__ import annotations

import pytest

from graph.extract import Extractor
from graph.model import Article, EntityType, Extraction, Predicate
from graph.names import norm

ET = EntityType
P = Predicate


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def run(ex: Extractor, text: str) -> Extraction:
    return ex.extract(Article(id="t", name="t", text=text))


def ent(x: Extraction, name: str) -> object:
    for e in x.entities:
        if norm(e.name) == norm(name) or norm(name) in {norm(a) for a in e.aliases}:
            return e
    raise AssertionError(f"no entity {name!r} in {[(e.name, str(e.type)) for e in x.entities]}")


def has_rel(x: Extraction, s: str, p: Predicate, o: str) -> bool:
    si, oi = ent(x, s).id, ent(x, o).id
    return any(
        r.p is p
        and ((r.s, r.o) == (si, oi) or (p is P.COLLABORATES_WITH and (r.s, r.o) == (oi, si)))
        for r in x.relations
    )


def rels(x: Extraction) -> list[tuple[str, str, str]]:
    names = {e.id: e.name for e in x.entities}
    return [(names[r.s], str(r.p), names[r.o]) for r in x.relations]


# --------------------------------------------------------------------------- tokens and sentences


def test_tokenizer_keeps_news_punctuation(ex: Extractor) -> None:
    doc = ex.nlp.tokenizer(
        "Menteri M. Hanif, S.Sos., M.Si. hadir di sidang ke-331 Bemmel-Faulkner, "
        "Senin (29/01/2024) – “Kami”."
    )
    words = [t.text for t in doc]
    for w in ("M.", "S.Sos.", "M.Si.", "ke-331", "Bemmel-Faulkner", "“", "”", "–"):
        assert w in words, (w, words)
    assert words[words.index("(") + 1 : words.index("(") + 6] == ["29", "/", "01", "/", "2024"]


def test_sentences_do_not_break_after_initials_or_titles(ex: Extractor) -> None:
    doc = ex.nlp(
        "Kata Dr. Rahmat M. Sidik di Jakarta. Kemudian rapat ditutup.\n\nParagraf baru dimulai"
    )
    sents = [s.text.strip() for s in doc.sents]
    assert sents == [
        "Kata Dr. Rahmat M. Sidik di Jakarta.",
        "Kemudian rapat ditutup.",
        "Paragraf baru dimulai",
    ]


# --------------------------------------------------------------------------- entities


def test_gazetteer_acronyms_and_names_are_one_entity(ex: Extractor) -> None:
    x = run(
        ex,
        "Kementerian Ketenagakerjaan (Kemnaker) menggelar rapat koordinasi di Surabaya. "
        "Kemnaker juga mengundang IOM.",
    )
    kemnaker = ent(x, "Kementerian Ketenagakerjaan")
    assert kemnaker.type is ET.GOVERNMENT_BODY and "Kemnaker" in kemnaker.aliases
    assert ent(x, "IOM").type is ET.INTERNATIONAL_ORGANIZATION
    assert ent(x, "Surabaya").type is ET.PLACE


def test_unknown_organisation_found_by_its_head(ex: Extractor) -> None:
    x = run(
        ex,
        "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Lombok Tengah bekerja sama dengan "
        "Yayasan Harapan Buruh Migran membuka posko pengaduan.",
    )
    dinas = ent(x, "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Lombok Tengah")
    assert dinas.type is ET.GOVERNMENT_BODY
    yayasan = ent(x, "Yayasan Harapan Buruh Migran")
    assert yayasan.type is ET.CIVIL_SOCIETY
    assert has_rel(
        x,
        "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Lombok Tengah",
        P.COLLABORATES_WITH,
        "Yayasan Harapan Buruh Migran",
    )


def test_acronym_defined_in_parentheses_both_ways(ex: Extractor) -> None:
    x = run(
        ex,
        "Gugus Koordinasi Perlindungan Nelayan Migran (GKPNM) dibentuk tahun lalu. "
        "Anggota GKPNM bertemu pengurus PERMAI (Perkumpulan Awak Kapal Indonesia).",
    )
    assert "GKPNM" in ent(x, "Gugus Koordinasi Perlindungan Nelayan Migran").aliases
    assert "PERMAI" in ent(x, "Perkumpulan Awak Kapal Indonesia").aliases


def test_agreements_and_events_by_head(ex: Extractor) -> None:
    x = run(
        ex,
        "Pemerintah menerbitkan Peraturan Menteri Ketenagakerjaan Nomor 4 Tahun 2025 tentang "
        "Penempatan Awak Kapal Perikanan. Aturan itu dibahas dalam Lokakarya Nasional "
        "Pelindungan Awak Kapal di Bitung.",
    )
    assert (
        ent(
            x,
            "Peraturan Menteri Ketenagakerjaan Nomor 4 Tahun 2025 tentang Penempatan Awak Kapal "
            "Perikanan",
        ).type
        is ET.AGREEMENT
    )
    assert ent(x, "Lokakarya Nasional Pelindungan Awak Kapal").type is ET.EVENT
    assert has_rel(x, "Lokakarya Nasional Pelindungan Awak Kapal", P.LOCATED_IN, "Bitung")


def test_country_in_a_fixed_term_is_not_the_state(ex: Extractor) -> None:
    x = run(ex, "Sebanyak 40 pekerja migran Indonesia dipulangkan dari Malaysia pekan lalu.")
    names = {e.name for e in x.entities}
    assert "Malaysia" in names
    assert "Indonesia" not in names


def test_boilerplate_credits_are_not_people(ex: Extractor) -> None:
    x = run(
        ex,
        "Bupati Sumbawa, Gede Ardiana, membuka bursa kerja luar negeri di Sumbawa Besar.\n\n"
        "Pewarta: Lestari Wulandani\nEditor: Rudi Hartawan",
    )
    names = {e.name for e in x.entities}
    assert "Gede Ardiana" in names
    assert not names & {"Lestari Wulandani", "Rudi Hartawan"}


# --------------------------------------------------------------------------- people and titles


def test_title_then_name_with_comma_and_implied_ministry(ex: Extractor) -> None:
    x = run(
        ex,
        "Hal itu disampaikan Wakil Menteri Luar Negeri, Rizal Amrullah, di Jakarta, Kamis (7/3).",
    )
    rizal = ent(x, "Rizal Amrullah")
    assert rizal.type is ET.PERSON
    kemlu = ent(x, "Kementerian Luar Negeri")
    hold = [r for r in x.relations if r.p is P.HOLDS_ROLE and r.s == rizal.id]
    assert len(hold) == 1 and hold[0].o == kemlu.id
    assert hold[0].role == "Wakil Menteri Luar Negeri" and hold[0].implied


def test_name_then_title_then_affiliation(ex: Extractor) -> None:
    x = run(
        ex,
        "Sri Wahyuningsih, Kepala Bidang Penempatan, Dinas Tenaga Kerja Provinsi Jawa Timur, "
        "mengatakan pendataan terus dilakukan.",
    )
    hold = [r for r in x.relations if r.p is P.HOLDS_ROLE]
    assert len(hold) == 1
    assert x.entity(hold[0].s).name == "Sri Wahyuningsih"
    assert x.entity(hold[0].o).name == "Dinas Tenaga Kerja Provinsi Jawa Timur"
    assert hold[0].role == "Kepala Bidang Penempatan" and not hold[0].implied


def test_title_name_without_comma_and_honorifics_stripped(ex: Extractor) -> None:
    x = run(
        ex,
        "Kepala BP2MI Dr. Ir. Sutrisno Wibowo, M.Si. meninjau shelter di Tanjung Pinang. "
        "Sutrisno menyebut 300 pekerja telah dipulangkan.",
    )
    person = ent(x, "Sutrisno Wibowo")
    assert person.name == "Sutrisno Wibowo"
    assert "Sutrisno" in person.aliases
    bp2mi = ent(x, "BP2MI")
    assert any(r.p is P.HOLDS_ROLE and r.s == person.id and r.o == bp2mi.id for r in x.relations)


def test_state_title_points_to_the_country(ex: Extractor) -> None:
    x = run(
        ex,
        "Duta Besar RI untuk Malaysia, Hermawan Saputra, menyaksikan penandatanganan "
        "nota kesepahaman "
        "di Putrajaya, Senin (12/2/2024).",
    )
    hold = [r for r in x.relations if r.p is P.HOLDS_ROLE]
    assert [x.entity(r.o).name for r in hold] == ["Indonesia"] or [
        x.entity(r.o).type for r in hold
    ] == [ET.COUNTRY]
    assert ent(x, "Malaysia").type is ET.COUNTRY


def test_short_forms_resolve_to_the_full_person(ex: Extractor) -> None:
    x = run(
        ex,
        "Menteri Ketenagakerjaan Ratna Sari Dewi meresmikan LTSA di Cirebon. "
        '"Layanan ini memangkas biaya penempatan," kata Menaker Ratna. '
        "Ratna menambahkan, layanan serupa dibuka di Indramayu.",
    )
    persons = [e for e in x.entities if e.type is ET.PERSON]
    assert len(persons) == 1
    assert persons[0].name == "Ratna Sari Dewi"
    assert {"Ratna", "Menaker Ratna"} <= set(persons[0].aliases)


def test_two_people_sharing_a_first_name_stay_two(ex: Extractor) -> None:
    x = run(
        ex,
        "Budi Santoso dari Kemnaker dan Budi Hartono dari BP2MI hadir dalam rapat itu. "
        '"Kami siap," ujar Budi Hartono.',
    )
    persons = sorted(e.name for e in x.entities if e.type is ET.PERSON)
    assert persons == ["Budi Hartono", "Budi Santoso"]
    assert x.entity(x.quotes[0].speaker).name == "Budi Hartono"


# --------------------------------------------------------------------------- relations


def test_signing_gives_signs_and_party_to(ex: Extractor) -> None:
    x = run(
        ex,
        "Kementerian Ketenagakerjaan bekerja sama dengan "
        "Organisasi Perburuhan Internasional (ILO). "
        "Nota kesepahaman ditandatangani oleh Sekretaris Jenderal Kemnaker Haryo Prasetyo dan "
        "Direktur ILO Jakarta, Anneke Visser.",
    )
    assert has_rel(x, "Haryo Prasetyo", P.SIGNS, "Nota kesepahaman")
    assert has_rel(x, "Anneke Visser", P.SIGNS, "Nota kesepahaman")
    assert has_rel(x, "Kementerian Ketenagakerjaan", P.PARTY_TO, "Nota kesepahaman")
    assert has_rel(x, "Kementerian Ketenagakerjaan", P.COLLABORATES_WITH, "ILO")


def test_passive_organizer_and_location_chain(ex: Extractor) -> None:
    x = run(
        ex,
        "Forum Regional tentang Migrasi Tenaga Kerja yang diselenggarakan oleh ASEAN di Bangkok, "
        "Thailand, dihadiri delegasi sepuluh negara.",
    )
    forum = "Forum Regional tentang Migrasi Tenaga Kerja"
    assert has_rel(x, "ASEAN", P.ORGANIZES, forum)
    assert has_rel(x, forum, P.LOCATED_IN, "Bangkok")
    assert has_rel(x, "Bangkok", P.LOCATED_IN, "Thailand")
    assert not has_rel(x, forum, P.LOCATED_IN, "Thailand")  # direct links only (README C30)


def test_program_run_by_passive_actor_list(ex: Extractor) -> None:
    x = run(
        ex,
        "Program Desa Migran Produktif yang dilaksanakan oleh Kemnaker bersama IOM "
        "menjangkau 400 desa.",
    )
    prog = "Desa Migran Produktif"
    assert ent(x, prog).type is ET.PROGRAM
    assert has_rel(x, "Kemnaker", P.RUNS, prog)
    assert has_rel(x, "IOM", P.RUNS, prog)


def test_sub_unit_with_parent_is_two_entities(ex: Extractor) -> None:
    x = run(
        ex,
        "Direktorat Tindak Pidana Umum Bareskrim Polri menangkap dua tersangka perdagangan orang.",
    )
    child = ent(x, "Direktorat Tindak Pidana Umum")
    assert "Direktorat Tindak Pidana Umum Bareskrim Polri" in child.aliases
    assert has_rel(x, "Direktorat Tindak Pidana Umum", P.PART_OF, "Bareskrim Polri")


def test_evidence_keeps_sentence_offsets_and_rule(ex: Extractor) -> None:
    text = "Pada hari yang sama, Kemlu bekerja sama dengan UNODC. Kalimat lain."
    x = run(ex, text)
    rel = next(r for r in x.relations if r.p is P.COLLABORATES_WITH)
    ev = rel.evidence
    assert (
        text[ev.start : ev.end]
        == ev.sentence
        == "Pada hari yang sama, Kemlu bekerja sama dengan UNODC."
    )
    assert ev.rule and 0 < ev.confidence <= 1


def test_domain_and_range_are_respected(ex: Extractor) -> None:
    x = run(ex, "Nota itu ditandatangani oleh Jakarta dan Bandung di Bogor.")
    for r in x.relations:
        if r.p is P.SIGNS:
            assert x.entity(r.s).type in (ET.PERSON, *{ET.GOVERNMENT_BODY, ET.COUNTRY})


# --------------------------------------------------------------------------- quotes


def test_quote_attributions(ex: Extractor) -> None:
    x = run(
        ex,
        "Kepala Dinas Sosial Kota Batam, Yohanes Dethan, meninjau shelter.\n\n"
        "“Kami menyiapkan tempat tinggal sementara bagi para korban,” ujar Yohanes.\n\n"
        '"Pendampingan hukum juga diberikan sampai kasus selesai," jelasnya.\n\n'
        "Koordinator SBMI, Rahma Lestari, menyatakan, "
        '"Kami meminta aparat menindak perekrut ilegal."\n\n'
        '"Laporan korban sering tidak ditindaklanjuti," tutur Rahma.',
    )
    by = {q.text[:10]: x.entity(q.speaker).name for q in x.quotes}
    assert by == {
        "Kami menyi": "Yohanes Dethan",
        "Pendamping": "Yohanes Dethan",
        "Kami memin": "Rahma Lestari",
        "Laporan ko": "Rahma Lestari",
    }
    assert all(
        (q.text[0].isalpha() and q.text[-1] in ".,") or q.text[-1].isalpha() for q in x.quotes
    )


def test_quoted_names_are_not_quotes(ex: Extractor) -> None:
    x = run(
        ex, 'Kegiatan bertema "Migrasi Aman" itu dibuka oleh Bupati Lombok Timur, Sukiman Azmi.'
    )
    assert x.quotes == []


# --------------------------------------------------------------------------- outlet styles


@pytest.mark.parametrize(
    "opening",
    [
        "Jakarta (ANTARA) - ",
        "TEMPO.CO, Jakarta - ",
        "Jakarta, CNN Indonesia -- ",
        "KOMPAS.com - ",
        "REPUBLIKA.CO.ID, JAKARTA -- ",
    ],
)
def test_datelines_of_several_outlets(ex: Extractor, opening: str) -> None:
    x = run(ex, opening + "Kemlu memulangkan 25 awak kapal dari Fiji.")
    names = {e.name for e in x.entities}
    assert not any(
        n.upper() in {"ANTARA", "TEMPO.CO", "CNN INDONESIA", "KOMPAS.COM", "REPUBLIKA.CO.ID"}
        for n in names
    ), names
    if "jakarta" in opening.lower():
        assert ent(x, "Jakarta").type is ET.PLACE
    assert ent(x, "Fiji").type is ET.COUNTRY


def test_overlong_article_is_refused_with_a_clear_reason(ex: Extractor) -> None:
    from graph.defaults import MAX_ARTICLE_CHARS
    from graph.extract import ArticleTooLong

    text = "Kemnaker bekerja sama dengan IOM. " * (MAX_ARTICLE_CHARS // 30)
    with pytest.raises(ArticleTooLong, match="more than the limit"):
        ex.extract(Article(id="big", name="big", path="big.txt", text=text))


def test_long_article_is_extracted_in_near_linear_time(ex: Extractor) -> None:
    """A 100-times repeated story gives the same entities, not a quadratic blow-up."""
    story = (
        "Kepala BP2MI Sutrisno Wibowo bertemu Duta Besar RI untuk Malaysia, Hermawan Saputra, "
        'di Kuala Lumpur. "Kami siap membantu," kata Sutrisno.\n\n'
    )
    once = run(ex, story)
    many = run(ex, story * 100)
    assert sorted(e.name for e in many.entities) == sorted(e.name for e in once.entities)
    assert len(many.quotes) == 100


# --------------------------------------------------------------------------- participation


PARTICIPATION = (
    "Badan Pelindungan Pekerja Migran Indonesia (BP2MI) menggelar lokakarya bertema "
    '"Migrasi Aman dari Desa" di Mataram, Selasa (4/2). '
    "Lokakarya menghadirkan dua narasumber, yaitu Dr. Rahmat Sulistyo dan Wening Pratiwi. "
    "Organisasi Internasional untuk Migrasi (IOM) dan UN Women turut hadir sebagai mitra. "
    "Tampak hadir Kepala Dinas Tenaga Kerja Kota Mataram Lalu Gede Mahendra. "
    "Dodi Kusnadar, Kepala Biro Umum BP2MI, saat menutup lokakarya mengatakan hasilnya "
    "akan dibawa ke rapat pimpinan."
)


@pytest.mark.parametrize(
    "who",
    ["Rahmat Sulistyo", "Wening Pratiwi", "IOM", "UN Women", "Lalu Gede Mahendra", "Dodi Kusnadar"],
)
def test_participants_named_in_several_ways(ex: Extractor, who: str) -> None:
    """Resource persons after "yaitu", a list before "turut hadir", "Tampak hadir X" with
    no event named, and a closing speech at the event named by its head noun alone."""
    x = run(ex, PARTICIPATION)
    event = next(e.name for e in x.entities if e.type is ET.EVENT)
    assert has_rel(x, who, P.PARTICIPATES_IN, event), rels(x)


def test_body_in_a_speakers_title_does_not_attend(ex: Extractor) -> None:
    """The bureau in "Dodi, Kepala Biro Umum BP2MI, saat menutup" is his affiliation."""
    x = run(ex, PARTICIPATION)
    event = next(e.name for e in x.entities if e.type is ET.EVENT)
    ids = {e.id for e in x.entities if e.type is ET.GOVERNMENT_BODY}
    attending = {r.s for r in x.relations if r.p is P.PARTICIPATES_IN}
    assert not (ids & attending), rels(x)
    assert event


def test_delegation_leader_and_member_take_part(ex: Extractor) -> None:
    x = run(
        ex,
        "Pertemuan Tingkat Menteri Proses Kolombo ke-9 dibuka di Kathmandu, Nepal, Senin (3/3). "
        "Delegasi Indonesia dipimpin oleh Direktur Jenderal Binapenta Kementerian "
        "Ketenagakerjaan, Surya Adinata. Tomi Halawa dari Serikat Pekerja Nusantara, "
        "yang menjadi anggota delegasi Indonesia, menyoroti biaya penempatan.",
    )
    event = "Pertemuan Tingkat Menteri Proses Kolombo ke-9"
    assert has_rel(x, "Surya Adinata", P.PARTICIPATES_IN, event), rels(x)
    assert has_rel(x, "Tomi Halawa", P.PARTICIPATES_IN, event), rels(x)


def test_byline_lines_are_not_people(ex: Extractor) -> None:
    x = run(
        ex,
        "Indonesia-Malaysia Teken Nota Kesepahaman Pekerja Migran\n\n"
        "Dewi Lestiani • 17 Februari 2025 19:42\n\n"
        "Menteri Pelindungan Pekerja Migran Indonesia Haris Wicaksana menandatangani nota "
        "kesepahaman itu di Putrajaya.\n\n(Dewi Lestiani)\n",
    )
    people = {e.name for e in x.entities if e.type is ET.PERSON}
    assert people == {"Haris Wicaksana"}, people


def test_convention_centre_is_a_venue_in_its_city(ex: Extractor) -> None:
    x = run(
        ex,
        "Penandatanganan nota kesepahaman berlangsung di Bandung International Convention "
        "Centre (BICC), Bandung, Senin (3/3).",
    )
    venue = ent(x, "Bandung International Convention Centre")
    assert venue.type is ET.PLACE
    assert has_rel(x, "Bandung International Convention Centre", P.LOCATED_IN, "Bandung"), rels(x)
    event = next(e.name for e in x.entities if e.type is ET.EVENT)
    assert not has_rel(x, event, P.LOCATED_IN, "Bandung"), rels(x)


def test_both_bodies_named_before_sign(ex: Extractor) -> None:
    x = run(
        ex,
        "Balai Pelayanan Pelindungan Pekerja Migran Indonesia (BP3MI) Kepulauan Riau memperkuat "
        "kerja sama dengan Dinas Sosial Kota Batam. Pada Maret 2025, kedua instansi "
        "menandatangani nota kesepahaman tentang penanganan pekerja migran yang dideportasi.",
    )
    agreement = next(e.name for e in x.entities if e.type is ET.AGREEMENT)
    bp3mi = "Balai Pelayanan Pelindungan Pekerja Migran Indonesia Kepulauan Riau"
    for body in (bp3mi, "Dinas Sosial Kota Batam"):
        assert has_rel(x, body, P.SIGNS, agreement), rels(x)
        assert has_rel(x, body, P.PARTY_TO, agreement), rels(x)


def test_partners_written_with_a_description(ex: Extractor) -> None:
    x = run(
        ex,
        "KBRI Phnom Penh bekerja sama dengan pemerintah Kamboja dan lembaga swadaya masyarakat "
        "Jaringan Peduli Migran (JPM) memulangkan 40 WNI. Kerja sama Indonesia dan Kamboja "
        "di bidang ini dinilai penting.",
    )
    assert has_rel(x, "KBRI Phnom Penh", P.COLLABORATES_WITH, "Kamboja"), rels(x)
    assert has_rel(x, "KBRI Phnom Penh", P.COLLABORATES_WITH, "Jaringan Peduli Migran"), rels(x)
    assert has_rel(x, "Indonesia", P.COLLABORATES_WITH, "Kamboja"), rels(x)


def test_attendee_list_with_titles_leads_and_locatives(ex: Extractor) -> None:
    x = run(
        ex,
        "Peluncuran Program Kampung Migran Sehat digelar Dinas Kesehatan Kabupaten Kendal di "
        "Kendal, Jawa Tengah, Senin (3/3). Peluncuran Program Kampung Migran Sehat juga dihadiri "
        "oleh Wakil Bupati Kendal Sri Wahyuni, perwakilan Konsulat Jenderal Republik Indonesia "
        "di Hong Kong, serta Serikat Buruh Migran Indonesia (SBMI).",
    )
    event = next(e.name for e in x.entities if e.type is ET.EVENT)
    for who in ("Sri Wahyuni", "Konsulat Jenderal Republik Indonesia di Hong Kong", "SBMI"):
        assert has_rel(x, who, P.PARTICIPATES_IN, event), rels(x)
    assert not has_rel(x, "Jawa Tengah", P.ORGANIZES, event), rels(x)


def test_subject_and_partners_all_act(ex: Extractor) -> None:
    x = run(
        ex,
        "Pemerintah Kabupaten Sumbawa melalui Dinas Tenaga Kerja Kabupaten Sumbawa bekerja sama "
        "dengan Yayasan Tenaga Kerja Sejahtera meluncurkan Program Desa Migran Tangguh, "
        "Rabu (5/3).",
    )
    for actor in (
        "Pemerintah Kabupaten Sumbawa",
        "Dinas Tenaga Kerja Kabupaten Sumbawa",
        "Yayasan Tenaga Kerja Sejahtera",
    ):
        assert has_rel(x, actor, P.RUNS, "Program Desa Migran Tangguh"), rels(x)


def test_lowercase_title_after_a_name(ex: Extractor) -> None:
    x = run(
        ex,
        "Sarasehan pekerja migran digelar KJRI Hong Kong, Minggu (2/3). Wulan Setyaningsih, "
        "ketua Persatuan Pekerja Migran Indonesia Hong Kong (PPMI-HK), yang turut hadir dalam "
        "sarasehan, mengatakan banyak pekerja takut melapor.",
    )
    org = "Persatuan Pekerja Migran Indonesia Hong Kong"
    assert has_rel(x, "Wulan Setyaningsih", P.HOLDS_ROLE, org), rels(x)
    role = next(r.role for r in x.relations if r.p is P.HOLDS_ROLE)
    assert role is not None and role.startswith("ketua Persatuan")


def test_lowercase_title_after_sebagai(ex: Extractor) -> None:
    x = run(
        ex,
        "Laras Widyaningrum, yang tampil sebagai peneliti Pusat Kajian Migrasi Universitas "
        "Brawijaya, mengatakan sebagian besar remitansi habis untuk membangun rumah.",
    )
    assert has_rel(
        x, "Laras Widyaningrum", P.HOLDS_ROLE, "Pusat Kajian Migrasi Universitas Brawijaya"
    ), rels(x)


@pytest.mark.parametrize(
    ("text", "person", "body"),
    [
        (
            "Konsultasi dibuka oleh Wali Kota Bitung Maurits Lumentut.",
            "Maurits Lumentut",
            "Pemerintah Kota Bitung",
        ),
        (
            "Sosialisasi dibuka Bupati Lembata Yohanes Kiwan Langoday.",
            "Yohanes Kiwan Langoday",
            "Pemerintah Kabupaten Lembata",
        ),
    ],
)
def test_regional_head_of_a_region_the_gazetteer_lacks(
    ex: Extractor, text: str, person: str, body: str
) -> None:
    x = run(ex, text)
    assert has_rel(x, person, P.HOLDS_ROLE, body), rels(x)


def test_title_from_an_organisation_then_the_name(ex: Extractor) -> None:
    """ "<Title> dari <Org>, <Name>": the name holds the title in that organisation."""
    x = run(
        ex,
        "Hal itu disampaikan Kepala Seksi Penempatan dari Dinas Tenaga Kerja Kabupaten "
        "Cirebon, Agus Salimin, di Cirebon, Senin (3/3/2025).",
    )
    assert ent(x, "Agus Salimin").type is ET.PERSON
    assert has_rel(x, "Agus Salimin", P.HOLDS_ROLE, "Dinas Tenaga Kerja Kabupaten Cirebon")
    assert any(r.role == "Kepala Seksi Penempatan" for r in x.relations if r.p is P.HOLDS_ROLE)


def test_speaker_at_the_event_by_di_sela_or_usai(ex: Extractor) -> None:
    """ "..., kata X di sela kegiatan / usai rapat": X takes part in the story's event."""
    x = run(
        ex,
        "Dinas Tenaga Kerja Kabupaten Sambas menggelar Lokakarya Migrasi Aman di Sambas, "
        'Rabu (5/3/2025). "Kami ingin warga berangkat secara prosedural," ujar Kepala Dinas '
        "Tenaga Kerja Kabupaten Sambas, Rusmini Halim, di sela kegiatan. "
        '"Data desa harus diperbarui," kata Yosef Tambunan usai rapat.',
    )
    assert has_rel(x, "Rusmini Halim", P.PARTICIPATES_IN, "Lokakarya Migrasi Aman")
    assert has_rel(x, "Yosef Tambunan", P.PARTICIPATES_IN, "Lokakarya Migrasi Aman")


def test_programme_initiated_by_an_agent_without_oleh(ex: Extractor) -> None:
    x = run(
        ex,
        "Organisasinya mendampingi 40 desa melalui program Desa Peduli Buruh Migran "
        "(Desbumi) yang diinisiasi Migrant CARE sejak 2014.",
    )
    assert has_rel(x, "Migrant CARE", P.RUNS, "Desa Peduli Buruh Migran")


def test_post_abroad_with_di_place_before_the_name(ex: Extractor) -> None:
    """ "Duta Besar RI di Tokyo, Heri Akhmadi": a person holding a post in a place, not a
    place in Tokyo."""
    x = run(
        ex,
        "Duta Besar RI di Tokyo, Heri Akhmadi, menyampaikan hal itu di hadapan pekerja "
        "migran. Kepala Dinas Tenaga Kerja di Semarang, Imam Maskur, ikut hadir.",
    )
    for name in ("Heri Akhmadi", "Imam Maskur"):
        assert ent(x, name).type is ET.PERSON
    assert has_rel(x, "Heri Akhmadi", P.HOLDS_ROLE, "Indonesia")
    assert any(r.role == "Duta Besar RI di Tokyo" for r in x.relations if r.p is P.HOLDS_ROLE)
    assert not any(p == "locatedIn" for _s, p, _o in rels(x) if _o in {"Heri Akhmadi"})


def test_place_chains_after_asal_melalui_ke(ex: Extractor) -> None:
    """ "asal Blitar, Jawa Timur", "melalui Myawaddy, Myanmar": the region contains the
    place; a list of peers after "ke" is no chain."""
    x = run(
        ex,
        "Korban asal Blitar, Jawa Timur, keluar melalui Myawaddy, Myanmar, lalu menyeberang "
        "ke Mae Sot, Thailand. Mereka lalu dikirim ke Jakarta, Surabaya, dan Medan.",
    )
    assert has_rel(x, "Blitar", P.LOCATED_IN, "Jawa Timur")
    assert has_rel(x, "Myawaddy", P.LOCATED_IN, "Myanmar")
    assert has_rel(x, "Mae Sot", P.LOCATED_IN, "Thailand")
    assert not has_rel(x, "Jakarta", P.LOCATED_IN, "Surabaya")
