"""Reading a corpus: formats, Article fields, ordering, streaming, and every kind of bad input.

Each bad-input test puts a hostile file next to a good one and checks both: the skip
record names the file (and line) and the reason, and the good article was still read.
Hostile files are generated here; nothing binary is committed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from graph.corpus import ReadStats, Skipped, iter_corpus, read_corpus, summarise
from graph.corpus.article import digest
from graph.defaults import SAMPLE_CORPUS_DIR
from graph.model import Article

STORY = (
    "Kemnaker Buka Layanan Pengaduan Pekerja Migran\n\n"
    "Jakarta, 3 Maret 2025 - Kementerian Ketenagakerjaan membuka layanan pengaduan daring "
    "bagi pekerja migran dan keluarganya yang mengalami masalah di negara tujuan.\n\n"
    "“Semua pengaduan akan kami tindak lanjuti dalam tujuh hari kerja,” kata pejabat Kemnaker."
)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(STORY, encoding="utf-8")
    return d


def _read(*paths: Path, **kw) -> tuple[list[Article], list[Skipped]]:
    return read_corpus(list(paths), **kw)


def _one_skip(skipped: list[Skipped], name: str) -> Skipped:
    hits = [s for s in skipped if name in s.path]
    assert len(hits) == 1, skipped
    return hits[0]


def _good_read(articles: list[Article]) -> None:
    assert [a.name for a in articles] == ["good"]
    assert articles[0].text == STORY


# --------------------------------------------------------------------------- formats


def test_sample_corpus_formats_and_fields() -> None:
    stats = ReadStats()
    articles, skipped = read_corpus([SAMPLE_CORPUS_DIR], stats=stats)
    assert not skipped
    names = [a.name for a in articles]
    assert names == ["m11", "m12", *[f"m{i:02d}" for i in range(1, 11)]]  # sorted paths
    assert stats.ignored == {"annotation": 12, "documentation": 1}  # *.gold.json, README.md
    by = {a.name: a for a in articles}
    m10 = by["m10"]  # HTML: trafilatura text and metadata
    assert m10.title == "KemenPPPA dan UN Women Gelar Dialog Nasional Pekerja Migran Perempuan"
    assert m10.url and m10.url.startswith("https://kabarmigran.example/")
    assert m10.source == "Kabar Migran" and m10.published == "2024-05-08"
    assert "Beranda" not in m10.text and "Haryo Nugroho" not in m10.text
    assert m10.id == hashlib.sha256(m10.url.encode()).hexdigest()[:16]
    m11 = by["m11"]  # JSONL: fields of the line
    assert m11.path == f"{SAMPLE_CORPUS_DIR / 'feed.jsonl'}:1" and m11.source == "Republika"
    m01 = by["m01"]  # text: no URL, id from the kept text
    assert m01.url is None and m01.id == hashlib.sha256(m01.text.encode()).hexdigest()[:16]
    assert m01.content_hash == digest(m01.text, m01.title, None, m01.published, None)
    raw = (SAMPLE_CORPUS_DIR / "m01.txt").read_text(encoding="utf-8")
    assert m01.text == raw[m01.story_span[0] : m01.story_span[1]]
    summary = summarise(articles, skipped, stats)
    assert summary["articles"] == 12 and summary["ignored"]["annotation"] == 12
    assert summary["published"] == {"metadata": 3, "text": 7, "unknown": 2}


def test_title_rule_for_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Judul Berita Markdown\n\n" + STORY.split("\n\n", 1)[1])
    (tmp_path / "b.txt").write_text(STORY.split("\n\n", 1)[1])  # starts with the body
    articles, _ = _read(tmp_path)
    assert {a.name: a.title for a in articles} == {"a": "Judul Berita Markdown", "b": None}
    assert articles[0].text.startswith("# Judul")  # the text itself is not rewritten


def test_jsonl_names_and_metadata(tmp_path: Path) -> None:
    lines = [
        {"id": "x1", "text": STORY, "url": "https://a.example/1", "published": "2025-03-04T08:00"},
        {"text": STORY + " Tambahan.", "title": "Judul", "source": "Situs"},
        {"id": 7, "text": STORY + " Lagi.", "published": "bukan tanggal"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    articles, skipped = _read(tmp_path)
    assert not skipped
    assert [a.name for a in articles] == ["x1", "feed-2", "7"]
    a, b, c = articles
    assert (a.published, a.published_how) == ("2025-03-04", "metadata")
    assert a.id == hashlib.sha256(b"https://a.example/1").hexdigest()[:16]
    assert (b.title, b.source) == ("Judul", "Situs")
    assert (c.published, c.published_how) == ("2025-03-03", "text")  # bad metadata: the dateline


def test_content_hash_follows_metadata(tmp_path: Path) -> None:
    (tmp_path / "f.jsonl").write_text(
        json.dumps({"id": "a", "text": STORY, "title": "Satu"})
        + "\n"
        + json.dumps({"id": "b", "text": STORY, "title": "Dua"})
        + "\n"
    )
    a, b = _read(tmp_path)[0]
    assert a.id == b.id  # same story, no URL
    assert a.content_hash != b.content_hash


def test_streaming_reads_one_file_at_a_time(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"{STORY} Nomor {i}.")
    stats = ReadStats()
    it = iter_corpus([tmp_path], stats=stats)
    first = next(it)
    assert isinstance(first, Article) and first.name == "a0"
    assert stats.files == 1
    assert [a.name for a in it] == ["a1", "a2", "a3", "a4"]


def test_order_is_sorted_whatever_the_argument_order(tmp_path: Path) -> None:
    for name in ("b", "a"):
        sub = tmp_path / name
        (sub / "deep").mkdir(parents=True)
        (sub / "z.txt").write_text(f"{STORY} {name}z")
        (sub / "deep" / "y.txt").write_text(f"{STORY} {name}y")
    one = [a.path for a in _read(tmp_path / "b", tmp_path / "a")[0]]
    two = [a.path for a in _read(tmp_path / "a", tmp_path / "b")[0]]
    assert one == two and len(one) == 4 and one[0].endswith("a/deep/y.txt")


# --------------------------------------------------------------------------- bad input


def test_empty_file(corpus_dir: Path) -> None:
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "blank.txt").write_text("  \n\n\t\n")
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    assert _one_skip(skipped, "empty.txt").reason == "empty file"
    assert _one_skip(skipped, "blank.txt").reason == "empty file (only whitespace)"


def test_binary_file(corpus_dir: Path) -> None:
    (corpus_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    s = _one_skip(skipped, "image.txt")
    assert s.path.endswith("image.txt") and s.reason == "not text: binary content (NUL bytes)"


def test_undecodable_bytes(corpus_dir: Path) -> None:
    (corpus_dir / "noise.txt").write_bytes(bytes(0x80 + i % 100 for i in range(600)))
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    assert _one_skip(skipped, "noise.txt").reason.startswith("not text:")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("cp1252", "cp1252"), ("utf-16", "utf-16"), ("utf-16-le", "utf_16_le")],
)
def test_non_utf8_text_is_read_and_noted(corpus_dir: Path, encoding: str, expected: str) -> None:
    text = STORY.replace("Jakarta", "Jakarta (Café Müller)")
    (corpus_dir / "legacy.txt").write_bytes(text.encode(encoding))
    stats = ReadStats()
    articles, skipped = _read(corpus_dir, stats=stats)
    assert not skipped
    by = {a.name: a for a in articles}
    assert by["legacy"].text == text  # curly quotes, accents and all
    assert stats.encodings == {str(corpus_dir / "legacy.txt"): expected}
    assert by["good"].text == STORY


def test_utf8_bom_is_stripped(corpus_dir: Path) -> None:
    (corpus_dir / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    (corpus_dir / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": STORY}).encode())
    articles, skipped = _read(corpus_dir)
    assert not skipped
    assert all(a.text == STORY for a in articles) and len(articles) == 3


def test_file_over_max_bytes_is_never_read(corpus_dir: Path, monkeypatch) -> None:
    big = corpus_dir / "big.txt"
    big.write_text(STORY * 50)
    real_open = Path.open

    def guarded(self: Path, *a, **kw):
        assert self.name != "big.txt", "an over-size file was opened"
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", guarded)
    articles, skipped = _read(corpus_dir, max_bytes=2000)
    _good_read(articles)
    s = _one_skip(skipped, "big.txt")
    size = big.stat().st_size
    assert s.reason == f"file is too large: {size:,} bytes, over the limit of 2,000 bytes"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><<<>>></span></tr>&&&</body",
        "<html><head><title>T</title></head><body><nav><a href='/'>Beranda</a></nav><script>",
        "\x3c!-- only a comment --",
    ],
)
def test_malformed_html_without_main_text(corpus_dir: Path, html: str) -> None:
    (corpus_dir / "broken.html").write_text(html)
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    assert _one_skip(skipped, "broken.html").reason == "no main text found in the HTML"


def test_deeply_nested_html_does_not_crash(corpus_dir: Path) -> None:
    depth = 50_000
    html = "<html><body>" + "<div>" * depth + "<p>teks</p>" + "</div>" * depth + "</body></html>"
    (corpus_dir / "deep.html").write_text(html)
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    s = _one_skip(skipped, "deep.html")
    assert s.reason.startswith(("malformed HTML", "no main text found"))


def test_jsonl_bad_lines_are_skipped_and_the_rest_read(corpus_dir: Path) -> None:
    rows = [
        json.dumps({"id": "ok1", "text": STORY}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x", "title": "no text"}),
        json.dumps({"id": "y", "text": 42}),
        json.dumps({"id": "z", "text": "   "}),
        "",
        json.dumps({"id": "ok2", "text": STORY + " Dua."}),
    ]
    (corpus_dir / "feed.jsonl").write_text("\n".join(rows))
    articles, skipped = _read(corpus_dir)
    assert [a.name for a in articles] == ["ok1", "ok2", "good"]
    reasons = {s.path.rsplit(":", 1)[1]: s.reason for s in skipped}
    assert all(s.path.startswith(str(corpus_dir / "feed.jsonl") + ":") for s in skipped)
    assert reasons["2"].startswith("not JSON: ")
    assert reasons["3"] == "not a JSON object (a list)"
    assert reasons["4"] == "no article text: field 'text' is missing"
    assert reasons["5"] == "no article text: field 'text' is not a string (int)"
    assert reasons["6"] == "no article text: field 'text' is empty"
    assert set(reasons) == {"2", "3", "4", "5", "6"}


def test_jsonl_line_over_max_bytes(corpus_dir: Path) -> None:
    rows = [json.dumps({"text": "x " * 3000}), json.dumps({"id": "kecil", "text": STORY})]
    (corpus_dir / "feed.jsonl").write_text("\n".join(rows) + "\n")
    articles, skipped = _read(corpus_dir, max_bytes=1000)
    assert [a.name for a in articles] == ["kecil", "good"]
    s = _one_skip(skipped, "feed.jsonl")
    assert s.path.endswith("feed.jsonl:1") and s.reason.startswith("line is too long")


def test_unreadable_file(corpus_dir: Path, monkeypatch) -> None:
    (corpus_dir / "locked.txt").write_text(STORY)
    real_open = Path.open

    def deny(self: Path, *a, **kw):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", deny)
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    assert _one_skip(skipped, "locked.txt").reason == "cannot read file: Permission denied"


def test_nonexistent_path(corpus_dir: Path) -> None:
    articles, skipped = _read(corpus_dir, corpus_dir / "nowhere")
    _good_read(articles)
    s = _one_skip(skipped, "nowhere")
    assert s == Skipped(str(corpus_dir / "nowhere"), "no such file or directory")


def test_directory_without_corpus_files(corpus_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "README.md").write_text("# readme")
    (docs / "notes.pdf").write_bytes(b"%PDF-1.4")
    stats = ReadStats()
    articles, skipped = _read(corpus_dir, docs, stats=stats)
    _good_read(articles)
    s = _one_skip(skipped, "docs")
    assert s.reason.startswith("no corpus files (.htm, .html, .jsonl, .md, .txt)")
    assert stats.ignored == {"documentation": 1, "other": 1}


def test_unsupported_single_file(corpus_dir: Path) -> None:
    pdf = corpus_dir.parent / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    articles, skipped = _read(corpus_dir, pdf)
    _good_read(articles)
    assert _one_skip(skipped, "report.pdf").reason.startswith("unsupported file type '.pdf'")


def test_page_of_only_boilerplate(corpus_dir: Path) -> None:
    (corpus_dir / "ads.txt").write_text("ADVERTISEMENT\n\nBaca juga: Harga Emas Naik\n")
    articles, skipped = _read(corpus_dir)
    _good_read(articles)
    assert _one_skip(skipped, "ads.txt").reason == "no story text left after removing boilerplate"


def test_documentation_and_annotations_are_ignored_not_skipped(corpus_dir: Path) -> None:
    for name in ("README.md", "LICENSE", "CHANGELOG.txt", "good.gold.json", "meta.json"):
        (corpus_dir / name).write_text("x")
    (corpus_dir / ".hidden.txt").write_text(STORY)
    stats = ReadStats()
    articles, skipped = _read(corpus_dir, stats=stats)
    _good_read(articles)
    assert skipped == []
    assert stats.ignored == {"documentation": 3, "annotation": 2}
