"""Loader for the knowledge in ``ontology/``: gazetteer, role titles, lexicons, vocabulary.

The extractor and the RDF builder get all domain knowledge from here, as data:
adding a ministry, an alias or a role title is an edit under ``ontology/``, not
a code change. Loading is cached.

CONTRACT (implemented by the ontology work; the extractor relies on these names):

- ``load_ontology(directory=ONTOLOGY_DIR) -> Ontology`` (cached per directory)
- ``Ontology.entries``: tuple of ``GazetteerEntry``
- ``Ontology.entry(id) -> GazetteerEntry``; ``Ontology.iri(id) -> str``
- ``Ontology.roles``: tuple of ``RoleTitle``
- ``Ontology.lexicon(name) -> tuple[str, ...]``: a word list from ``ontology/lexicon/{name}.yaml``
- ``Ontology.domain(p)`` / ``Ontology.range(p)``: frozensets of ``EntityType`` from migrasi.ttl

Conventions of the curated data (checked on load, see ``OntologyError``):

- Acronyms are matched case-sensitively, every other form case-insensitively, so
  two entries may not share a form: no two case-insensitive forms with the same
  ``norm``, no acronym equal to another entry's acronym, no acronym whose ``norm``
  equals another entry's case-insensitive form.
- Short forms that are right for an entry but mean other things too ("GB" for the
  ILO Governing Body) go under ``ambiguous``: they are labels of the entry (RDF
  altLabel) but ``forms()`` leaves them out, so no matcher fires on them alone.
- ``parent`` is the organisation an organisation is part of (rendered ``mo:partOf``)
  or the place a place lies in (``mo:locatedIn``); ``country`` is the state an
  entry belongs to, rendered ``mo:locatedIn`` for places without a ``parent``
  (the graph keeps direct links only).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from graph.defaults import DATA_NS, ONTOLOGY_DIR, ONTOLOGY_NS
from graph.model import EntityType, Predicate
from graph.names import norm

if TYPE_CHECKING:
    import rdflib

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
ROLE_KINDS = frozenset({"position", "state", "rank"})


class OntologyError(ValueError):
    """Curated data under ``ontology/`` is malformed; the message names file, entry and reason."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A curated entity: one real-world thing with all the names it goes by."""

    id: str  # IRI local name: mid:{id}
    type: EntityType
    name: str  # canonical Indonesian name
    name_en: str | None = None
    aliases: tuple[str, ...] = ()  # other names and spellings (case-insensitive match)
    acronyms: tuple[str, ...] = ()  # acronyms and other case-sensitive forms ("IOM", "Malang")
    historical: tuple[str, ...] = ()  # former names (matched, kept as altLabel)
    parent: str | None = None  # gazetteer id of the parent organisation (partOf)
    country: str | None = None  # gazetteer id of the country it belongs to / lies in
    wikidata: str | None = None  # "Q123" when known for certain
    ambiguous: tuple[str, ...] = ()  # labels too ambiguous to match on their own ("GB")
    source: str = field(default="", compare=False)  # file it was read from, for messages

    def forms(self) -> tuple[str, ...]:
        """Every surface form that should be recognised as this entry."""
        seen: dict[str, None] = {}
        for f in (self.name, self.name_en, *self.aliases, *self.acronyms, *self.historical):
            if f:
                seen.setdefault(f, None)
        return tuple(seen)

    def labels(self) -> tuple[str, ...]:
        """``forms()`` plus the ambiguous short forms: every label the entry has."""
        seen = dict.fromkeys(self.forms())
        seen.update(dict.fromkeys(self.ambiguous))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class RoleTitle:
    """A position title and what it implies."""

    title: str  # "Menteri Ketenagakerjaan", or a generic head: "Direktur Jenderal"
    abbreviations: tuple[str, ...] = ()  # "Menaker", "Wamenaker"
    implies: str | None = None  # gazetteer id of the organisation the title names
    kind: str = "position"  # "position" | "state" (represents the state) | "rank" (not a position)


# --------------------------------------------------------------------------- the loaded data


