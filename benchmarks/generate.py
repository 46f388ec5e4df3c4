"""Generate a synthetic corpus of realistic Indonesian labour-migration news articles.

    .venv/bin/python benchmarks/generate.py 10000 /tmp/corpus10k.jsonl [--seed 1]
    .venv/bin/python benchmarks/generate.py 1000 /tmp/corpus1k/          # one .txt per article

Templates are the bundled sample corpus (``corpus/sample``, written for this
project): every paragraph of its stories becomes a template whose people,
gazetteer organisations, countries and places are slots, using the gold files
to know where the entities are. An article takes a lead paragraph and a
headline from one sample article and body paragraphs from any of them, fills
the slots with its own cast (invented people; organisations and places drawn
from the gazetteer), its own date, quotations from the pool of sample quotes,
an outlet's dateline and credits, and a trailing list of unrelated headlines
(boilerplate). A share of the articles (``--syndicated``) republish an earlier
story under another outlet: near-identical text, another URL (what
``graph.dedup`` recognises).

Article ``i`` depends only on ``(seed, i)``: the first 1,000 articles of the 10k
corpus are the 1k corpus. Output is JSONL (fields of ``corpus/sample/feed.jsonl``)
when OUT ends in ``.jsonl``, else a directory of ``.txt`` files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.defaults import SAMPLE_CORPUS_DIR
from graph.model import EntityType
from graph.ontology import load_ontology


def _words(text: str) -> list[str]:
    return text.split()


# Invented names (common Indonesian given names and family names; no real person meant).
FIRST = _words(
    "Adi Agus Ahmad Aisyah Andi Anita Arif Ayu Bambang Bayu Budi Citra Dani Dedi Desi Dewi "
    "Dian Dimas Eka Eko Endang Fajar Fitri Hadi Hendra Heru Ika Indah Indra Intan Irwan Joko "
    "Kartika Kurnia Lestari Lina Made Maria Markus Mega Nanda Nia Novi Nur Nyoman Oktavia "
    "Putri Putu Rahmat Rani Ratna Reza Rian Rina Rizki Rudi Sari Setiawati Sinta Siti Slamet "
    "Sri Stefanus Taufik Teguh Tri Wahyu Wati Wayan Yanti Yohanes Yudi Yuli Yusuf Zainal"
)
LAST = _words(
    "Hartono Wibowo Saputra Lubis Siregar Nasution Gunawan Pratama Hidayat Kusuma Halim "
    "Susanto Wijaya Rahman Setiawan Simanjuntak Pasaribu Sitorus Tanjung Harahap Rangkuti "
    "Manurung Sinaga Panjaitan Sembiring Ginting Tarigan Purba Damanik Nainggolan Lumbantobing "
    "Mahendra Kurniawan Permana Suryadi Hakim Ramadhan Firmansyah Syahputra Utama Nugroho "
    "Prasetyo Santoso Suharto Sulistyo Wardhana Maulana Iskandar Effendi Hasibuan Batubara "
    "Daulay Pohan Tampubolon Situmorang Leyloh Bota Dethan Manafe Ndun Tallo Kaunang Runtuwene"
)

#: Outlet styles: source, domain, dateline (``{place}``), credit lines, trailing list heading.
OUTLETS = (
    ("Antara", "antara.example", "{Place} (ANTARA) - ",
     ("Pewarta: {p}", "Editor: {q}"), "Berita Terkait"),
    ("Kompas.com", "kompas.example", "KOMPAS.com - ",
     ("Penulis: {p}", "Editor: {q}"), "Terpopuler"),
    ("Detik", "detik.example", "{Place} - ", ("({i}/{j})",), "Baca Juga"),
    ("Tempo", "tempo.example", "TEMPO.CO, {Place} - ",
     ("Reporter: {p}", "Editor: {q}"), "Pilihan Editor"),
    ("Liputan6", "liputan6.example", "Liputan6.com, {Place} - ", (), "Baca Juga"),
    ("CNN Indonesia", "cnnindonesia.example", "{Place}, CNN Indonesia -- ",
     ("({i}/{j})",), "TERKINI"),
    ("Republika", "republika.example", "REPUBLIKA.CO.ID, {PLACE} -- ",
     ("Rep: {p}", "Red: {q}"), "Berita Lainnya"),
    ("Suara Merdeka", "suaramerdeka.example", "{PLACE} - ", ("Penulis: {p}",), "Berita Terkini"),
)  # fmt: skip
NOISE_HEADLINES = (
    "Wali Kota {city} {person} Resmikan Pasar Rakyat",
    "BMKG: Hujan Lebat Berpotensi Guyur {city} Pekan Ini",
    "Harga Emas Naik Lagi Hari Ini",
    "Bupati {city} {person} Tinjau Lokasi Banjir",
    "Timnas U-20 Mulai Pemusatan Latihan di {city}",
    "Link Live Streaming Liga 1 Malam Ini",
    "{person} Juara Lomba Lari 10K {city}",
    "Jadwal Pemadaman Listrik di {city} Besok",
    "Festival Kuliner Nusantara Digelar di {city}",
    "Polisi Amankan Pengedar Narkoba di {city}",
)
MONTHS = _words(
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
)

_SLOT = re.compile(r"\x00(\w+)\x00")
_QUOTE = re.compile(r"“([^”\n]{20,})”|\"([^\"\n]{20,})\"")
_DATELINE = re.compile(r"^.{0,60}?(?: -- | - | – |—)")
_NUMDATE = re.compile(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)")
_LONGDATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
_BODY_END = re.compile(r"[.!?\"”)]$")
SLOT_TYPES = {
    EntityType.GOVERNMENT_BODY: ("G", 4),
    EntityType.INTERNATIONAL_ORGANIZATION: ("I", 2),
    EntityType.CIVIL_SOCIETY: ("C", 2),
    EntityType.COUNTRY: ("K", 3),
    EntityType.PLACE: ("L", 3),
}


# --------------------------------------------------------------------------- templates


@dataclass
class Template:
    """One sample article cut into slot-bearing parts."""

    name: str
    headline: str
    lead: str  # first story paragraph without its dateline
    body: list[str] = field(default_factory=list)


def _sample_texts(sample: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(sample.glob("*.txt")):
        yield path.stem, path.read_text(encoding="utf-8")
    feed = sample / "feed.jsonl"
    if feed.exists():
        for line in feed.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                yield d["id"], f"{d.get('title') or ''}\n\n{d['text']}"


def _slotify(text: str, gold: dict, ontology, offset: int) -> str:
    """Replace the gold entities' forms by slots: ``\\x00P{k}{f|m|l}\\x00`` (first, middle,
    last name of person k), ``\\x00{G|I|C|K|L}{k}_{n|a}\\x00`` (name/acronym of a gazetteer
    entity); ``offset`` shifts k so that templates do not all share one cast."""
    subs: list[tuple[str, str]] = []
    counters: dict[str, int] = {}
    persons = [e for e in gold["entities"] if e["type"] == "Person"]
    for k, e in enumerate(persons):
        toks = [t for t in e["name"].split() if len(t) >= 3 and t[0].isupper() and "." not in t]
        for i, tok in enumerate(toks):
            # first, middle(s), last token of the template's name -> the cast's
            part = "f" if i == 0 else "l" if i == len(toks) - 1 else "m"
            subs.append((tok, f"\x00P{(k + offset) % 8}{part}\x00"))
    for e in gold["entities"]:
        etype = EntityType(e["type"])
        if etype not in SLOT_TYPES or e["name"] == "Indonesia":
            continue
        found = ontology.lookup(e["name"])
        if len(found) != 1:
            continue
        letter, _ = SLOT_TYPES[etype]
        k = (counters.get(letter, 0) + offset) % 8
        counters[letter] = counters.get(letter, 0) + 1
        entry = found[0]
        for form in (*entry.forms(), *e.get("aliases", ())):
            if form == "Indonesia":
                continue
            kind = "a" if form in entry.acronyms else "n"
            subs.append((form, f"\x00{letter}{k}_{kind}\x00"))
    for form, slot in sorted(set(subs), key=lambda s: -len(s[0])):
        text = re.sub(rf"(?<![\w\x00]){re.escape(form)}(?![\w\x00])", slot, text)
    return text


def load_templates(sample: Path = SAMPLE_CORPUS_DIR) -> tuple[list[Template], list[str]]:
    """Templates of every sample story and the pool of its quotations."""
    ontology = load_ontology()
    templates, quotes = [], []
    for offset, (name, raw) in enumerate(_sample_texts(sample)):
        gold_path = sample / f"{name}.gold.json"
        if not gold_path.exists():
            continue
        text = _slotify(
            raw, json.loads(gold_path.read_text(encoding="utf-8")), ontology, offset * 3
        )
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        story = [p for p in paras if len(p.split()) >= 15 and _BODY_END.search(p)]
        heads = [p for p in paras if 5 <= len(p.split()) < 20 and "\n" not in p]
        if not story or not heads:
            continue
        lead = _DATELINE.sub("", story[0], count=1)
        templates.append(Template(name, heads[0], lead, story[1:]))
        for p in story:
            quotes += [m.group(1) or m.group(2) for m in _QUOTE.finditer(p) if "\x00" not in m[0]]
    return templates, quotes


# --------------------------------------------------------------------------- articles


@dataclass
class Story:
    """What an article says, before an outlet renders it."""

    index: int
    headline: str
    lead: str
    body: list[str]
    date: dt.date
    place: str


def _cast(rnd: random.Random, pools: dict[str, list]) -> dict[str, str]:
    """Slot values of one article: invented people, gazetteer organisations and places."""
    values: dict[str, str] = {}
    for k in range(8):
        values[f"P{k}f"] = rnd.choice(FIRST)
        values[f"P{k}m"] = rnd.choice(FIRST + LAST)
        values[f"P{k}l"] = rnd.choice(LAST)
    for letter, entries in pools.items():
        for k, e in enumerate(rnd.sample(entries, min(len(entries), 8))):
            values[f"{letter}{k}_n"] = e.name
            values[f"{letter}{k}_a"] = e.acronyms[0] if e.acronyms else e.name
    return values


def _fill(text: str, values: dict[str, str], quotes: list[str], rnd: random.Random) -> str:
    text = _SLOT.sub(lambda m: values[m.group(1)], text)
    return _QUOTE.sub(lambda m: m[0][0] + rnd.choice(quotes) + m[0][-1], text)


def _redate(text: str, date: dt.date) -> str:
    text = _NUMDATE.sub(
        lambda m: (
            f"({date.day}/{date.month}/{date.year})" if m.group(3) else f"({date.day}/{date.month})"
        ),
        text,
    )
    return _LONGDATE.sub(f"{date.day} {MONTHS[date.month - 1]} {date.year}", text)


class Generator:
    """Deterministic article factory: ``article(i)`` depends only on the seed and ``i``."""

    def __init__(self, seed: int = 1, syndicated: float = 0.05, words: int = 500) -> None:
        self.seed = seed
        self.syndicated = syndicated
        self.words = words
        self.templates, self.quotes = load_templates()
        ontology = load_ontology()
        self.pools = {
            letter: sorted(ontology.by_type(t), key=lambda e: e.id)
            for t, (letter, _) in SLOT_TYPES.items()
        }
        self.pools["K"] = [e for e in self.pools["K"] if e.id != "indonesia"]
        self.places = [e.name for e in self.pools["L"] if " " not in e.name] or ["Jakarta"]
        self.body_pool = [(t.name, p) for t in self.templates for p in t.body]

    def _rnd(self, i: int, salt: int = 0) -> random.Random:
        return random.Random(self.seed * 1_000_003 + i * 7 + salt)

    def story(self, i: int) -> Story:
        rnd = self._rnd(i)
        values = _cast(rnd, self.pools)
        lead_t = rnd.choice(self.templates)
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(3650))
        target = max(150, int(rnd.gauss(self.words, self.words * 0.15))) - 40  # + boilerplate
        body: list[str] = []
        n = len(lead_t.lead.split())
        for _, para in rnd.sample(self.body_pool, len(self.body_pool)):
            if n >= target:
                break
            filled = _fill(para, values, self.quotes, rnd)
            body.append(_redate(filled, date))
            n += len(filled.split())
        return Story(
            index=i,
            headline=_fill(lead_t.headline, values, self.quotes, rnd),
            lead=_redate(_fill(lead_t.lead, values, self.quotes, rnd), date),
            body=body,
            date=date,
            place=rnd.choice(self.places),
        )

    def record(self, i: int) -> dict[str, str]:
        """Article ``i`` as a JSONL record (a syndicated copy of an earlier story or new)."""
        rnd = self._rnd(i, salt=1)
        copy_of = i - rnd.randint(1, 50) if i > 0 and rnd.random() < self.syndicated else None
        story = self.story(copy_of if copy_of is not None and copy_of >= 0 else i)
        outlet = OUTLETS[rnd.randrange(len(OUTLETS))]
        body = list(story.body)
        if copy_of is not None and len(body) > 3:
            body.pop(rnd.randrange(1, len(body)))  # an outlet trims a paragraph
        return {
            "id": f"g{i:07d}",
            "url": f"https://{outlet[1]}/berita/{story.date:%Y/%m/%d}/{i:07d}",
            "title": story.headline,
            "published": story.date.isoformat(),
            "source": outlet[0],
            "text": self.render(story, outlet, body, rnd),
        }

    def render(self, story: Story, outlet: tuple, body: list[str], rnd: random.Random) -> str:
        _, _, dateline, credits, trailer = outlet
        place = story.place
        lead = dateline.format(Place=place, PLACE=place.upper()) + story.lead
        credit_vals = {
            "p": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            "q": f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            "i": "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3)),
            "j": "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3)),
        }
        lines = [c.format(**credit_vals) for c in credits]
        heads = [
            h.format(city=rnd.choice(self.places), person=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}")
            for h in rnd.sample(NOISE_HEADLINES, 4)
        ]
        parts = [story.headline, lead, *body]
        if lines:
            parts.append("\n".join(lines))
        parts.append(trailer + "\n" + "\n".join(heads))
        return "\n\n".join(parts)


def write(n: int, out: Path, seed: int = 1, syndicated: float = 0.05) -> int:
    """Write ``n`` articles to ``out`` (.jsonl file or directory of .txt); returns words."""
    gen = Generator(seed, syndicated)
    words = 0
    if out.suffix == ".jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for i in range(n):
                rec = gen.record(i)
                words += len(rec["text"].split())
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return words
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        rec = gen.record(i)
        words += len(rec["text"].split())
        (out / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    return words


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="OUT.jsonl, or a directory for .txt files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--syndicated", type=float, default=0.05, help="share of republished stories (0.05)"
    )
    args = ap.parse_args(argv)
    words = write(args.n, args.out, args.seed, args.syndicated)
    print(f"wrote {args.n} articles, {words} words, to {args.out}")


if __name__ == "__main__":
    main()
