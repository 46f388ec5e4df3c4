"""Cross-article entity resolution: one node per real-world thing across the corpus.

The extractor resolves mentions within one article; this module decides which
article-local entities of the whole corpus are the same thing and mints their
IRIs. It is conservative: a wrong merge corrupts every query about both
things, a missed merge only splits one. Rules, in order:

1. Gazetteer entries: the same ``ref`` is the same node, IRI ``mid:{ref}``.
2. Persons: honorifics, titles and degrees are stripped ("Dr. H. Budi Santoso,
   M.Si." -> "Budi Santoso"). Names with two or more full tokens meet on those
   tokens; initials must agree ("M. Hanif Dhakiri" = "Hanif Dhakiri", but
   "M. Hanif Dhakiri" and "A. Hanif Dhakiri" stay apart, and a bare form then
   stays alone) and, when both sides name affiliations, so must those. A longer
   form with an extra leading name ("Muhammad Hanif Dhakiri") joins only when
   the affiliations overlap. A one-token name ("Budi") joins the one full name
   of its own article that contains it, and stays alone otherwise; different
   people sharing a first name never meet.
3. Other entities meet on their folded name, and a name meets another entity's
   alias ("BP2MI" = the body whose alias is "BP2MI"). Descriptive names
   (lower-case: "lokakarya", "nota kerjasama") and regional bodies named only
   by type ("Dinas Kesehatan") stay in their article.

The result does not depend on the order in which articles are given.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from graph.defaults import DATA_NS
from graph.model import ORGANISATION_TYPES, EntityType, Extraction, Predicate
from graph.names import fold, slugify
from graph.rdf.iris import article_scope, short_hash
from graph.rdf.personnames import (
    NameCleaner,
    PersonName,
    extra_tokens_fit,
    initials_compatible,
)
from graph.rdf.vocab import KINDS

Key = tuple[str, ...]

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z0-9][A-Za-z0-9&.-]*$")
_TYPE_ORDER = {t: i for i, t in enumerate(EntityType)}


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """What resolution needs of one article-local entity."""

    article: str
    local: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    ref: str | None = None
    affiliations: tuple[str, ...] = ()  # local ids of the person's holdsRole objects

    @property
    def member(self) -> tuple[str, str]:
        return (self.article, self.local)


def records_of(ex: Extraction) -> list[EntityRecord]:
    """The resolution input of one extraction (affiliations from its holdsRole relations)."""
    affiliations: dict[str, list[str]] = defaultdict(list)
    for r in ex.relations:
        if r.p is Predicate.HOLDS_ROLE:
            affiliations[r.s].append(r.o)
    # interned: a corpus repeats the same names and local ids in every article, and a
    # build holds the records of all of them at once
    intern = sys.intern
    return [
        EntityRecord(
            article=intern(ex.article.id),
            local=intern(e.id),
            name=intern(e.name),
            type=e.type,
            aliases=tuple(intern(a) for a in e.aliases),
            ref=intern(e.ref) if e.ref else e.ref,
            affiliations=tuple(intern(a) for a in sorted(set(affiliations.get(e.id, ())))),
        )
        for e in ex.entities
    ]


@dataclass(slots=True)
class ResolvedEntity:
    """One node of the corpus graph and the article entities it stands for."""

    iri: str
    type: EntityType
    label: str
    alt_labels: tuple[str, ...]
    ref: str | None
    members: tuple[tuple[str, str], ...]  # (article id, local id), sorted

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({a for a, _ in self.members}))


@dataclass
class Resolution:
    """The corpus-wide entity map: (article, local id) -> IRI, and each node's description."""

    entities: dict[str, ResolvedEntity] = field(default_factory=dict)
    iri_of: dict[tuple[str, str], str] = field(default_factory=dict)

    def iri(self, article: str, local: str) -> str:
        return self.iri_of[(article, local)]

    def article_map(self, article: str) -> dict[str, str]:
        """Local entity id -> IRI for one article."""
        return dict(self._by_article.get(article, ()))

    @cached_property
    def _by_article(self) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for (article, local), iri in sorted(self.iri_of.items()):
            out[article].append((local, iri))
        return out


