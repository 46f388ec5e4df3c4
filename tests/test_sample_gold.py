"""The bundled gold files obey the invariants of the gold format.

``corpus/sample`` and ``corpus/heldout`` are the yardstick ``kg eval`` scores the
extractor against, and ``corpus/tuning`` is the extra development set rules are
written against, so a dangling id, a quote that is not in the text or a noise
name that also occurs in the story would silently skew every score. The checks
follow ``../shared/corpus/README.md`` sections 3-5 and 9 (C14-C32).

Where the story part of a page starts and ends is declared per article in the
corpus README (columns "story starts" / "story ends" / "inline boilerplate"), so
the noise check does not depend on the project's own boilerplate remover.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
import trafilatura

from graph.defaults import PROJECT_DIR, SAMPLE_CORPUS_DIR
from graph.model import EntityType, Predicate
from graph.names import norm, qnorm
from graph.ontology import load_ontology

HELDOUT_DIR = PROJECT_DIR / "corpus" / "heldout"
TUNING_DIR = PROJECT_DIR / "corpus" / "tuning"
CORPORA = {"sample": SAMPLE_CORPUS_DIR, "heldout": HELDOUT_DIR, "tuning": TUNING_DIR}

GOLD_KEYS = {"article", "published", "entities", "relations", "quotes", "noise"}
JSONL_KEYS = {"id", "url", "title", "published", "source", "text"}

#: Marks that may open a quotation in scraped text (README section 9, C31).
OPENING_MARKS = ('"', "\u201c", "\u201d", "\u2018\u2019", "''")

_ROW = re.compile(r"^\|\s*([A-Za-z0-9_-]+)\s*\|")
_TICKED = re.compile(r"`([^`]+)`")
_PUBLISHED_META = re.compile(r'property="article:published_time"\s+content="(\d{4}-\d\d-\d\d)')


@dataclass(frozen=True)
class Page:
    """One article of a corpus: the text the gold refers to, and where its story is."""

    article: str
    source: Path
    text: str  # what the gold refers to (trafilatura output for HTML)
    page: str  # every visible character of the page (noise lives here)
    published_meta: str | None  # date the page's metadata gives, if any
    story: str  # text[start marker .. end marker] minus inline boilerplate lines


def _bounded(needle: str, haystack: str) -> bool:
    """``needle`` occurs in ``haystack`` as whole words after ``norm``."""
    n = norm(needle)
    return bool(n) and f" {n} " in f" {norm(haystack)} "


def _occurs(form: str, text: str) -> bool:
    """Literally, or as whole words after ``norm`` (scraped text glues and splits words)."""
    return form in text or _bounded(form, text)


def _story_table(corpus: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Rows of the corpus README: id -> (story starts, story ends, inline boilerplate prefixes)."""
    rows: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for line in (corpus / "README.md").read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if not m:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 8:
            continue
        starts, ends, inline = (_TICKED.findall(c) for c in cells[5:8])
        if len(starts) == 1 and len(ends) == 1:
            rows[m.group(1)] = (starts[0], ends[0], tuple(inline))
    return rows


def _story(text: str, start: str, end: str, inline: tuple[str, ...], where: str) -> str:
    i = text.find(start)
    assert i >= 0, f"{where}: story start marker {start!r} not in text"
    j = text.find(end, i)
    assert j >= 0, f"{where}: story end marker {end!r} not after the start"
    lines = text[i : j + len(end)].split("\n")
    return "\n".join(ln for ln in lines if not (inline and ln.lstrip().startswith(inline)))


def _visible_text(html: str) -> str:
    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    return root.text_content()


def _raw_articles(corpus: Path) -> list[tuple[str, Path, str, str, str | None]]:
    """(article id, file, text, page text, metadata date) for every article of a folder."""
    out = []
    for path in sorted(corpus.iterdir()):
        if path.suffix == ".txt":
            raw = path.read_bytes()
            assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: BOM"
            assert b"\r" not in raw, f"{path.name}: CR line ends"
            text = raw.decode("utf-8")
            out.append((path.stem, path, text, text, None))
        elif path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            text = trafilatura.extract(html)
            assert text, f"{path.name}: trafilatura extracted nothing"
            meta = _PUBLISHED_META.search(html)
            out.append((path.stem, path, text, _visible_text(html), meta and meta.group(1)))
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                assert set(rec) == JSONL_KEYS, f"{path.name}:{n}: fields {sorted(rec)}"
                text = rec["text"]
                out.append((rec["id"], path, text, text, rec["published"]))
    return out


