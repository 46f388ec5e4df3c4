"""Syndication de-duplication: a wire story republished by several outlets counts once.

The stories are invented for this test (fictional people, real institutions).
"""

from __future__ import annotations

import hashlib
import itertools
import random
from dataclasses import replace
from pathlib import Path

import pytest

from graph.build import build
from graph.dedup import Signer, SyndicationIndex, dedup, find_syndication
from graph.model import Article
from graph.store import open_store

STORY = [
    "Kementerian Ketenagakerjaan (Kemnaker) bersama Organisasi Internasional untuk Migrasi "
    "(IOM) menggelar Lokakarya Nasional Perekrutan Adil di Surabaya, Kamis (14/3/2024). "
    "Lokakarya itu diikuti petugas dinas tenaga kerja dari dua belas kabupaten.",
    "Direktur Bina Penempatan Pekerja Migran Indonesia Kemnaker, Wulan Prameswari, mengatakan "
    "perekrutan yang adil harus dimulai dari desa asal calon pekerja.",
    "\u201cCalon pekerja migran berhak mendapat informasi yang benar sebelum menandatangani "
    "kontrak apa pun,\u201d kata Wulan dalam sambutannya.",
    "Kepala Misi IOM Indonesia, Daniel Hartmann, menyebut pihaknya akan melatih dua ratus "
    "petugas penempatan sepanjang tahun ini. \u201cKami ingin petugas di daerah mampu mengenali "
    "tanda-tanda perekrutan yang menipu,\u201d ujar Daniel.",
    "Menurut Wulan, pengaduan tentang biaya penempatan yang berlebihan masih menjadi masalah "
    "terbesar di daerah asal pekerja migran, terutama di kabupaten yang jauh dari kota.",
]
OTHER_STORY = [
    "Badan Pelindungan Pekerja Migran Indonesia (BP2MI) memulangkan empat puluh pekerja migran "
    "dari Malaysia melalui Pelabuhan Dumai, Senin (8/4/2024).",
    "Kepala BP2MI, Rahmat Siregar, mengatakan sebagian besar dari mereka berangkat tanpa "
    "dokumen resmi dan bekerja di perkebunan kelapa sawit selama bertahun-tahun.",
    "\u201cKami meminta pemerintah daerah memperketat pengawasan terhadap calo yang merekrut "
    "warga desa dengan janji gaji tinggi,\u201d kata Rahmat kepada wartawan di Dumai.",
    "Para pekerja itu akan menjalani pemeriksaan kesehatan sebelum dipulangkan ke daerah "
    "asal masing-masing di Sumatera Utara, Riau, dan Nusa Tenggara Barat.",
]


def article(
    name: str, text: str, url: str, published: str | None = "2024-03-14", source: str = ""
) -> Article:
    return Article(
        id=hashlib.sha256(url.encode()).hexdigest()[:16],
        name=name,
        text=text,
        title=text.split("\n", 1)[0][:60],
        url=url,
        published=published,
        source=source or None,
        path=f"{name}.txt",
        story_span=(0, len(text)),
        content_hash=hashlib.sha256(f"{url}\x1f{text}".encode()).hexdigest(),
    )


def syndicated_set() -> list[Article]:
    """The original wire story and two outlets' copies (new dateline, a dropped
    paragraph, a different headline), plus an unrelated story."""
    body = "\n\n".join(STORY)
    return [
        article("antara", "Surabaya (ANTARA) - " + body, "https://antara.example/berita/1"),
        article(
            "kompas",
            "Kemnaker dan IOM Latih Petugas Penempatan\n\nKOMPAS.com - " + "\n\n".join(STORY[:4]),
            "https://kompas.example/read/2",
            published="2024-03-15",
            source="Kompas",
        ),
        article(
            "daerah",
            "SURABAYA - " + body + "\n\nBaca juga: Harga cabai naik lagi",
            "https://daerah.example/3",
            published="2024-03-15",
        ),
        article("other", "Dumai (ANTARA) - " + "\n\n".join(OTHER_STORY), "https://o.example/4"),
    ]


def test_near_duplicates_form_one_group_with_every_url() -> None:
    arts = syndicated_set()
    synd = find_syndication(arts)
    antara, kompas, daerah, other = (a.id for a in arts)
    assert list(synd.copies) == [antara] and set(synd.copies[antara]) == {kompas, daerah}
    assert synd.canonical_of == {kompas: antara, daerah: antara}
    assert synd.urls[antara] == (
        "https://antara.example/berita/1",
        "https://daerah.example/3",
        "https://kompas.example/read/2",
    )
    assert not synd.is_copy(other) and other not in synd.copies
    kept = dedup(arts)
    assert [a.name for a in kept] == ["antara", "other"]
    assert kept[0].urls == synd.urls[antara] and kept[1].urls == ()


def test_groups_do_not_depend_on_input_order() -> None:
    arts = syndicated_set()
    reference = find_syndication(arts)
    for perm in itertools.permutations(arts):
        assert find_syndication(perm) == reference
    rnd = random.Random(5)
    many = [*arts, *(replace(a, id=a.id + "x", url=a.url + "x") for a in arts)]
    reference = find_syndication(many)
    for _ in range(10):
        rnd.shuffle(many)
        assert find_syndication(many) == reference