@dataclass(frozen=True)
class ResolverConfig:
    """Word lists and gazetteer the resolver consults (from ``ontology/``)."""

    honorifics: tuple[str, ...] = ()
    degrees: tuple[str, ...] = ()
    local_body_words: frozenset[str] = frozenset()
    region_qualifiers: frozenset[str] = frozenset()
    gazetteer: Mapping[str, Any] = field(default_factory=dict)  # id -> GazetteerEntry

    @classmethod
    def from_ontology(cls, ontology: Any | None = None) -> ResolverConfig:
        if ontology is None:
            from graph.ontology import load_ontology

            ontology = load_ontology()

        def words(name: str) -> tuple[str, ...]:
            try:
                return tuple(ontology.lexicon(name))
            except KeyError:
                return ()

        return cls(
            honorifics=words("honorifics_before"),
            degrees=words("degrees_after"),
            local_body_words=frozenset(fold(w) for w in words("local_body_words")),
            region_qualifiers=frozenset(fold(w) for w in words("region_qualifiers")),
            gazetteer={e.id: e for e in ontology.entries},
        )

    @cached_property
    def cleaner(self) -> NameCleaner:
        return NameCleaner(self.honorifics, self.degrees)

    @cached_property
    def _gazetteer_forms(self) -> dict[tuple[str, str], set[str]]:
        """(family, folded form) -> entry ids; acronyms keep their case (matched exactly)."""
        index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for e in self.gazetteer.values():
            acronyms = set(getattr(e, "acronyms", ()))
            for form in e.forms():
                key = form if form in acronyms else fold(form)
                index[(family(e.type), key)].add(e.id)
        return index

    def gazetteer_match(self, name: str, etype: EntityType) -> str | None:
        """The one curated entry a name denotes (by the entry's names), else None."""
        ids = self._gazetteer_forms.get((family(etype), name.strip())) or self._gazetteer_forms.get(
            (family(etype), fold(name))
        )
        return next(iter(ids)) if ids and len(ids) == 1 else None


# --------------------------------------------------------------------------- union-find


