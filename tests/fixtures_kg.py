"""Hand-made extractions of invented Indonesian articles, for the rdf/store/build tests.

The sentences are invented (never copied from the development set). Each
``Extraction`` is what a correct extractor would return, so the tests exercise
RDF assembly, resolution, stores and incremental builds independently of the
extraction rules. ``FixtureExtractor`` serves them to ``graph.build.build``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace

from graph.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Predicate,
    Quote,
    Relation,
)

T = EntityType
P = Predicate


def _article(aid: str, name: str, text: str, published: str | None = None) -> Article:
    h = hashlib.sha256(f"{aid}\x1f{text}\x1f{published}".encode()).hexdigest()
    return Article(
        id=aid,
        name=name,
        text=text,
        title=text.split(".")[0][:80],
        url=f"https://berita.example.id/{name}",
        published=published,
        published_how="metadata" if published else "unknown",
        source="Berita Contoh",
        path=f"{name}.txt",
        story_span=(0, len(text)),
        content_hash=h,
    )


def _ev(text: str, sentence: str, rule: str, conf: float = 0.8) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence), rule, conf)


def _ent(
    text: str,
    eid: str,
    name: str,
    etype: EntityType,
    aliases: Iterable[str] = (),
    ref: str | None = None,
) -> Entity:
    mentions = []
    for form in (name, *aliases):
        at = text.find(form)
        if at >= 0:
            mentions.append(Mention(form, at, at + len(form), "fixture"))
    return Entity(eid, name, etype, list(aliases), mentions, ref)


def _quote(text: str, speaker: str, said: str, attribution: str) -> Quote:
    start = text.index(said)
    return Quote(
        speaker, said, start, start + len(said), _ev(text, attribution, "quote.kata-after", 0.9)
    )


def article_a() -> Extraction:
    s1 = "Menteri Ketenagakerjaan M. Hanif Dhakiri menghadiri lokakarya migrasi aman di Jakarta."
    s2 = (
        "Kementerian Ketenagakerjaan bekerja sama dengan International Organization for "
        "Migration (IOM) dalam lokakarya tersebut."
    )
    s3 = "\u201cKami berkomitmen melindungi pekerja migran sejak keberangkatan,\u201d kata Hanif."
    text = f"{s1} {s2} {s3}"
    art = _article("a1f0c2d3e4", "a01", text, "2023-03-14")
    ents = [
        _ent(text, "e1", "M. Hanif Dhakiri", T.PERSON, ["Hanif"]),
        _ent(text, "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY),
        _ent(
            text,
            "e3",
            "International Organization for Migration",
            T.INTERNATIONAL_ORGANIZATION,
            ["IOM"],
        ),
        _ent(text, "e4", "lokakarya migrasi aman", T.EVENT, ["lokakarya"]),
        _ent(text, "e5", "Jakarta", T.PLACE),
    ]
    rels = [
        Relation(
            "e1",
            P.HOLDS_ROLE,
            "e2",
            _ev(text, s1, "role.title-before"),
            "Menteri Ketenagakerjaan",
            True,
        ),
        Relation("e1", P.PARTICIPATES_IN, "e4", _ev(text, s1, "participates.menghadiri")),
        Relation("e2", P.COLLABORATES_WITH, "e3", _ev(text, s2, "collaborates.bekerja-sama")),
        Relation("e4", P.LOCATED_IN, "e5", _ev(text, s1, "located.di")),
    ]
    quotes = [
        _quote(text, "e1", "Kami berkomitmen melindungi pekerja migran sejak keberangkatan,", s3)
    ]
    return Extraction(art, ents, rels, quotes)


def article_b() -> Extraction:
    s1 = (
        "Hanif Dhakiri, Menteri Ketenagakerjaan, menerima Budi Santoso, Direktur Penempatan "
        "Kementerian Ketenagakerjaan, di Jakarta."
    )
    s2 = "Indonesia telah berkomitmen pada Global Compact for Migration (GCM)."
    s3 = "Kementerian Ketenagakerjaan dan IOM menandatangani nota kerjasama."
    s4 = "\u201cGCM penting bagi perlindungan pekerja migran kita,\u201d ujar Budi."
    text = f"{s1} {s2} {s3} {s4}"
    art = _article("b2e1d0c9b8", "b02", text, "2023-05-02")
    ents = [
        _ent(text, "e1", "Hanif Dhakiri", T.PERSON),
        _ent(text, "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY),
        _ent(text, "e3", "Budi Santoso", T.PERSON, ["Budi"]),
        _ent(text, "e4", "Jakarta", T.PLACE),
        _ent(text, "e5", "Indonesia", T.COUNTRY),
        _ent(text, "e6", "Global Compact for Migration", T.AGREEMENT, ["GCM"]),
        _ent(text, "e7", "IOM", T.INTERNATIONAL_ORGANIZATION),
        _ent(text, "e8", "nota kerjasama", T.AGREEMENT),
    ]
    rels = [
        Relation(
            "e1",
            P.HOLDS_ROLE,
            "e2",
            _ev(text, s1, "role.comma-title"),
            "Menteri Ketenagakerjaan",
            True,
        ),
        Relation(
            "e3", P.HOLDS_ROLE, "e2", _ev(text, s1, "role.comma-title"), "Direktur Penempatan"
        ),
        Relation("e5", P.PARTY_TO, "e6", _ev(text, s2, "partyto.berkomitmen")),
        Relation("e2", P.SIGNS, "e8", _ev(text, s3, "signs.menandatangani")),
        Relation("e7", P.SIGNS, "e8", _ev(text, s3, "signs.menandatangani")),
        Relation(
            "e2", P.COLLABORATES_WITH, "e7", _ev(text, s3, "collaborates.dan-menandatangani", 0.7)
        ),
    ]
    quotes = [_quote(text, "e3", "GCM penting bagi perlindungan pekerja migran kita,", s4)]
    return Extraction(art, ents, rels, quotes)


def article_c() -> Extraction:
    s1 = "Budi Hartono, Ketua Migrant Care, menghadiri Seminar Nasional Pekerja Migran di Surabaya."
    s2 = "Dalam seminar itu Budi menyoroti biaya penempatan."
    s3 = "\u201cBiaya penempatan masih terlalu tinggi,\u201d kata Budi."
    text = f"{s1} {s2} {s3}"
    art = _article("c3a9b8c7d6", "c03", text, "2023-06-20")
    ents = [
        _ent(text, "e1", "Budi Hartono", T.PERSON),
        _ent(text, "e2", "Migrant Care", T.CIVIL_SOCIETY),
        _ent(text, "e3", "Seminar Nasional Pekerja Migran", T.EVENT),
        _ent(text, "e4", "Surabaya", T.PLACE),
        _ent(text, "e5", "Budi", T.PERSON),  # the extractor left the short form apart
    ]
    rels = [
        Relation("e1", P.HOLDS_ROLE, "e2", _ev(text, s1, "role.comma-title"), "Ketua"),
        Relation("e1", P.PARTICIPATES_IN, "e3", _ev(text, s1, "participates.menghadiri")),
        Relation("e3", P.LOCATED_IN, "e4", _ev(text, s1, "located.di")),
    ]
    quotes = [_quote(text, "e5", "Biaya penempatan masih terlalu tinggi,", s3)]
    return Extraction(art, ents, rels, quotes)


def article_d() -> Extraction:
    s1 = "Seorang warga bernama Budi bercerita tentang pengalamannya bekerja di Malaysia."
    s2 = "Peneliti Joséphine Ferré mencatat kisah itu."
    text = f"{s1} {s2}"
    art = _article("d4f5e6a7b8", "d04", text, None)
    ents = [
        _ent(text, "e1", "Budi", T.PERSON),
        _ent(text, "e2", "Malaysia", T.COUNTRY),
        _ent(text, "e3", "Joséphine Ferré", T.PERSON),
    ]
    return Extraction(art, ents, [], [])


def article_e() -> Extraction:
    """A later article: the same Budi Santoso, now quoted again (tests incremental adds)."""
    s1 = (
        "Direktur Penempatan Kementerian Ketenagakerjaan Budi Santoso membuka "
        "Seminar Nasional Pekerja Migran."
    )
    s2 = "\u201cKami akan memperketat pengawasan agen,\u201d kata Budi Santoso."
    text = f"{s1} {s2}"
    art = _article("e5b6c7d8e9", "e05", text, "2023-08-01")
    ents = [
        _ent(text, "e1", "Budi Santoso", T.PERSON),
        _ent(text, "e2", "Kementerian Ketenagakerjaan", T.GOVERNMENT_BODY),
        _ent(text, "e3", "Seminar Nasional Pekerja Migran", T.EVENT),
    ]
    rels = [
        Relation(
            "e1", P.HOLDS_ROLE, "e2", _ev(text, s1, "role.title-before"), "Direktur Penempatan"
        ),
        Relation("e1", P.PARTICIPATES_IN, "e3", _ev(text, s1, "participates.membuka")),
    ]
    quotes = [_quote(text, "e1", "Kami akan memperketat pengawasan agen,", s2)]
    return Extraction(art, ents, rels, quotes)


def corpus() -> list[Extraction]:
    return [article_a(), article_b(), article_c(), article_d()]


def changed(ex: Extraction, extra_sentence: str) -> Extraction:
    """The same article with one more sentence (new text, new content hash)."""
    text = ex.article.text + " " + extra_sentence
    art = replace(ex.article, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return Extraction(art, ex.entities, ex.relations, ex.quotes)


class FixtureExtractor:
    """Serves prepared extractions by article id (what ``build`` calls ``pipe`` on)."""

    def __init__(self, extractions: Iterable[Extraction]) -> None:
        self.by_id = {ex.article.id: ex for ex in extractions}
        self.calls: list[str] = []

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for art in articles:
            self.calls.append(art.id)
            ex = self.by_id[art.id]
            yield Extraction(art, ex.entities, ex.relations, ex.quotes)

    def extract(self, article: Article) -> Extraction:
        return next(self.pipe([article]))


def articles_of(extractions: Iterable[Extraction]) -> list[Article]:
    return [ex.article for ex in extractions]


# --------------------------------------------------------------------------- without the gazetteer

HONORIFICS = ("Dr.", "H.", "Hj.", "Prof.", "Bapak", "Ibu", "Ir.")
DEGREES = ("S.Sos.", "M.Si.", "S.H.", "M.Sc.", "Ph.D.", "MA", "SH")


def resolver_config(**kw):
    """A resolver configuration independent of the (growing) curated gazetteer."""
    from graph.rdf.resolve import ResolverConfig

    base = dict(
        honorifics=HONORIFICS,
        degrees=DEGREES,
        local_body_words=frozenset({"dinas", "disnaker", "daerah", "bappeda"}),
        region_qualifiers=frozenset({"provinsi", "kabupaten", "kota", "jawa"}),
    )
    base.update(kw)
    return ResolverConfig(**base)


class NoGazetteer:
    """An ontology stand-in with no curated entries (for ``entity_triples`` / ``build``)."""

    entries = ()

    def gazetteer_graph(self):
        import rdflib

        return rdflib.Graph()


def fixture_graphs(extractions: Iterable[Extraction] | None = None) -> dict[str, list]:
    """Named graphs (IRI -> triples) of the fixture corpus, as ``build`` would write them."""
    from graph.rdf import article_triples, entity_triples, records_of, resolve, role_titles
    from graph.rdf.iris import article_iri
    from graph.rdf.vocab import ENTITIES_GRAPH

    exs = list(extractions or corpus())
    res = resolve([r for ex in exs for r in records_of(ex)], resolver_config())
    out = {
        str(article_iri(ex.article.id)): article_triples(ex, res.article_map(ex.article.id))
        for ex in exs
    }
    roles = [t for ex in exs for t in role_titles(ex)]
    out[str(ENTITIES_GRAPH)] = entity_triples(res, roles, ontology=NoGazetteer())
    return out


def build_fixture(out, extractions: Iterable[Extraction] | None = None, **kw):
    """``graph.build.build`` of the fixture corpus into ``out`` (no view, no gazetteer)."""
    from graph.build import build

    exs = list(extractions if extractions is not None else corpus())
    kw.setdefault("view", False)
    kw.setdefault("extractor", FixtureExtractor(exs))
    return build(
        out=out, articles=articles_of(exs), resolver=resolver_config(), ontology=NoGazetteer(), **kw
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def store_nquads(out) -> list[str]:
    """The sorted N-Quads of the store of a build directory (compare builds by them)."""
    from graph.store import open_store
    from graph.store.export import sorted_nquads

    store = open_store(out, read_only=True)
    try:
        return sorted_nquads(store)
    finally:
        store.close()


def serve_process(out, port: int, *extra: str):
    """``kg serve`` on a build directory, as a user starts it (a subprocess)."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "graph", "serve", "--store", str(out)]
    return subprocess.Popen(
        [*cmd, "--bind", f"127.0.0.1:{port}", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