def _pages(corpus: Path) -> dict[str, Page]:
    table = _story_table(corpus)
    pages = {}
    for art, path, text, page, meta in _raw_articles(corpus):
        assert art not in pages, f"{corpus.name}: article id {art} twice"
        assert art in table, f"{corpus.name}/README.md: no story row for {art}"
        start, end, inline = table[art]
        story = _story(text, start, end, inline, f"{path.name} ({art})")
        pages[art] = Page(art, path, text, page, meta, story)
    return pages


_CACHE: dict[str, dict[str, Page]] = {}


def pages_of(name: str) -> dict[str, Page]:
    if name not in _CACHE:
        _CACHE[name] = _pages(CORPORA[name])
    return _CACHE[name]


def _gold_params() -> list[tuple[str, str]]:
    return [
        (name, p.name.removesuffix(".gold.json"))
        for name, d in CORPORA.items()
        for p in sorted(d.glob("*.gold.json"))
    ]


def _load_gold(name: str, art: str) -> dict:
    return json.loads((CORPORA[name] / f"{art}.gold.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- per file


@pytest.mark.parametrize(("corpus", "art"), _gold_params())
def test_gold_file(corpus: str, art: str) -> None:
    gold = _load_gold(corpus, art)
    page = pages_of(corpus).get(art)
    where = f"{corpus}/{art}"
    assert page is not None, f"{where}: gold file without an article"
    assert set(gold) == GOLD_KEYS, f"{where}: keys {sorted(gold)}"
    assert gold["article"] == art

    _check_published(gold["published"], page, where)
    ents = _check_entities(gold, page, where)
    _check_relations(gold["relations"], ents, where)
    _check_quotes(gold["quotes"], ents, page, where)
    _check_noise(gold["noise"], gold["entities"], page, where)


def _check_published(published: str | None, page: Page, where: str) -> None:
    if published is not None:
        dt.date.fromisoformat(published)
    if page.published_meta is not None:
        assert published == page.published_meta, f"{where}: published differs from page metadata"


def _check_entities(gold: dict, page: Page, where: str) -> dict[str, dict]:
    entities = gold["entities"]
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), f"{where}: duplicate entity ids"
    form_owner: dict[str, str] = {}
    for e in entities:
        assert set(e) == {"id", "name", "type", "aliases"}, f"{where} {e['id']}: keys {sorted(e)}"
        EntityType(e["type"])
        assert isinstance(e["aliases"], list)
        forms = [e["name"], *e["aliases"]]
        assert all(isinstance(f, str) and norm(f) for f in forms), f"{where} {e['id']}: empty form"
        normed = {norm(f) for f in forms}
        assert len(normed) == len(forms), f"{where} {e['id']}: an alias repeats a form (C19)"
        for f in normed:
            owner = form_owner.setdefault(f, e["id"])
            assert owner == e["id"], f"{where}: {e['id']} and {owner} share the form {f!r}"
    implied_objects = {
        r["o"] for r in gold["relations"] if r["p"] == "holdsRole" and r.get("implied")
    }
    for e in entities:
        label = f"{where} {e['id']} {e['name']!r}"
        for a in e["aliases"]:
            assert _occurs(a, page.text), f"{label}: alias {a!r} not in text"
        if not _occurs(e["name"], page.text):
            literal = [a for a in e["aliases"] if a in page.text]
            assert literal or e["id"] in implied_objects, (
                f"{label}: name not in text and no literal alias (tidied names keep one)"
            )
        mentioned = [f for f in [e["name"], *e["aliases"]] if _occurs(f, page.story)]
        assert mentioned or e["id"] in implied_objects, f"{label}: no form in the story part"
    return {e["id"]: e for e in entities}


def _check_relations(relations: list[dict], ents: dict[str, dict], where: str) -> None:
    """Closed predicate set, domain/range of README section 5 (as migrasi.ttl states it)."""
    onto = load_ontology()
    seen: set[tuple] = set()
    for r in relations:
        label = f"{where} {r}"
        assert r["s"] in ents and r["o"] in ents, f"{label}: unresolved id"
        assert r["s"] != r["o"], f"{label}: self relation"
        p = Predicate(r["p"])
        dom, rng = onto.domain(p), onto.range(p)
        st, ot = EntityType(ents[r["s"]]["type"]), EntityType(ents[r["o"]]["type"])
        assert st in dom and ot in rng, f"{label}: {st} -{p}-> {ot} outside domain/range"
        if p is Predicate.HOLDS_ROLE:
            assert set(r) <= {"s", "p", "o", "role", "implied"}, label
            assert isinstance(r.get("role"), str) and norm(r["role"]), f"{label}: role missing"
            assert r.get("implied", True) is True, f"{label}: implied is true or absent"
        else:
            assert set(r) == {"s", "p", "o"}, f"{label}: role/implied only on holdsRole"
        key = (
            (p, *sorted((r["s"], r["o"])))
            if p is Predicate.COLLABORATES_WITH
            else (p, r["s"], r["o"], r.get("role"))
        )
        assert key not in seen, f"{label}: duplicate relation"
        seen.add(key)


def _after_opening_mark(text: str, starts: str) -> list[int]:
    hits = []
    for m in re.finditer(re.escape(starts), text):
        k = m.start()
        if any(text[max(0, k - len(mark)) : k] == mark for mark in OPENING_MARKS):
            hits.append(k)
    return hits


def _check_quotes(quotes: list[dict], ents: dict[str, dict], page: Page, where: str) -> None:
    seen = set()
    for q in quotes:
        label = f"{where} quote {q}"
        assert set(q) == {"speaker", "starts"}, label
        assert q["speaker"] in ents and ents[q["speaker"]]["type"] == "Person", f"{label}: speaker"
        assert len(q["starts"].split()) >= 3, f"{label}: starts too short to identify a quote"
        assert _after_opening_mark(page.text, q["starts"]), f"{label}: not after an opening mark"
        assert _after_opening_mark(page.story, q["starts"]), f"{label}: not in the story part"
        assert qnorm(q["starts"]) not in seen, f"{label}: duplicate quote"
        seen.add(qnorm(q["starts"]))


def _check_noise(noise: list[str], entities: list[dict], page: Page, where: str) -> None:
    forms = {norm(f) for e in entities for f in [e["name"], *e["aliases"]]}
    assert len(noise) == len(set(noise)), f"{where}: duplicate noise"
    for n in noise:
        label = f"{where} noise {n!r}"
        assert n in page.page, f"{label}: not in the page"
        assert n not in page.story and not _bounded(n, page.story), f"{label}: occurs in the story"
        assert norm(n) not in forms, f"{label}: equals a gold name or alias"


# --------------------------------------------------------------------------- per corpus


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_article_has_gold_and_a_story_row(corpus: str) -> None:
    arts = set(pages_of(corpus))
    golds = {a for c, a in _gold_params() if c == corpus}
    assert arts == golds, f"{corpus}: no gold for {arts - golds}, no article for {golds - arts}"
    rows = set(_story_table(CORPORA[corpus]))
    assert rows == arts, f"{corpus}/README.md: rows {sorted(rows)} differ from articles"


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(sorted(CORPORA), 2)))
def test_corpora_do_not_share_ids_or_stories(first: str, second: str) -> None:
    one, two = pages_of(first), pages_of(second)
    assert not set(one) & set(two), f"{first}/{second}: shared ids {sorted(set(one) & set(two))}"
    assert not {norm(p.story) for p in one.values()} & {norm(p.story) for p in two.values()}