class _Union:
    """Union-find over hashable keys; the smallest key of a set is its representative."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def add(self, k: Key) -> None:
        self.parent.setdefault(k, k)

    def find(self, k: Key) -> Key:
        self.add(k)
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


# --------------------------------------------------------------------------- classification


def family(t: EntityType) -> str:
    """The three organisation types form one family: a body typed differently in two
    articles is still one body."""
    return KINDS[t]


def is_descriptive(name: str) -> bool:
    """A descriptive, article-specific name: no capital letter at its start."""
    s = name.strip()
    return not s or not s[0].isupper()


def is_regional_generic(name: str, cfg: ResolverConfig) -> bool:
    """A regional body named only by its type ("Dinas Kesehatan")."""
    words = set(fold(name).split())
    return bool(words & cfg.local_body_words) and not (words & cfg.region_qualifiers)


def is_strong_form(form: str) -> bool:
    """An alias specific enough to identify a thing across articles:
    an acronym ("BP2MI") or a capitalised multi-word name."""
    f = form.strip()
    if _ACRONYM.match(f):
        return True
    return len(f.split()) >= 2 and f[0].isupper()


# --------------------------------------------------------------------------- resolution


def resolve(records: Iterable[EntityRecord], config: ResolverConfig | None = None) -> Resolution:
    """Cluster the article entities of a corpus into nodes and mint their IRIs."""
    cfg = config or ResolverConfig.from_ontology()
    recs = sorted(records, key=lambda r: r.member)
    uf = _Union()
    key_of: dict[tuple[str, str], Key] = {}

    others = [r for r in recs if r.type is not EntityType.PERSON]
    persons = [r for r in recs if r.type is EntityType.PERSON]
    for r in others:
        key_of[r.member] = _other_key(r, cfg)
        uf.add(key_of[r.member])
    _link_aliases(others, key_of, uf)
    org_root = {m: uf.find(k) for m, k in key_of.items()}
    for member, key in _person_keys(persons, cfg, org_root).items():
        key_of[member] = key
        uf.add(key)

    clusters: dict[Key, list[EntityRecord]] = defaultdict(list)
    for r in recs:
        clusters[uf.find(key_of[r.member])].append(r)
    return _describe(clusters, cfg)


def _other_key(r: EntityRecord, cfg: ResolverConfig) -> Key:
    if r.ref and r.ref in cfg.gazetteer:
        return ("ref", r.ref)
    if (ref := cfg.gazetteer_match(r.name, r.type)) is not None:
        return ("ref", ref)  # unlinked in its article, but named exactly as a curated entry
    kind = family(r.type)
    if is_descriptive(r.name) or (
        r.type in ORGANISATION_TYPES and is_regional_generic(r.name, cfg)
    ):
        return ("local", kind, r.article, r.local)
    return ("name", kind, fold(r.name))


def _link_aliases(
    others: list[EntityRecord], key_of: dict[tuple[str, str], Key], uf: _Union
) -> None:
    """A name of one cluster that is a strong alias of another joins them."""
    by_name: dict[tuple[str, str], Key] = {}
    for r in others:
        k = key_of[r.member]
        if k[0] == "name":
            by_name.setdefault((k[1], k[2]), k)
    for r in others:
        k = key_of[r.member]
        if k[0] == "local":
            continue
        kind = family(r.type)
        for alias in r.aliases:
            if is_strong_form(alias):
                other = by_name.get((kind, fold(alias)))
                if other is not None:
                    uf.union(k, other)


def _person_keys(
    persons: list[EntityRecord], cfg: ResolverConfig, org_root: Mapping[tuple[str, str], Key]
) -> dict[tuple[str, str], Key]:
    """Cluster keys of the person records (see rule 2 of the module docstring)."""
    names = {r.member: cfg.cleaner.parse(r.name) for r in persons}
    affil = {
        r.member: frozenset(
            org_root.get((r.article, o), ("?", r.article, o)) for o in r.affiliations
        )
        for r in persons
    }
    keys: dict[tuple[str, str], Key] = {}
    groups: dict[tuple[str, ...], list[EntityRecord]] = defaultdict(list)
    for r in persons:
        ref = r.ref if r.ref in cfg.gazetteer else None
        if ref is None and names[r.member].is_full:
            ref = cfg.gazetteer_match(names[r.member].clean, r.type)
        if ref is not None:
            keys[r.member] = ("ref", ref)
        elif names[r.member].is_full:
            groups[names[r.member].full].append(r)
    for full, members in groups.items():
        keys.update(_split_by_initials(full, members, names, affil))
    _join_longer_forms(groups, keys, names, affil)
    by_article: dict[str, list[EntityRecord]] = defaultdict(list)  # linear, not quadratic
    for r in persons:
        by_article[r.article].append(r)
    for r in persons:
        if r.member not in keys:
            keys[r.member] = _bare_person_key(r, names, by_article[r.article], keys)
    return keys


def _split_by_initials(
    full: tuple[str, ...],
    members: list[EntityRecord],
    names: Mapping[tuple[str, str], PersonName],
    affil: Mapping[tuple[str, str], frozenset[Key]],
) -> dict[tuple[str, str], Key]:
    """One key per consistent initials variant; bare forms join only an unambiguous one."""
    variants = sorted({names[r.member].initials for r in members if names[r.member].initials})
    consistent = all(initials_compatible(a, b) for a in variants for b in variants)
    out: dict[tuple[str, str], Key] = {}
    base: Key = ("person", *full)
    for r in members:
        ini = names[r.member].initials
        if not variants or consistent:
            out[r.member] = base
        else:
            out[r.member] = (*base, "|", *ini) if ini else (*base, "|")
    if variants and consistent:
        # initialled and bare forms with disjoint stated affiliations stay apart
        with_ini = frozenset().union(
            *(affil[r.member] for r in members if names[r.member].initials)
        )
        bare = frozenset().union(
            *(affil[r.member] for r in members if not names[r.member].initials)
        )
        if with_ini and bare and not (with_ini & bare):
            for r in members:
                if names[r.member].initials:
                    out[r.member] = (*base, "|", *variants[-1])
    return out


def _join_longer_forms(
    groups: Mapping[tuple[str, ...], list[EntityRecord]],
    keys: dict[tuple[str, str], Key],
    names: Mapping[tuple[str, str], PersonName],
    affil: Mapping[tuple[str, str], frozenset[Key]],
) -> None:
    """ "Muhammad Hanif Dhakiri" joins "Hanif Dhakiri" when exactly one longer form fits
    and the two share an affiliation."""
    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for full in groups:
        for cut in range(1, len(full) - 1):
            if full[cut:] in groups:
                longer[full[cut:]].append(full)
    for short, candidates in sorted(longer.items()):
        if len(candidates) != 1:
            continue
        long = candidates[0]
        extra = long[: len(long) - len(short)]
        short_recs, long_recs = groups[short], groups[long]
        if (
            len({keys[r.member] for r in short_recs}) != 1
            or len({keys[r.member] for r in long_recs}) != 1
        ):
            continue  # one side is already split by initials: too ambiguous
        if not all(extra_tokens_fit(extra, names[r.member].initials) for r in short_recs):
            continue
        a = frozenset().union(*(affil[r.member] for r in short_recs))
        b = frozenset().union(*(affil[r.member] for r in long_recs))
        if a & b:
            target = keys[short_recs[0].member]
            for r in long_recs:
                keys[r.member] = target


def _bare_person_key(
    r: EntityRecord,
    names: Mapping[tuple[str, str], PersonName],
    persons: list[EntityRecord],
    keys: Mapping[tuple[str, str], Key],
) -> Key:
    """A one-token name joins the single full name of its article containing the token."""
    tokens = set(names[r.member].full) or set(fold(r.name).split())
    candidates = {
        keys[o.member]
        for o in persons
        if o.article == r.article
        and o.member != r.member
        and o.member in keys
        and (names[o.member].is_full or keys[o.member][0] == "ref")
        and tokens
        and tokens <= set(fold(o.name).split())
    }
    if len(candidates) == 1:
        return candidates.pop()
    return ("local", "person", r.article, r.local)


# --------------------------------------------------------------------------- description


def _describe(clusters: Mapping[Key, list[EntityRecord]], cfg: ResolverConfig) -> Resolution:
    drafts: list[
        tuple[Key, str, EntityType, str, tuple[str, ...], str | None, list[EntityRecord]]
    ] = []
    for root in sorted(clusters):
        members = clusters[root]
        ref = root[1] if root[0] == "ref" else None
        entry = cfg.gazetteer.get(ref) if ref else None
        etype = entry.type if entry is not None else _majority_type(members)
        label = entry.name if entry is not None else _label(members, cfg)
        alts = _alt_labels(members, label, cfg)
        wanted = DATA_NS + ref if ref else _minted_iri(root, etype, label, members)
        drafts.append((root, wanted, etype, label, alts, ref, members))

    taken = {DATA_NS + k for k in cfg.gazetteer}
    by_wanted: dict[str, list[Key]] = defaultdict(list)
    for root, wanted, *_ in drafts:
        by_wanted[wanted].append(root)
    res = Resolution()
    for root, wanted, etype, label, alts, ref, members in drafts:
        iri = wanted
        same = by_wanted[wanted]
        if not ref and (same[0] != root or wanted in taken):
            iri = f"{wanted}-{short_hash(*root, n=6)}"
        members_sorted = tuple(sorted(r.member for r in members))
        res.entities[iri] = ResolvedEntity(iri, etype, label, alts, ref, members_sorted)
        for m in members_sorted:
            res.iri_of[m] = iri
    return res


def _majority_type(members: list[EntityRecord]) -> EntityType:
    counts = Counter(r.type for r in members)
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER[t]))


def _display_name(r: EntityRecord, cfg: ResolverConfig) -> str:
    if r.type is EntityType.PERSON:
        return cfg.cleaner.clean(r.name) or r.name.strip()
    return r.name.strip()


def _label(members: list[EntityRecord], cfg: ResolverConfig) -> str:
    """Most frequent name; ties go to the longest, then the alphabetically first."""
    counts = Counter(_display_name(r, cfg) for r in members)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def _alt_labels(members: list[EntityRecord], label: str, cfg: ResolverConfig) -> tuple[str, ...]:
    forms: set[str] = set()
    for r in members:
        forms.update(f.strip() for f in (r.name, _display_name(r, cfg), *r.aliases))
    forms.discard(label)
    forms.discard("")
    return tuple(sorted(forms))


def _minted_iri(root: Key, etype: EntityType, label: str, members: list[EntityRecord]) -> str:
    kind = KINDS[etype]
    if root[0] == "person":
        slug = slugify(" ".join(t for t in root[1:] if t != "|"))
    else:
        slug = slugify(label)
    if root[0] == "local":
        return f"{DATA_NS}{kind}/{slug}-{article_scope(root[2])}"
    return f"{DATA_NS}{kind}/{slug}"


# --------------------------------------------------------------------------- duplicates report


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity as the store describes it (for the duplicates report)."""

    iri: str
    type: str
    label: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    a: EntitySummary
    b: EntitySummary
    reason: str
    score: float


