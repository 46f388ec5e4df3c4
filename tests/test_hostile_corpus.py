"""More hostile input through ``kg build`` (issue 9, point 1), beyond the corpus of
``test_reliability.py``: hostile file names and JSONL fields, lone surrogates,
invisible-only text, control characters, FIFOs, device symlinks, UTF-32, and rich
console markup in names. Generated in a temporary directory by the test.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import rdflib
from fixtures_kg import store_nquads
from test_reliability import IRI_OK, _extraction_names

from graph.build import build
from graph.cli import main
from graph.defaults import SAMPLE_CORPUS_DIR

BASE = (
    "Jakarta - Menteri Ketenagakerjaan Yassierli bertemu Direktur ILO Jakarta, Simrin Singh, "
    "di Jakarta, Senin (3/3). "
)
WEIRD_NAME = 'we"ird <b>{x}\\ ]]> [red]n.txt'
RECORDS = [
    {  # 1: every field hostile; kept, its URL dropped (not http)
        "id": 'evil"<id>{x}\\ ]]>\n',
        "url": "javascript:alert(1)",
        "title": "<script>alert(1)</script>",
        "text": BASE + 'Kepala BP2MI, Abdul "Ucok" Kadir, hadir.',
    },
    {"id": "surrogate", "text": BASE + "Ada \ud800 di sini."},  # 2
    {  # 3: control, zero-width and RTL characters, a URL needing escapes
        "id": "ctrl",
        "url": 'https://example.org/a b<c>"d"{e}',
        "text": BASE
        + "Kontrol \x0b\x01\x7f\x1f karakter. "
        + "Kepala Dinas, Rina\u200d Sari\u202e, hadir.",
    },
    {"id": "invisible", "text": "\u200b\u200c\u2060 \u00a0\u202e"},  # 4
    {"id": "number", "text": 5},  # 5
    {"id": "[/bold]", "url": "https://example.org/dup", "text": BASE + "Satu."},  # 6
    {"id": "dup2", "url": "https://example.org/dup", "text": BASE + "Dua."},  # 7: same URL
    {"id": "cr", "text": BASE.replace(". ", ".\r") + "\r\nKepala BP2MI hadir.\r"},  # 8
]
#: path (relative to the corpus) -> words its skip message must contain
EXPECTED = {
    "feed.jsonl:2": "lone surrogate \\ud800",
    "feed.jsonl:4": "only spaces, punctuation or invisible characters",
    "feed.jsonl:5": "'text' is not a string (int)",
    "feed.jsonl:7": "duplicate of article '[/bold]'",
    "fifo.txt": "empty file",
    "zero.txt": "empty file",
    "nul.txt": "binary content",
    "[red]empty.md": "empty file",
}


def _corpus(root: Path) -> Path:
    root.mkdir()
    shutil.copy(SAMPLE_CORPUS_DIR / "m01.txt", root / "m01.txt")
    with (root / "feed.jsonl").open("w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps(r) + "\n")
    (root / WEIRD_NAME).write_text(BASE + "Kepala BP2MI, Benny Rhamdani, hadir.")
    (root / "nul.txt").write_bytes(("Teks \x00 " + BASE).encode())
    (root / "mixed.txt").write_bytes(BASE.encode() + b"\xff\xfe\x81 " + b"Wakil Menteri hadir.")
    (root / "utf32.txt").write_bytes((BASE + "Tiga puluh dua.").encode("utf-32"))
    (root / "[red]empty.md").write_bytes(b"")
    os.mkfifo(root / "fifo.txt")  # would block a reader that opens it
    os.symlink("/dev/zero", root / "zero.txt")  # would never end
    os.symlink("loop", root / "loop")  # a symlink to itself
    return root


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hostile2")
    corpus = _corpus(root / "corpus")
    out = root / "out"
    code = main(["build", str(corpus), "--out", str(out), "--workers", "1"])
    alone = root / "alone"
    build([corpus / "m01.txt"], alone, workers=1, view=False, exports=False)
    summary = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return {"code": code, "corpus": corpus, "out": out, "alone": alone, "summary": summary}


def test_each_bad_input_is_named_with_its_reason(run: dict) -> None:
    assert run["code"] == 0
    skipped = {
        str(Path(s["path"]).relative_to(run["corpus"])): s["reason"]
        for s in run["summary"]["skipped"]
    }
    for where, words in EXPECTED.items():
        assert where in skipped and words in skipped[where], (where, skipped)
    assert len(skipped) == len(EXPECTED), skipped  # nothing else was refused


def test_cli_messages_print_names_verbatim(
    run: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Console markup in a file name or an article id is printed, not interpreted
    (it used to raise rich's MarkupError after the build, or eat ``[red]``)."""
    out = tmp_path / "again"
    assert main(["build", str(run["corpus"]), "--out", str(out), "--no-view"]) == 0
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert "[red]empty.md: empty file" in text
    assert "duplicate of article '[/bold]'" in text and "Traceback" not in text
    # the same names in the tables of `kg corpus` and `kg query`
    assert main(["corpus", str(run["corpus"])]) == 0
    query = "SELECT ?n WHERE { ?a mo:name ?n } ORDER BY ?n"
    assert main(["query", query, "--store", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.count("[/bold]") == 2 and "[red]empty.md" in printed.err


def test_good_inputs_are_all_built_and_the_graph_is_valid(run: dict) -> None:
    names = _extraction_names(run["out"])
    assert names["m01"] == _extraction_names(run["alone"])["m01"] and len(names["m01"]) > 5
    built = set(names)
    assert {"m01", "mixed", "utf32", "ctrl", "cr", "[/bold]", Path(WEIRD_NAME).stem} <= built
    assert 'evil"<id>{x}\\ ]]>' in built
    assert run["summary"]["validation"]["conforms"], run["summary"]["validation"]
    quads = store_nquads(run["out"])
    assert all(IRI_OK.match(q.split(" ", 1)[0]) for q in quads)
    ds = rdflib.Dataset()
    ds.parse(run["out"] / "graph.trig", format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == len(quads)
    urls = {str(o) for _, _, o, _ in ds.quads((None, rdflib.SDO.url, None, None))}
    assert urls and all(u.startswith("https://") for u in urls), urls
    assert "https://example.org/a%20b%3Cc%3E%22d%22%7Be%7D" in urls
    html = (run["out"] / "graph.html").read_text(encoding="utf-8")
    data = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]  # the graph, as JSON
    assert "javascript:" not in data and "alert(1)" in data and "<script>alert" not in html