def _coverage(golds: list[dict]) -> tuple[Counter, Counter, int]:
    types = Counter(e["type"] for g in golds for e in g["entities"])
    preds = Counter(r["p"] for g in golds for r in g["relations"])
    return types, preds, sum(len(g["quotes"]) for g in golds)


def test_sample_shape_and_coverage() -> None:
    """The sample is the demo and the main yardstick: 12 articles in three formats, every
    type and predicate several times, both implied and explicit positions."""
    pages = pages_of("sample")
    assert len(pages) == 12
    suffixes = Counter(p.source.suffix for p in pages.values())
    assert suffixes[".html"] == 1 and suffixes[".jsonl"] == 2, suffixes
    golds = [_load_gold("sample", a) for a in pages]
    types, preds, quotes = _coverage(golds)
    assert sum(types.values()) >= 150 and sum(preds.values()) >= 120
    assert quotes >= 30
    assert all(types[t] >= 3 for t in EntityType), types
    assert all(preds[p] >= 3 for p in Predicate), preds
    roles = [r for g in golds for r in g["relations"] if r["p"] == "holdsRole"]
    assert any(r.get("implied") for r in roles) and any(not r.get("implied") for r in roles)
    assert sum(bool(g["noise"]) for g in golds) >= 6
    assert Counter(g["published"] is None for g in golds)[True] >= 2