def acronym_skip_words(ontology: Any | None = None) -> frozenset[str]:
    """Words acronyms skip ("for" in GCM), from ``ontology/lexicon/resolution.yaml``."""
    if ontology is None:
        from graph.ontology import load_ontology

        ontology = load_ontology()
    try:
        return frozenset(fold(w) for w in ontology.lexicon("acronym_skip_words"))
    except KeyError:
        return frozenset()


def _expand_acronym(acronym: str) -> str:
    """Folded acronym with repeat digits spelled out: "BP2MI" -> "bppmi"."""
    out: list[str] = []
    for c in fold(acronym).replace(" ", ""):
        if c.isdigit() and out and c in "23456789":
            out.append(out[-1] * (int(c) - 1))
        else:
            out.append(c)
    return "".join(out)


def _abbreviates(acronym: str, label: str, skip: frozenset[str]) -> float:
    """How well an acronym abbreviates a multi-word label (0: not at all)."""
    words = [w for w in fold(label).split() if w not in skip]
    if len(words) < 2 or not acronym or acronym[0] != words[0][0]:
        return 0.0
    if acronym == "".join(w[0] for w in words):
        return 0.9
    it = iter("".join(words))  # syllabic acronyms ("Kemnaker"): letters in order
    if len(acronym) >= 3 and all(c in it for c in acronym) and acronym[-1] in words[-1]:
        return 0.6
    return 0.0


