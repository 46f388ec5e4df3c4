"""The curated knowledge under ontology/: it parses, is consistent, and follows README section 5."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from graph.defaults import DATA_NS, ONTOLOGY_DIR, ONTOLOGY_FILE, ONTOLOGY_NS
from graph.model import EntityType, Predicate
from graph.names import norm
from graph.ontology import OntologyError, clear_ontology_cache, load_ontology
from graph.validate import validate

ET = EntityType
ORG = {ET.GOVERNMENT_BODY, ET.INTERNATIONAL_ORGANIZATION, ET.CIVIL_SOCIETY}
MO = rdflib.Namespace(ONTOLOGY_NS)
MID = rdflib.Namespace(DATA_NS)

#: README section 5 of the gold format, subject -> object types per predicate.
README_SIGNATURES = {
    Predicate.HOLDS_ROLE: ({ET.PERSON}, ORG | {ET.COUNTRY}),
    Predicate.MEMBER_OF: (ORG | {ET.COUNTRY}, {ET.INTERNATIONAL_ORGANIZATION}),
    Predicate.PARTY_TO: (ORG | {ET.COUNTRY}, {ET.AGREEMENT}),
    Predicate.ADOPTED: (ORG | {ET.COUNTRY}, {ET.AGREEMENT}),
    Predicate.SIGNS: (ORG | {ET.COUNTRY, ET.PERSON}, {ET.AGREEMENT}),
    Predicate.COLLABORATES_WITH: (ORG | {ET.COUNTRY}, ORG | {ET.COUNTRY}),
    Predicate.ORGANIZES: (ORG | {ET.COUNTRY}, {ET.EVENT}),
    Predicate.PARTICIPATES_IN: (ORG | {ET.COUNTRY, ET.PERSON}, {ET.EVENT}),
    Predicate.RUNS: (ORG | {ET.COUNTRY}, {ET.PROGRAM}),
    Predicate.PART_OF: (ORG, ORG),
    Predicate.LOCATED_IN: (ORG | {ET.EVENT, ET.PLACE}, {ET.PLACE, ET.COUNTRY}),
}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


@pytest.fixture()
def tmp_onto(tmp_path: Path) -> Path:
    """A private copy of ontology/ to edit."""
    dest = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY_DIR, dest, ignore=shutil.ignore_patterns("queries"))
    return dest


# --------------------------------------------------------------------------- migrasi.ttl


def test_ontology_parses_with_labels_in_both_languages() -> None:
    g = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    terms = set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty))
    terms |= set(g.subjects(RDF.type, OWL.DatatypeProperty))
    terms = {t for t in terms if isinstance(t, rdflib.URIRef)}
    assert {MO[t.value] for t in EntityType} <= terms
    assert {MO[p.value] for p in Predicate} <= terms
    for t in terms:
        for prop in (rdflib.RDFS.label, SKOS.definition):
            langs = {o.language for o in g.objects(t, prop)}
            assert {"en", "id"} <= langs, f"{t} lacks {prop} @en/@id"
    assert not list(g.objects(None, OWL.imports)), "the ontology must not import remote ontologies"


def test_partof_locatedin_transitive_collaborates_symmetric() -> None:
    g = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert (MO.partOf, RDF.type, OWL.TransitiveProperty) in g
    assert (MO.locatedIn, RDF.type, OWL.TransitiveProperty) in g
    assert (MO.collaboratesWith, RDF.type, OWL.SymmetricProperty) in g


@pytest.mark.parametrize("p", list(Predicate))
def test_domain_and_range_match_readme(onto, p: Predicate) -> None:
    dom, rng = README_SIGNATURES[p]
    assert onto.domain(p) == frozenset(dom)
    assert onto.range(p) == frozenset(rng)


_WORD_TYPES = {
    "Person": {ET.PERSON},
    "Organisation": ORG,
    "InternationalOrganization": {ET.INTERNATIONAL_ORGANIZATION},
    "Country": {ET.COUNTRY},
    "Agreement": {ET.AGREEMENT},
    "Event": {ET.EVENT},
    "Program": {ET.PROGRAM},
    "Place": {ET.PLACE},
}


def _types(cell: str) -> set[EntityType]:
    out: set[EntityType] = set()
    for word in re.findall(r"[A-Za-z]+", cell):
        out |= _WORD_TYPES.get(word, set())
    return out


def test_domain_and_range_match_the_readme_table(onto, seeds_dir: Path) -> None:
    """Read README section 5 itself, so a change of the spec is caught."""
    readme = (seeds_dir.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 5. Predicates", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", section, flags=re.M)
    assert len(rows) == len(Predicate)
    for name, signature in rows:
        subj, obj = re.split(r"[→↔]", signature)
        p = Predicate(name)
        assert onto.domain(p) == _types(subj), name
        assert onto.range(p) == _types(obj), name


# --------------------------------------------------------------------------- gazetteer


def test_counts_per_type(onto) -> None:
    counts = Counter(e.type for e in onto.entries)
    assert counts[ET.COUNTRY] >= 195
    assert counts[ET.PLACE] >= 38 + 100
    assert counts[ET.GOVERNMENT_BODY] >= 100
    assert counts[ET.INTERNATIONAL_ORGANIZATION] >= 30
    assert counts[ET.AGREEMENT] >= 20
    assert counts[ET.CIVIL_SOCIETY] >= 15
    assert counts[ET.PROGRAM] >= 10
    assert counts[ET.PERSON] == 0  # people are never curated
    assert len({e.id for e in onto.entries}) == len(onto.entries)


def test_all_38_provinces(onto) -> None:
    provinces = [
        e
        for e in onto.by_type(ET.PLACE)
        if e.country == "indonesia" and e.parent is None and not e.id.startswith("pulau-")
    ]
    assert len(provinces) == 38
    for p in provinces:
        gov = onto.get(f"pemprov-{p.id}")
        assert gov is not None and gov.type is ET.GOVERNMENT_BODY, p.id


def test_references_resolve(onto) -> None:
    for e in onto.entries:
        if e.parent:
            parent = onto.entry(e.parent)
            assert (e.type in ORG) == (parent.type in ORG), e.id
        if e.country:
            assert onto.entry(e.country).type is ET.COUNTRY, e.id
    for r in onto.roles:
        if r.implies:
            assert onto.entry(r.implies).type in ORG | {ET.COUNTRY}, r.title


def test_renamings_are_historical_names(onto) -> None:
    assert onto.lookup("BNP2TKI") == (onto.entry("bp2mi"),)
    assert onto.lookup("Depnakertrans") == (onto.entry("kemnaker"),)
    assert "Kemenakertrans" in onto.entry("kemnaker").historical
    # a replacement body is a separate entry
    assert onto.lookup("KP2MI") == (onto.entry("kp2mi"),)
    assert onto.entry("ditjen-imigrasi").parent == "kemenimipas"


def test_acronyms_cased_aliases_not(onto) -> None:
    iom = onto.entry("iom")
    assert onto.lookup("IOM") == (iom,)
    assert onto.lookup("iom") == ()
    assert onto.lookup("organisasi internasional untuk migrasi") == (iom,)
    assert onto.lookup("Kemnaker") == onto.lookup("Kemenaker") == (onto.entry("kemnaker"),)
    # common words are named places only when capitalised
    assert onto.lookup("Malang") == (onto.entry("malang"),)
    assert onto.lookup("malang") == ()


def test_ambiguous_forms_are_labels_not_forms(onto) -> None:
    gb = onto.entry("ilo-governing-body")
    assert "GB" in gb.ambiguous and "GB" in gb.labels()
    assert "GB" not in gb.forms()
    assert onto.lookup("GB") == ()
    assert onto.lookup("GB ILO") == (gb,)


def test_law_surface_forms(onto) -> None:
    law = onto.entry("uu-18-2017")
    for form in (
        "UU Nomor 18 Tahun 2017",
        "UU No. 18/2017",
        "UU No 18/2017",
        "Undang-Undang Nomor 18 Tahun 2017",
    ):
        assert onto.lookup(form) == (law,), form


def test_gold_entities_agree_with_gazetteer(onto, seeds_dir: Path) -> None:
    """Every gold form the gazetteer knows has the gold type; a gold entity maps to one entry."""
    checked = 0
    for gold in sorted(seeds_dir.glob("*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        for ent in data["entities"]:
            hits = {e.id: e for form in [ent["name"], *ent["aliases"]] for e in onto.lookup(form)}
            for e in hits.values():
                checked += 1
                assert e.type.value == ent["type"], (gold.name, ent["name"], e.id)
            assert len(hits) <= 1, (gold.name, ent["name"], sorted(hits))
    assert checked >= 20


def test_gold_noise_names_are_not_story_entities_only(onto, seeds_dir: Path) -> None:
    # noise names are real organisations too; the gazetteer may know them, but never
    # as a Person (people are not curated)
    for gold in sorted(seeds_dir.glob("*.gold.json")):
        for name in json.loads(gold.read_text(encoding="utf-8"))["noise"]:
            assert all(e.type is not ET.PERSON for e in onto.lookup(name))


# --------------------------------------------------------------------------- RDF rendering


def test_gazetteer_graph(onto) -> None:
    g = onto.gazetteer_graph()
    assert (MID.kemnaker, RDF.type, MO.GovernmentBody) in g
    assert (MID.kemnaker, SKOS.prefLabel, rdflib.Literal("Kementerian Ketenagakerjaan")) in g
    assert (MID.kemnaker, SKOS.altLabel, rdflib.Literal("Kemnaker")) in g
    assert (MID.kemnaker, SKOS.altLabel, rdflib.Literal("Ministry of Manpower", lang="en")) in g
    assert (MID.kemnaker, SKOS.altLabel, rdflib.Literal("Depnakertrans")) in g
    assert (MID["kemnaker-humas"], MO.partOf, MID.kemnaker) in g
    assert (MID.jenewa, MO.locatedIn, MID.swiss) in g
    assert (MID.malang, MO.locatedIn, MID["jawa-timur"]) in g
    assert (MID.malang, MO.locatedIn, MID.indonesia) not in g  # direct links only
    assert (MID.indonesia, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q252")) in g
    assert (MID["ilo-governing-body"], SKOS.altLabel, rdflib.Literal("GB")) in g
    for s in set(g.subjects(RDF.type, None)):
        assert len(list(g.objects(s, SKOS.prefLabel))) == 1, s
    assert onto.iri("kemnaker") == str(MID.kemnaker)


def test_gazetteer_graph_satisfies_the_shapes(onto) -> None:
    report = validate(onto.gazetteer_graph())
    assert report.conforms, report.violations[:5]


# --------------------------------------------------------------------------- roles


def test_roles(onto) -> None:
    assert onto.role("Menaker").implies == "kemnaker"
    assert onto.role("Wakil Menteri Ketenagakerjaan").implies == "kemnaker"
    assert onto.role("Wamenlu").implies == "kemlu"
    assert onto.role("Kepala BP2MI").implies == "bp2mi"
    assert onto.role("Dirjen Imigrasi").implies == "ditjen-imigrasi"
    assert onto.role("Duta Besar").kind == "state"
    assert onto.role("Wakil Tetap RI").kind == "state"
    assert onto.role("AKBP").kind == "rank"
    assert onto.role("Kolonel").kind == "rank"
    assert onto.role("Dr.").kind == "rank"
    assert onto.role("Direktur Jenderal").implies is None
    assert {"Plt.", "Pj", "Pelaksana Tugas"} <= set(onto.role_modifiers)
    assert "Wakil" in onto.deputy_prefixes
    kemnaker_titles = {r.title for r in onto.roles if r.implies == "kemnaker"}
    assert "Menteri Ketenagakerjaan" in kemnaker_titles
    # every ministry entry has its minister
    ministries = [e for e in onto.by_type(ET.GOVERNMENT_BODY) if e.name.startswith("Kementerian ")]
    implied = {r.implies for r in onto.roles}
    assert not [m.id for m in ministries if m.id not in implied]


# --------------------------------------------------------------------------- loading


def test_cached_per_directory(tmp_onto: Path) -> None:
    onto = load_ontology()
    assert load_ontology() is onto
    assert load_ontology(str(ONTOLOGY_DIR)) is onto
    other = load_ontology(tmp_onto)
    assert other is not onto and load_ontology(tmp_onto) is other
    clear_ontology_cache()
    assert load_ontology(tmp_onto) is not other


def test_yaml_edit_is_picked_up_without_code_change(tmp_onto: Path) -> None:
    path = tmp_onto / "gazetteer" / "international.yaml"
    text = path.read_text(encoding="utf-8")
    assert load_ontology(tmp_onto).lookup("Organisasi Dagang Sedunia") == ()
    text = text.replace(
        "  aliases: [World Trade Organisation]", "  aliases: [Organisasi Dagang Sedunia]"
    )
    path.write_text(text, encoding="utf-8")
    edited = tmp_onto.parent / "edited"
    shutil.copytree(tmp_onto, edited)  # a directory not loaded yet, as in a new process
    onto = load_ontology(edited)
    assert onto.lookup("organisasi dagang sedunia") == (onto.entry("wto"),)
    assert onto.lookup("World Trade Organisation") == ()


def _write(tmp_onto: Path, body: str) -> None:
    (tmp_onto / "gazetteer" / "zz_test.yaml").write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "- {id: x-1, type: Ministry, name: Contoh}\n",
            r"zz_test\.yaml entry 'x-1': unknown type 'Ministry'",
        ),
        (
            "- {id: kemnaker, type: GovernmentBody, name: Contoh}\n",
            r"zz_test\.yaml entry 'kemnaker': duplicate id",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, aliases: [JENEWA]}\n",
            r"form 'JENEWA' also names places_world\.yaml entry 'jenewa'",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, acronyms: [IOM]}\n",
            r"zz_test\.yaml entry 'x-1': form 'IOM' also names",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, aliases: [iom]}\n",
            r"form 'iom' also names international\.yaml entry 'iom'",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, parent: nowhere}\n",
            r"parent 'nowhere' is not a gazetteer id",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, parent: kemnaker}\n",
            r"parent 'kemnaker' is a GovernmentBody",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, country: jenewa}\n",
            r"country 'jenewa' is not a Country entry",
        ),
        (
            "- {id: x-1, type: Place, name: Contoh, wikidata: 252}\n",
            r"wikidata must look like 'Q123'",
        ),
        ("- {id: X One, type: Place, name: Contoh}\n", r"id must be a lowercase slug"),
        ("- {id: x-1, type: Place, name: Contoh, alias: [a]}\n", r"unknown field\(s\) alias"),
        ("- {id: x-1, type: Place}\n", r"missing or empty 'name'"),
        (
            "- {id: x-1, type: Place, name: Contoh, acronyms: [NO]}\n",
            r"holds a YAML boolean; quote it",
        ),
        ("{id: x-1}\n", r"zz_test\.yaml: expected a list of entries"),
        ("- [unclosed\n", r"zz_test\.yaml: not valid YAML"),
    ],
)
def test_bad_gazetteer_data_names_file_entry_and_reason(
    tmp_onto: Path, body: str, expected: str
) -> None:
    _write(tmp_onto, body)
    with pytest.raises(OntologyError, match=expected):
        load_ontology(tmp_onto)


def test_ambiguous_forms_may_repeat(tmp_onto: Path) -> None:
    _write(tmp_onto, "- {id: x-1, type: Place, name: Contoh, ambiguous: [GB]}\n")
    onto = load_ontology(tmp_onto)
    assert onto.lookup("GB") == ()


def test_bad_roles_are_reported(tmp_onto: Path) -> None:
    path = tmp_onto / "roles.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - {title: Kepala Contoh, implies: nowhere}\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologyError, match=r"roles\.yaml .*'Kepala Contoh': implies 'nowhere'"):
        load_ontology(tmp_onto)


# --------------------------------------------------------------------------- lexicons


def test_lexicon_lists(tmp_onto: Path) -> None:
    lexdir = tmp_onto / "lexicon"
    lexdir.mkdir(exist_ok=True)
    (lexdir / "zz_flat.yaml").write_text("warna: [merah, putih]\n", encoding="utf-8")
    (lexdir / "zz_nested.yaml").write_text("kelompok:\n  angka: [satu, dua]\n", encoding="utf-8")
    (lexdir / "zz_bare.yaml").write_text("- pertama\n- kedua\n", encoding="utf-8")
    onto = load_ontology(tmp_onto)
    assert onto.lexicon("warna") == ("merah", "putih")
    assert onto.lexicon("kelompok.angka") == ("satu", "dua")
    assert onto.lexicon("angka") == ("satu", "dua")
    assert onto.lexicon("zz_bare") == ("pertama", "kedua")
    with pytest.raises(KeyError, match="no lexicon list 'tidak-ada'"):
        onto.lexicon("tidak-ada")


def test_project_lexicons_are_served(onto) -> None:
    names = onto.lexicon_names()
    for path in sorted((ONTOLOGY_DIR / "lexicon").glob("*.yaml")):
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in (data or {}).items() if isinstance(data, dict) else ():
            if isinstance(value, list):
                assert key in names
                assert onto.lexicon(key) == tuple(str(v) for v in value)


def test_forms_normalise_distinctly(onto) -> None:
    # within one entry, forms may coincide after norm; across entries they never do
    owners: dict[str, str] = {}
    for e in onto.entries:
        for f in e.forms():
            if f in e.acronyms:
                continue
            assert owners.setdefault(norm(f), e.id) == e.id, (f, e.id, owners[norm(f)])