class Ontology:
    """Everything under one ``ontology/`` directory, read once."""

    def __init__(
        self,
        directory: Path,
        entries: tuple[GazetteerEntry, ...],
        roles: tuple[RoleTitle, ...],
        role_modifiers: tuple[str, ...],
        deputy_prefixes: tuple[str, ...],
    ) -> None:
        self.directory = directory
        self.entries = entries
        self.roles = roles
        #: words written before a title that keep it a title ("Plt.", "Pj."), lowercase-matched
        self.role_modifiers = role_modifiers
        #: prefixes that make a deputy of any title ("Wakil"); a listed "Wakil ..." title wins
        self.deputy_prefixes = deputy_prefixes
        self._by_id = {e.id: e for e in entries}

    def __repr__(self) -> str:
        n, r = len(self.entries), len(self.roles)
        return f"Ontology({str(self.directory)!r}, {n} entries, {r} roles)"

    # ------------------------------------------------------------------ gazetteer

    def entry(self, entry_id: str) -> GazetteerEntry:
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise KeyError(
                f"no gazetteer entry {entry_id!r} in {self.directory / 'gazetteer'}"
            ) from None

    def get(self, entry_id: str) -> GazetteerEntry | None:
        return self._by_id.get(entry_id)

    def iri(self, entry_id: str) -> str:
        """The curated IRI ``mid:{id}`` of an entry (the id must exist)."""
        return DATA_NS + self.entry(entry_id).id

    def by_type(self, etype: EntityType | str) -> tuple[GazetteerEntry, ...]:
        t = EntityType(etype)
        return tuple(e for e in self.entries if e.type is t)

    def lookup(self, form: str) -> tuple[GazetteerEntry, ...]:
        """Entries one surface form names, matched the way the extractor matches
        (acronyms exactly, other forms after ``norm``)."""
        cased, insensitive = self._form_index
        return cased.get(form, ()) + tuple(
            e for e in insensitive.get(norm(form), ()) if e not in cased.get(form, ())
        )

    @functools.cached_property
    def _form_index(
        self,
    ) -> tuple[dict[str, tuple[GazetteerEntry, ...]], dict[str, tuple[GazetteerEntry, ...]]]:
        cased: dict[str, tuple[GazetteerEntry, ...]] = {}
        insensitive: dict[str, tuple[GazetteerEntry, ...]] = {}
        for e in self.entries:
            for f in e.forms():
                table, key = (cased, f) if f in e.acronyms else (insensitive, norm(f))
                if e not in table.get(key, ()):
                    table[key] = (*table.get(key, ()), e)
        return cased, insensitive

    # ------------------------------------------------------------------ roles and lexicons

    def role(self, title: str) -> RoleTitle | None:
        """The role whose title or abbreviation equals ``title`` (normalised)."""
        key = norm(title)
        return self._roles_by_form.get(key)

    @functools.cached_property
    def _roles_by_form(self) -> dict[str, RoleTitle]:
        out: dict[str, RoleTitle] = {}
        for r in self.roles:
            for f in (r.title, *r.abbreviations):
                out.setdefault(norm(f), r)
        return out

    def lexicon(self, name: str) -> tuple[str, ...]:
        """A word list of ``ontology/lexicon/*.yaml`` by its key (or file stem)."""
        lists = self._lexicons
        try:
            return lists[name]
        except KeyError:
            raise KeyError(
                f"no lexicon list {name!r} in {self.directory / 'lexicon'} "
                f"(have: {', '.join(sorted(lists)) or 'none'})"
            ) from None

    def lexicon_names(self) -> tuple[str, ...]:
        return tuple(sorted(self._lexicons))

    @functools.cached_property
    def _lexicons(self) -> dict[str, tuple[str, ...]]:
        return read_lexicons(self.directory / "lexicon")

    # ------------------------------------------------------------------ vocabulary (migrasi.ttl)

    def domain(self, p: Predicate | str) -> frozenset[EntityType]:
        """Entity types allowed as subject of predicate ``p`` (rdfs:domain in migrasi.ttl)."""
        return self._signatures[Predicate(p)][0]

    def range(self, p: Predicate | str) -> frozenset[EntityType]:
        """Entity types allowed as object of predicate ``p`` (rdfs:range in migrasi.ttl)."""
        return self._signatures[Predicate(p)][1]

    @functools.cached_property
    def _signatures(self) -> dict[Predicate, tuple[frozenset[EntityType], frozenset[EntityType]]]:
        return predicate_signatures(self.directory / "migrasi.ttl")

    # ------------------------------------------------------------------ RDF

    def gazetteer_graph(self) -> rdflib.Graph:
        """The curated entries in the RDF model of ARCHITECTURE.md (fresh graph each call)."""
        return gazetteer_graph(self.entries)


# --------------------------------------------------------------------------- reading