def test_earliest_article_represents_the_group() -> None:
    arts = syndicated_set()
    later = replace(arts[0], published="2024-03-20")  # the Antara copy now came last
    synd = find_syndication([later, *arts[1:]])
    canon = next(iter(synd.copies))
    assert canon == arts[1].id or canon == arts[2].id  # a 2024-03-15 copy
    assert canon == min((arts[1], arts[2]), key=lambda a: a.id).id


def test_different_stories_and_short_texts_stay_apart() -> None:
    short = "Kemnaker dan IOM menggelar lokakarya di Surabaya."
    arts = [article(f"s{i}", short, f"https://s.example/{i}") for i in range(3)]
    assert find_syndication(arts).copies == {}  # under MIN_WORDS: never grouped
    # same event, reported in other words by another outlet: not a copy
    rewritten = (
        "Surabaya - Petugas dinas tenaga kerja dari dua belas kabupaten mengikuti lokakarya "
        "perekrutan adil yang diadakan Kemnaker dan IOM. Wulan Prameswari dari Kemnaker "
        "menegaskan bahwa desa asal adalah titik awal perekrutan yang adil, sementara Daniel "
        "Hartmann dari IOM berjanji melatih dua ratus petugas penempatan tahun ini. Pengaduan "
        "soal biaya penempatan masih banyak, terutama dari kabupaten yang jauh dari kota."
    )
    pair = [syndicated_set()[0], article("rewrite", rewritten, "https://r.example/5")]
    assert find_syndication(pair).copies == {}


def test_signatures_are_deterministic_and_compact() -> None:
    text = "\n\n".join(STORY)
    a, b = Signer().signature(text), Signer().signature(text)
    assert a is not None and b is not None
    assert a.dtype.itemsize == 4 and len(a) == 64 and (a == b).all()
    # fixed seed and permutations: the signature is the same on every run and machine
    assert int(a[0]) == int(Signer().signature(text)[0])
    index = SyndicationIndex()
    for art in syndicated_set():
        index.add(art)
    assert len(index) == 4
    only = {syndicated_set()[1].id, syndicated_set()[3].id}
    assert index.groups(among=only).copies == {}  # the copy alone is no group


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The four articles built with and without de-duplication (real extractor)."""
    root = tmp_path_factory.mktemp("dedup")
    reports = {}
    for mode in (True, False):
        out = root / ("dedup" if mode else "plain")
        reports[mode] = build(
            out=out, articles=syndicated_set(), dedup=mode, validate=True, view=False
        )
    return root, reports


def _rows(out: Path, sparql: str) -> list[tuple]:
    store = open_store(out, read_only=True)
    try:
        return store.query(sparql).rows
    finally:
        store.close()


EVIDENCE = """SELECT ?article ?sentence WHERE {
  ?a a mo:Assertion ; rdf:predicate mo:holdsRole ; rdf:subject ?p ;
     mo:evidenceText ?sentence ; prov:wasDerivedFrom ?article .
  ?p skos:prefLabel "Wulan Prameswari" .
}"""


def test_build_counts_a_syndicated_story_once_with_all_urls(built) -> None:
    root, reports = built
    rep = reports[True]
    assert rep.articles == 4 and rep.graphs_written == 2
    assert rep.syndicated == {"antara": ["daerah", "kompas"]}
    assert rep.validation is not None and rep.validation["conforms"], rep.validation
    # one evidence set: the holdsRole of Wulan is asserted by one article, not three
    rows = _rows(root / "dedup", EVIDENCE)
    assert len(rows) == 1
    plain = _rows(root / "plain", EVIDENCE)
    assert len(plain) == 3 and reports[False].syndicated == {}
    # every source URL is kept on the article that stands for the story
    urls = _rows(
        root / "dedup",
        'SELECT ?url WHERE { ?a mo:name "antara" ; schema:url ?url } ORDER BY ?url',
    )
    assert [str(u) for (u,) in urls] == [
        "https://antara.example/berita/1",
        "https://daerah.example/3",
        "https://kompas.example/read/2",
    ]
    names = _rows(root / "dedup", "SELECT ?n WHERE { ?a a mo:Article ; mo:name ?n } ORDER BY ?n")
    assert [str(n) for (n,) in names] == ["antara", "other"]


def test_new_copy_updates_the_story_incrementally(tmp_path: Path) -> None:
    """A copy that arrives later rewrites only the story's graph (its URLs changed)."""
    out = tmp_path / "out"
    arts = syndicated_set()
    build(out=out, articles=[arts[0], arts[3]], validate=False, view=False)
    rep = build(out=out, articles=arts, validate=False, view=False)
    assert rep.extracted == 2 and rep.graphs_written == 1 and rep.deleted == 0
    urls = _rows(out, 'SELECT ?url WHERE { ?a mo:name "antara" ; schema:url ?url }')
    assert len(urls) == 3
    # the copies disappear again: the story goes back to its own URL
    rep = build(out=out, articles=[arts[0], arts[3]], validate=False, view=False)
    assert rep.graphs_written == 1 and rep.syndicated == {}
    assert len(_rows(out, 'SELECT ?url WHERE { ?a mo:name "antara" ; schema:url ?url }')) == 1