def test_tuning_shape_and_coverage() -> None:
    """The tuning set adds development material in other styles: 10 plain-text pages of
    200-500 story words, every type and predicate several times, a null date."""
    pages = pages_of("tuning")
    assert len(pages) == 10
    assert {p.source.suffix for p in pages.values()} == {".txt"}
    for art, page in pages.items():
        words = len(page.story.split())
        assert 200 <= words <= 500, f"tuning/{art}: {words} story words"
    golds = [_load_gold("tuning", a) for a in pages]
    types, preds, quotes = _coverage(golds)
    assert sum(types.values()) >= 160 and sum(preds.values()) >= 130 and quotes >= 30
    assert all(types[t] >= 3 for t in EntityType), types
    assert all(preds[p] >= 3 for p in Predicate), preds
    roles = [r for g in golds for r in g["relations"] if r["p"] == "holdsRole"]
    assert any(r.get("implied") for r in roles) and any(not r.get("implied") for r in roles)
    assert all(g["noise"] for g in golds)
    assert any(g["published"] is None for g in golds)


def _person_names(golds: list[dict]) -> set[str]:
    return {norm(e["name"]) for g in golds for e in g["entities"] if e["type"] == "Person"}


def _tuning_people() -> set[str]:
    return _person_names([_load_gold("tuning", a) for a in pages_of("tuning")])


def test_tuning_invents_its_own_people() -> None:
    """Fictional people of the tuning set are new: none is a person of the sample."""
    shared = _tuning_people() & _person_names([_load_gold("sample", a) for a in pages_of("sample")])
    assert not shared, sorted(shared)


def test_tuning_reuses_no_seed_person(seeds_dir: Path) -> None:
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.gold.json"))
    ]
    shared = _tuning_people() & _person_names(golds)
    assert not shared, sorted(shared)


def test_heldout_shape() -> None:
    pages = pages_of("heldout")
    assert len(pages) == 6
    golds = [_load_gold("heldout", a) for a in pages]
    assert all(g["entities"] and g["relations"] for g in golds)


def test_story_markers_catch_a_leak() -> None:
    """The noise check must fail when a noise name is moved into the story part."""
    src = SAMPLE_CORPUS_DIR / "m01.txt"
    gold = _load_gold("sample", "m01")
    text = src.read_text(encoding="utf-8")
    start, end, inline = _story_table(SAMPLE_CORPUS_DIR)["m01"]
    leaked = text.replace(end, f"{end[:-1]} bersama {gold['noise'][0]}.", 1)
    story = _story(leaked, start, f"bersama {gold['noise'][0]}.", inline, "leak")
    page = Page("m01", src, leaked, leaked, None, story)
    with pytest.raises(AssertionError, match="occurs in the story"):
        _check_noise(gold["noise"], gold["entities"], page, "leak")
