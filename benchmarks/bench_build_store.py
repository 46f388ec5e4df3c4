"""Benchmark of the RDF / store / search half of ``kg build`` on a synthetic corpus.

Extraction is replaced by prepared extractions of generated articles (invented
Indonesian sentences, names drawn from small pools so people recur across
articles), so the numbers measure resolution, assembly, the Oxigraph store,
the search index and exports, not spaCy. Writes
``benchmarks/results/build_store_{N}.json``.

    .venv/bin/python benchmarks/bench_build_store.py --articles 10000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.build import build
from graph.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Predicate,
    Quote,
    Relation,
)

FIRST = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Hendra",
    "Yusuf",
    "Maria",
    "Joko",
    "Ayu",
    "Rudi",
    "Lestari",
    "Bambang",
    "Wati",
    "Andi",
    "Fitri",
    "Taufik",
    "Nur",
    "Eko",
    "Sri",
]
LAST = [
    "Santoso",
    "Hartono",
    "Wibowo",
    "Saputra",
    "Lubis",
    "Siregar",
    "Nasution",
    "Gunawan",
    "Pratama",
    "Hidayat",
    "Kusuma",
    "Halim",
    "Susanto",
    "Wijaya",
    "Rahman",
    "Setiawan",
]
ORGS = [
    ("Kementerian Ketenagakerjaan", EntityType.GOVERNMENT_BODY),
    ("Badan Pelindungan Pekerja Migran Indonesia", EntityType.GOVERNMENT_BODY),
    ("Kementerian Luar Negeri", EntityType.GOVERNMENT_BODY),
    ("International Organization for Migration", EntityType.INTERNATIONAL_ORGANIZATION),
    ("International Labour Organization", EntityType.INTERNATIONAL_ORGANIZATION),
    ("Migrant Care", EntityType.CIVIL_SOCIETY),
    ("Serikat Buruh Migran", EntityType.CIVIL_SOCIETY),
]
PLACES = ["Jakarta", "Surabaya", "Mataram", "Kupang", "Medan", "Makassar", "Semarang", "Batam"]
ROLES = ["Direktur Penempatan", "Kepala Biro Humas", "Ketua", "Menteri", "Staf Ahli", "Koordinator"]


def synthetic(i: int, rnd: random.Random) -> Extraction:
    people = [f"{rnd.choice(FIRST)} {rnd.choice(LAST)}" for _ in range(3)]
    orgs = rnd.sample(ORGS, 3)
    place = rnd.choice(PLACES)
    event = f"Forum Migrasi Aman {place} {2015 + i % 10}"
    sentences = [
        f"{people[0]}, {ROLES[i % len(ROLES)]} {orgs[0][0]}, menghadiri {event} di {place}.",
        f"{orgs[0][0]} bekerja sama dengan {orgs[1][0]} dalam kegiatan itu.",
        f"{people[1]} dari {orgs[2][0]} menjadi narasumber.",
        f"\u201cPerlindungan pekerja migran nomor {i} harus diperkuat,\u201d kata {people[0]}.",
        f"\u201cKami mendukung program ini,\u201d ujar {people[1]}.",
        f"Acara ditutup oleh {people[2]}.",
    ]
    text = " ".join(sentences)
    aid = hashlib.sha256(f"synthetic-{i}".encode()).hexdigest()[:16]
    art = Article(
        id=aid,
        name=f"syn{i:06d}",
        text=text,
        title=sentences[0][:60],
        url=f"https://contoh.example.id/{i}",
        published=f"20{15 + i % 10}-0{1 + i % 9}-1{i % 9}",
        source="Contoh",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )

    def ev(k: int, rule: str) -> Evidence:
        start = text.index(sentences[k])
        return Evidence(sentences[k], start, start + len(sentences[k]), rule, 0.8)

    ents = [Entity(f"e{j + 1}", n, EntityType.PERSON) for j, n in enumerate(people)]
    ents += [Entity(f"e{j + 4}", n, t) for j, (n, t) in enumerate(orgs)]
    ents += [
        Entity("e7", event, EntityType.EVENT),
        Entity("e8", place, EntityType.PLACE),
        Entity("e9", "kegiatan", EntityType.EVENT),
    ]
    rels = [
        Relation("e1", Predicate.HOLDS_ROLE, "e4", ev(0, "role"), ROLES[i % len(ROLES)]),
        Relation("e1", Predicate.PARTICIPATES_IN, "e7", ev(0, "attend")),
        Relation("e7", Predicate.LOCATED_IN, "e8", ev(0, "located")),
        Relation("e4", Predicate.COLLABORATES_WITH, "e5", ev(1, "collab")),
        Relation("e2", Predicate.HOLDS_ROLE, "e6", ev(2, "role"), "Narasumber"),
        Relation("e2", Predicate.PARTICIPATES_IN, "e7", ev(2, "speaker")),
        Relation("e4", Predicate.ORGANIZES, "e7", ev(0, "organize")),
        Relation("e3", Predicate.PARTICIPATES_IN, "e9", ev(5, "close")),
    ]
    quotes = []
    for k, spk in ((3, "e1"), (4, "e2")):
        said = sentences[k].split("\u201d")[0].lstrip("\u201c")
        start = text.index(said)
        quotes.append(Quote(spk, said, start, start + len(said), ev(k, "quote")))
    return Extraction(art, ents, rels, quotes)


class Prepared:
    def __init__(self, by_id: dict[str, Extraction]) -> None:
        self.by_id = by_id

    def pipe(self, articles):
        for a in articles:
            ex = self.by_id[a.id]
            yield Extraction(a, ex.entities, ex.relations, ex.quotes)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--validate", action="store_true", help="include SHACL validation (slow)")
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    args = ap.parse_args()
    rnd = random.Random(7)
    exs = [synthetic(i, rnd) for i in range(args.articles)]
    by_id = {e.article.id: e for e in exs}
    out = args.keep or Path(tempfile.mkdtemp(prefix="kgbench-"))
    result: dict = {"articles": args.articles}
    try:
        t = time.perf_counter()
        rep = build(
            out=out,
            articles=[e.article for e in exs],
            extractor=Prepared(by_id),
            validate=args.validate,
            view=False,
        )
        result["clean_build_s"] = round(time.perf_counter() - t, 2)
        result["triples"] = rep.triples
        result["entities"] = rep.entities
        result["timings"] = rep.timings
        # 1 % of the articles change
        changed = {e.article.id for e in exs[::100]}
        exs2 = [
            Extraction(
                replace(
                    e.article,
                    text=e.article.text + " Tambahan.",
                    content_hash=e.article.content_hash + "x",
                ),
                e.entities,
                e.relations,
                e.quotes,
            )
            if e.article.id in changed
            else e
            for e in exs
        ]
        t = time.perf_counter()
        rep2 = build(
            out=out,
            articles=[e.article for e in exs2],
            extractor=Prepared({e.article.id: e for e in exs2}),
            validate=False,
            view=False,
        )
        result["incremental_1pct_s"] = round(time.perf_counter() - t, 2)
        result["incremental_graphs_written"] = rep2.graphs_written
        result["incremental_timings"] = rep2.timings

        from graph.query import run_query
        from graph.search import open_index
        from graph.store import open_store

        idx = open_index(out)
        for text in (
            "budi santoso",
            "kementerian ketenaga",
            "perlindungan pekerja",
            "forum migrasi aman kup",
        ):
            t = time.perf_counter()
            n = len(idx.search(text, limit=20))
            result[f"search_ms[{text}]"] = round((time.perf_counter() - t) * 1000, 2)
            result[f"search_hits[{text}]"] = n
        idx.close()
        store = open_store(out, read_only=True)
        for name, params in (
            ("positions", {"person": "Budi Santoso"}),
            ("said-by", {"person": "Siti Lubis"}),
            ("entities-by-articles", {"entityType": "Person"}),
            (
                "edge-evidence",
                {
                    "subject": "Kementerian Ketenagakerjaan",
                    "object": "International Labour Organization",
                },
            ),
        ):
            t = time.perf_counter()
            n = len(run_query(store, name, params))
            result[f"query_s[{name}]"] = round(time.perf_counter() - t, 3)
            result[f"query_rows[{name}]"] = n
        store.close()
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    dest = Path(__file__).resolve().parent / "results" / f"build_store_{args.articles}.json"
    dest.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