def _as_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and any(isinstance(v, bool) for v in value):
        # YAML 1.1 reads an unquoted NO, Yes, On... as a boolean
        raise OntologyError(f'{where}: {key!r} holds a YAML boolean; quote it ("NO")')
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    raise OntologyError(f"{where}: {key!r} must be a string or a list of strings")


_ENTRY_FIELDS = {f.name for f in fields(GazetteerEntry)} - {"source"}
_TUPLE_FIELDS = ("aliases", "acronyms", "historical", "ambiguous")


def _read_entry(raw: Any, path: Path, index: int) -> GazetteerEntry:
    where = f"{path.name} entry {index + 1}"
    if not isinstance(raw, dict):
        raise OntologyError(f"{where}: expected a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{path.name} entry {raw['id']!r}"
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise OntologyError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    for key in ("id", "type", "name"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise OntologyError(f"{where}: missing or empty {key!r}")
    if not _ID.match(raw["id"]):
        raise OntologyError(
            f"{where}: id must be a lowercase slug (a-z, 0-9, '-'), got {raw['id']!r}"
        )
    try:
        etype = EntityType(raw["type"])
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise OntologyError(f"{where}: unknown type {raw['type']!r} (one of {allowed})") from None
    wikidata = raw.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _QID.match(wikidata)):
        raise OntologyError(f"{where}: wikidata must look like 'Q123', got {wikidata!r}")
    for key in ("name_en", "parent", "country"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise OntologyError(f"{where}: {key!r} must be a string")
    return GazetteerEntry(
        id=raw["id"],
        type=etype,
        name=raw["name"].strip(),
        name_en=(raw.get("name_en") or "").strip() or None,
        parent=raw.get("parent"),
        country=raw.get("country"),
        wikidata=wikidata,
        source=path.name,
        **{k: _as_tuple(raw.get(k), where, k) for k in _TUPLE_FIELDS},
    )


def read_gazetteer(directory: Path) -> tuple[GazetteerEntry, ...]:
    """Every entry of ``directory/*.yaml`` in file order, ids unique, references resolved."""
    entries: list[GazetteerEntry] = []
    seen: dict[str, GazetteerEntry] = {}
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            try:
                data = yaml.load(f, Loader=_Loader)
            except yaml.YAMLError as exc:
                raise OntologyError(f"{path.name}: not valid YAML: {exc}") from None
        if data is None:
            continue
        if not isinstance(data, list):
            raise OntologyError(f"{path.name}: expected a list of entries")
        for i, raw in enumerate(data):
            e = _read_entry(raw, path, i)
            if e.id in seen:
                raise OntologyError(
                    f"{path.name} entry {e.id!r}: duplicate id (also in {seen[e.id].source})"
                )
            seen[e.id] = e
            entries.append(e)
    _check_references(seen)
    _check_forms(entries)
    return tuple(entries)


_ORGS = frozenset(
    {EntityType.GOVERNMENT_BODY, EntityType.INTERNATIONAL_ORGANIZATION, EntityType.CIVIL_SOCIETY}
)


def _check_references(by_id: dict[str, GazetteerEntry]) -> None:
    for e in by_id.values():
        where = f"{e.source} entry {e.id!r}"
        if e.parent is not None:
            parent = by_id.get(e.parent)
            if parent is None:
                raise OntologyError(f"{where}: parent {e.parent!r} is not a gazetteer id")
            ok = (e.type in _ORGS and parent.type in _ORGS) or (
                e.type is EntityType.PLACE and parent.type is EntityType.PLACE
            )
            if not ok:
                raise OntologyError(
                    f"{where}: parent {e.parent!r} is a {parent.type.value}; an organisation's "
                    "parent must be an organisation, a place's parent a place"
                )
        if e.country is not None:
            country = by_id.get(e.country)
            if country is None or country.type is not EntityType.COUNTRY:
                raise OntologyError(f"{where}: country {e.country!r} is not a Country entry")
    for e in by_id.values():  # no cycles in parent chains
        chain = [e.id]
        p = e.parent
        while p is not None:
            if p in chain:
                raise OntologyError(
                    f"{e.source} entry {e.id!r}: parent cycle {' -> '.join([*chain, p])}"
                )
            chain.append(p)
            p = by_id[p].parent


def _check_forms(entries: Iterable[GazetteerEntry]) -> None:
    """No surface form may name two entries (see the module docstring for the rule)."""
    insensitive: dict[str, tuple[GazetteerEntry, str]] = {}  # norm(form) -> first owner
    cased: dict[str, tuple[GazetteerEntry, str]] = {}  # acronym -> first owner
    cased_norm: dict[str, tuple[GazetteerEntry, str]] = {}  # norm(acronym) -> first owner

    for e in entries:
        acronyms = set(e.acronyms)
        for form in e.forms():
            key = norm(form)
            if not key:
                raise OntologyError(
                    f"{e.source} entry {e.id!r}: form {form!r} is empty after normalisation"
                )
            checks = (
                ((cased, form), (insensitive, key))
                if form in acronyms
                else (
                    (insensitive, key),
                    (cased_norm, key),
                )
            )
            for table, k in checks:
                hit = table.get(k)
                if hit and hit[0].id != e.id:
                    o, oform = hit
                    raise OntologyError(
                        f"{e.source} entry {e.id!r}: form {form!r} also names {o.source} entry "
                        f"{o.id!r} (as {oform!r}); move one to 'ambiguous' or drop it"
                    )
            if form in acronyms:
                cased.setdefault(form, (e, form))
                cased_norm.setdefault(key, (e, form))
            else:
                insensitive.setdefault(key, (e, form))


def read_roles(path: Path) -> tuple[tuple[RoleTitle, ...], tuple[str, ...], tuple[str, ...]]:
    """``roles.yaml`` -> (titles incl. ranks, modifiers, deputy prefixes)."""
    if not path.exists():
        return (), (), ()
    with path.open(encoding="utf-8") as f:
        try:
            data = yaml.load(f, Loader=_Loader) or {}
        except yaml.YAMLError as exc:
            raise OntologyError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise OntologyError(f"{path.name}: expected a mapping with 'titles', 'ranks', 'modifiers'")
    roles: list[RoleTitle] = []
    for section, default_kind in (("titles", "position"), ("ranks", "rank")):
        for i, raw in enumerate(data.get(section) or []):
            where = f"{path.name} {section}[{i}]"
            if isinstance(raw, str):
                raw = {"title": raw}
            if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
                raise OntologyError(f"{where}: expected a mapping with a 'title'")
            where = f"{path.name} {section} {raw['title']!r}"
            unknown = set(raw) - {"title", "abbreviations", "implies", "kind"}
            if unknown:
                raise OntologyError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            kind = raw.get("kind", default_kind)
            if kind not in ROLE_KINDS:
                raise OntologyError(
                    f"{where}: kind must be one of {sorted(ROLE_KINDS)}, got {kind!r}"
                )
            roles.append(
                RoleTitle(
                    title=raw["title"].strip(),
                    abbreviations=_as_tuple(raw.get("abbreviations"), where, "abbreviations"),
                    implies=raw.get("implies"),
                    kind=kind,
                )
            )
    modifiers = _as_tuple(data.get("modifiers"), path.name, "modifiers")
    deputies = _as_tuple(data.get("deputy_prefixes"), path.name, "deputy_prefixes")
    return tuple(roles), modifiers, deputies


def _check_roles(roles: Iterable[RoleTitle], by_id: dict[str, GazetteerEntry], path: Path) -> None:
    seen: dict[str, RoleTitle] = {}
    for r in roles:
        if r.implies is not None:
            target = by_id.get(r.implies)
            if target is None:
                raise OntologyError(
                    f"{path.name} title {r.title!r}: implies {r.implies!r}, not a gazetteer id"
                )
            if target.type not in _ORGS and target.type is not EntityType.COUNTRY:
                raise OntologyError(
                    f"{path.name} title {r.title!r}: implies {r.implies!r}, a {target.type.value} "
                    "(must be an organisation or a country)"
                )
        for form in (r.title, *r.abbreviations):
            other = seen.get(norm(form))
            if other is not None and other != r:
                raise OntologyError(
                    f"{path.name} title {r.title!r}: form {form!r} is also title {other.title!r}"
                )
            seen[norm(form)] = r


def read_lexicons(directory: Path) -> dict[str, tuple[str, ...]]:
    """Word lists of ``directory/*.yaml``.

    A file holds ``{key: [..]}``, nested ``{group: {key: [..]}}`` (served as ``group.key``
    and, when unambiguous, ``key``) or a bare list (served by the file stem).
    """
    lists: dict[str, tuple[str, ...]] = {}
    nested: dict[str, list[tuple[str, ...]]] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else ():
        with path.open(encoding="utf-8") as f:
            try:
                data = yaml.load(f, Loader=_Loader)
            except yaml.YAMLError as exc:
                raise OntologyError(f"lexicon/{path.name}: not valid YAML: {exc}") from None
        if isinstance(data, list):
            lists[path.stem] = _words(data)
        elif isinstance(data, dict):
            for key, value in data.items():
                if isinstance(value, list):
                    lists[str(key)] = _words(value)
                elif isinstance(value, dict):
                    for sub, words in value.items():
                        if isinstance(words, list):
                            lists[f"{key}.{sub}"] = _words(words)
                            nested.setdefault(str(sub), []).append(_words(words))
    for sub, found in nested.items():
        if sub not in lists and len(found) == 1:
            lists[sub] = found[0]
    return lists


def _words(values: list) -> tuple[str, ...]:
    return tuple(str(v) for v in values if v is not None and not isinstance(v, dict | list))


# --------------------------------------------------------------------------- migrasi.ttl


def predicate_signatures(
    path: Path,
) -> dict[Predicate, tuple[frozenset[EntityType], frozenset[EntityType]]]:
    """rdfs:domain / rdfs:range of the eleven predicates as entity-type sets.

    ``owl:unionOf`` lists are flattened and ``mo:Organization`` expands to its
    entity-type subclasses, so the answer is in the closed set of ``EntityType``.
    """
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDFS

    g = rdflib.Graph()
    g.parse(path, format="turtle")
    mo = rdflib.Namespace(ONTOLOGY_NS)
    by_iri = {mo[t.value]: t for t in EntityType}

    def expand(cls: rdflib.term.Node) -> set[EntityType]:
        if cls in by_iri:
            return {by_iri[cls]}
        members = g.value(cls, OWL.unionOf)
        if members is not None:
            return set().union(*(expand(m) for m in Collection(g, members)))
        return set().union(*(expand(sub) for sub in g.subjects(RDFS.subClassOf, cls)))

    out = {}
    for p in Predicate:
        prop = mo[p.value]
        dom, rng = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        if dom is None or rng is None:
            raise OntologyError(f"{path.name}: mo:{p.value} lacks rdfs:domain or rdfs:range")
        out[p] = (frozenset(expand(dom)), frozenset(expand(rng)))
    return out


# --------------------------------------------------------------------------- RDF rendering


def gazetteer_graph(entries: Iterable[GazetteerEntry]) -> rdflib.Graph:
    """Type, prefLabel (Indonesian name), altLabels (every other form; English @en),
    partOf / locatedIn from ``parent`` / ``country``, owl:sameAs Wikidata."""
    import rdflib
    from rdflib.namespace import OWL, RDF, SKOS

    mo = rdflib.Namespace(ONTOLOGY_NS)
    mid = rdflib.Namespace(DATA_NS)
    g = rdflib.Graph()
    g.bind("mo", mo)
    g.bind("mid", mid)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    for e in entries:
        node = mid[e.id]
        g.add((node, RDF.type, mo[e.type.value]))
        g.add((node, SKOS.prefLabel, rdflib.Literal(e.name)))
        if e.name_en and e.name_en != e.name:
            g.add((node, SKOS.altLabel, rdflib.Literal(e.name_en, lang="en")))
        for label in e.labels():
            if label not in (e.name, e.name_en):
                g.add((node, SKOS.altLabel, rdflib.Literal(label)))
        if e.parent:
            link = mo.locatedIn if e.type is EntityType.PLACE else mo.partOf
            g.add((node, link, mid[e.parent]))
        elif e.country and e.type is EntityType.PLACE:
            g.add((node, mo.locatedIn, mid[e.country]))
        if e.wikidata:
            g.add((node, OWL.sameAs, rdflib.URIRef(f"http://www.wikidata.org/entity/{e.wikidata}")))
    return g


# --------------------------------------------------------------------------- entry point


@functools.lru_cache(maxsize=8)
def _load(directory: Path) -> Ontology:
    entries = read_gazetteer(directory / "gazetteer")
    roles, modifiers, deputies = read_roles(directory / "roles.yaml")
    _check_roles(roles, {e.id: e for e in entries}, directory / "roles.yaml")
    return Ontology(directory, entries, roles, modifiers, deputies)


def load_ontology(directory: Path | str = ONTOLOGY_DIR) -> Ontology:
    """The ontology under ``directory``, read and checked once per directory (cached).

    Raises ``OntologyError`` naming the file, the entry and the reason when the
    curated data breaks a convention of this module's docstring.
    """
    return _load(Path(directory).resolve())


def clear_ontology_cache() -> None:
    """Forget every loaded ontology, so the next ``load_ontology`` re-reads the files
    (for a long-running process whose ``ontology/`` was edited)."""
    _load.cache_clear()