_FAMILY_OF_TYPE = {t.value: family(t) for t in EntityType}


def likely_duplicates(
    entities: Iterable[EntitySummary],
    *,
    limit: int | None = None,
    skip_words: frozenset[str] | None = None,
) -> list[DuplicatePair]:
    """Pairs a human should check: similar names, shared name tokens, acronym vs expansion.

    Candidates are blocked by shared tokens and acronyms, so this stays far below
    quadratic on large graphs.
    """
    skip = acronym_skip_words() if skip_words is None else skip_words
    ents = sorted(set(entities), key=lambda e: e.iri)
    token_index: dict[tuple[str, str], list[int]] = defaultdict(list)
    acro_index: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    forms: list[set[str]] = []
    for i, e in enumerate(ents):
        fam = _FAMILY_OF_TYPE.get(e.type, e.type)
        fs = {fold(f) for f in (e.label, *e.alt_labels) if fold(f)}
        if e.type == EntityType.PERSON.value:  # a shared first name ("Budi") is no evidence
            fs = {f for f in fs if len(f.split()) >= 2}
        forms.append(fs)
        for tok in set(fold(e.label).split()):
            if len(tok) > 2:
                token_index[(fam, tok)].append(i)
        for f in (e.label, *e.alt_labels):
            if _ACRONYM.match(f.strip()):
                acr = _expand_acronym(f)
                acro_index[(fam, acr[:1])].append((i, acr))
    pairs: dict[tuple[int, int], DuplicatePair] = {}

    def offer(i: int, j: int, reason: str, score: float) -> None:
        if i == j:
            return
        key = (min(i, j), max(i, j))
        old = pairs.get(key)
        if old is None or score > old.score:
            pairs[key] = DuplicatePair(ents[key[0]], ents[key[1]], reason, round(score, 3))

    for i, e in enumerate(ents):
        fam = _FAMILY_OF_TYPE.get(e.type, e.type)
        first = fold(e.label)[:1]
        if len(e.label.split()) >= 2:
            for j, acr in acro_index.get((fam, first), ()):
                score = _abbreviates(acr, e.label, skip)
                if j != i and score and forms[i].isdisjoint(forms[j]):
                    offer(i, j, f"acronym vs expansion ({acr.upper()})", score)
        mine = set(fold(e.label).split())
        candidates: set[int] = set()
        for tok in mine:
            bucket = token_index.get((fam, tok), [])
            if len(bucket) <= 200:  # very common tokens are no evidence
                candidates.update(bucket)
        for j in candidates:
            if j <= i:
                continue
            if forms[i] & forms[j]:
                offer(i, j, "share a label", 1.0)
                continue
            theirs = set(fold(ents[j].label).split())
            jac = len(mine & theirs) / len(mine | theirs)
            if e.type == EntityType.PERSON.value:
                if jac >= 0.5 and (mine <= theirs or theirs <= mine):
                    offer(i, j, "one name contains the other", jac)
            elif jac >= 0.6:
                offer(i, j, f"{len(mine & theirs)} shared name tokens", jac)
    out = sorted(pairs.values(), key=lambda p: (-p.score, p.a.label, p.b.label))
    return out[:limit] if limit else out


def iter_members(res: Resolution) -> Iterator[tuple[str, str, str]]:
    """(article, local id, IRI) triples, sorted: the resolution as a table."""
    for (article, local), iri in sorted(res.iri_of.items()):
        yield article, local, iri


__all__ = [
    "DuplicatePair",
    "EntityRecord",
    "EntitySummary",
    "Resolution",
    "ResolvedEntity",
    "ResolverConfig",
    "is_descriptive",
    "iter_members",
    "likely_duplicates",
    "records_of",
    "resolve",
]
