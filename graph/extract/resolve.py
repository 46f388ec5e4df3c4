"""Within-article resolution: mentions -> entities with one name, aliases and spans.

Later short forms point back to the full entity: "Afriansyah" and "Wamen
Afriansyah" to "Afriansyah Noor", "Kemnaker" to "Kementerian Ketenagakerjaan"
(same gazetteer entry), an acronym to the name it was defined for ("Direktorat
... (OINB)"). The name is the fullest form the text uses; other forms are
aliases (README section 4 and C14-C19).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.mentions import ET, Analysis, Cand, Rules
from graph.model import ORGANISATION_TYPES, EntityType, Mention
from graph.names import norm

_INNER_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9-]*\s*\)\s*")  # "(OINB)", "(Kejari)"

_TYPE_RANK = {
    ET.PERSON: 0,
    ET.GOVERNMENT_BODY: 1,
    ET.INTERNATIONAL_ORGANIZATION: 1,
    ET.CIVIL_SOCIETY: 2,
    ET.AGREEMENT: 1,
    ET.PROGRAM: 2,
    ET.EVENT: 1,
    ET.COUNTRY: 0,
    ET.PLACE: 2,
}


@dataclass(slots=True)
class Group:
    """An entity under construction."""

    type: EntityType
    ref: str | None
    cands: list[Cand] = field(default_factory=list)
    extra_aliases: list[str] = field(default_factory=list)
    name_override: str | None = None
    implied_only: bool = False

    @property
    def first(self) -> int:
        return min(c.start for c in self.cands) if self.cands else 10**9


def _tokens(s: str) -> list[str]:
    return [t for t in norm(s).split() if len(t) > 1]


def _is_short_form(short: str, full: str) -> bool:
    """ "Hanif" / "Hanif Dhakiri" / "Dhakiri" are short forms of "M. Hanif Dhakiri"."""
    st, ft = _tokens(short), _tokens(full)
    if not st or (len(st) >= len(ft) and st != ft):
        return False
    return all(t in ft for t in st) and st != ft


class Resolver:
    """Groups candidate mentions of one document into entities."""

    def __init__(self, a: Analysis, r: Rules) -> None:
        self.a, self.r, self.v = a, r, r.v
        self.groups: list[Group] = []
        self.of: dict[int, Group] = {}  # id(cand) -> group
        self._keys: dict[int, tuple[str, ...]] = {}
        self._text_keys: dict[str, tuple[str, ...]] = {}
        self._person_names: dict[int, set[str]] = {}
        self._person_by_token: dict[str, list[Group]] = {}

    def text(self, c: Cand) -> str:
        return c.name or self.v.span_text(c.start, c.end)

    def run(self) -> list[Group]:
        cands = self._deduplicate([c for c in self.a.cands if not c.nested])
        persons = [c for c in cands if c.type is ET.PERSON]
        anaphors = [c for c in cands if c.rule.startswith("anaphor")]
        others = [c for c in cands if c.type is not ET.PERSON and not c.rule.startswith("anaphor")]
        # longest first so that short forms find their full entity
        for c in sorted(others, key=lambda c: (-(c.end - c.start), c.start)):
            self._add(c)
        for c in sorted(anaphors, key=lambda c: c.start):
            self._add_anaphor(c)
        for c in sorted(persons, key=lambda c: (-len(_tokens(self.text(c))), c.start)):
            self._add_person(c)
        # a lone capitalised word with nothing else saying it is a person is dropped, and so
        # is a name only a headline uses (headlines paraphrase: "Jaringan TPPO")
        self.groups = [
            g
            for g in self.groups
            if not _weak_person(g)
            and not all(
                x.headline and not x.ref for x in g.cands if not x.rule.startswith("anaphor")
            )
        ]
        # names written only inside another name link to an existing entity, never create one
        for c in self.a.cands:
            if c.nested:
                g = self._group_by_ref(c.ref) if c.ref else None
                if g is None:
                    key = norm(self.text(c))
                    g = next(
                        (
                            x
                            for x in self.groups
                            if _compatible(x.type, c.type)
                            and any(norm(self.text(y)) == key for y in x.cands)
                        ),
                        None,
                    )
                if g is not None:
                    self.of[id(c)] = g
        # "Wamen Afriansyah": a title with a short name is itself an alias (README C18)
        longest_of: dict[int, int] = {}
        for t in self.a.titles:
            p = t.person
            g = self.of.get(id(p)) if p is not None else None
            if g is None or p.start < t.start:
                continue
            if id(g) not in longest_of:
                longest_of[id(g)] = max(len(_tokens(t)) for t in {self.text(x) for x in g.cands})
            longest = longest_of[id(g)]
            if len(_tokens(self.text(p))) < longest:
                g.extra_aliases.append(self.v.span_text(t.start, p.end))
        for s, e, ref in self.a.country_alias:
            g = self._group_by_ref(ref) if ref else None
            if g is not None:
                g.extra_aliases.append(self.v.span_text(s, e))
        return self.groups

    def group(self, c: Cand | None) -> Group | None:
        """The entity a candidate belongs to (also for candidates merged into a longer one)."""
        if c is None:
            return None
        g = self.of.get(id(c))
        if g is not None:
            return g
        for grp in self.groups:
            for x in grp.cands:
                if x.start <= c.start and c.end <= x.end and _compatible(x.type, c.type):
                    return grp
        if c.ref:
            return self._group_by_ref(c.ref)
        key = norm(self.text(c))
        for grp in self.groups:
            if _compatible(grp.type, c.type) and any(norm(self.text(x)) == key for x in grp.cands):
                return grp
        return None

    # ------------------------------------------------------------------ internals

    def _deduplicate(self, cands: list[Cand]) -> list[Cand]:
        """Overlapping candidates: the longer (then more confident) one wins."""
        ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.confidence, c.start))
        kept: list[Cand] = []
        owner: dict[int, Cand] = {}  # token -> the first kept candidate covering it
        for c in ordered:
            clash = next((owner[k] for k in range(c.start, c.end) if k in owner), None)
            if clash is None:
                kept.append(c)
                for k in range(c.start, c.end):
                    owner[k] = c
            elif clash.start <= c.start and c.end <= clash.end and c.rule in ("title.inner",):
                kept.append(c)  # an organisation named inside a title is an entity (C4)
            elif (
                clash.start <= c.start
                and c.end <= clash.end
                and clash.rule.startswith("phrase.")
                and c.type in (ET.AGREEMENT, ET.PROGRAM)
            ):
                kept.append(c)  # the instrument a meeting is about ("lokakarya tentang GCM")
        return sorted(kept, key=lambda c: c.start)

    def _group_by_ref(self, ref: str) -> Group | None:
        for g in self.groups:
            if g.ref == ref:
                return g
        return None

    def _add(self, c: Cand) -> None:
        if c.ref is None and c.type is ET.GOVERNMENT_BODY:
            # a body written another way than the gazetteer's forms: same name key, same entry
            c.ref = self.r.lex.body_by_key().get(self.key(c))
        key = norm(self.text(c))
        target = self._group_by_ref(c.ref) if c.ref else None
        if target is None and c.rule == "acronym.use":
            owner = self.a.acronym_owner.get(self.text(c))
            target = self.of.get(id(owner)) if owner is not None else None
        if target is None:
            for g in self.groups:
                if not _compatible(g.type, c.type):
                    continue
                forms = {norm(self.text(x)) for x in g.cands} | {norm(a) for a in g.extra_aliases}
                if key in forms or any(norm(al) == key for x in g.cands for al in x.aliases):
                    target = g
                    break
                acr = self.a.acronyms.get(self.text(c))
                if acr and norm(acr) in forms:
                    target = g
                    break
        if target is None and c.type in ORGANISATION_TYPES | {ET.PLACE}:
            target = self._same_key(c)
        if target is None and c.type in _DESCRIBED and c.rule.startswith(("phrase.", "anaphor")):
            target = self._similar(c)
        if target is None:
            target = Group(c.type, c.ref)
            self.groups.append(target)
        elif c.ref and not target.ref:
            target.ref = c.ref
        if _TYPE_RANK.get(c.type, 3) < _TYPE_RANK.get(target.type, 3) and c.ref:
            target.type = c.type
        target.cands.append(c)
        self.of[id(c)] = target

    def key(self, c: Cand) -> tuple[str, ...]:
        k = self._keys.get(id(c))
        if k is None:
            k = self._keys[id(c)] = self.text_key(self.text(c))
        return k

    def text_key(self, text: str) -> tuple[str, ...]:
        """``name_key`` of a text, computed once per document (relations ask often)."""
        k = self._text_keys.get(text)
        if k is None:
            k = self._text_keys[text] = name_key(text, self.a.acronyms, self.r.lex)
        return k

    def _same_key(self, c: Cand) -> Group | None:
        """Same organisation written another way, or its short form ("Dinas Tenaga Kerja dan
        Transmigrasi" for "... Provinsi Nusa Tenggara Timur"; a bare "KBRI" for "KBRI Tokyo")."""
        mine = self.key(c)
        if not mine:
            return None
        prefix_hits: list[Group] = []
        for g in self.groups:
            if not _compatible(g.type, c.type):
                continue
            for x in g.cands:
                theirs = self.key(x)
                if theirs == mine:
                    return g
                if (
                    (len(mine) >= 2 or self._bare_head(c))
                    and c.type is not ET.INTERNATIONAL_ORGANIZATION
                    and len(theirs) > len(mine)
                    and theirs[: len(mine)] == mine
                    and all(t.startswith("@") for t in theirs[len(mine) :])
                    and g not in prefix_hits
                ):
                    prefix_hits.append(g)
        return prefix_hits[0] if len(prefix_hits) == 1 else None

    def _bare_head(self, c: Cand) -> bool:
        return c.end - c.start == 1 and self.r.lex.has("standalone_heads", self.text(c))

    def _content(self, text: str) -> set[str]:
        """Distinctive words of a descriptive name: heads and connectors out, acronyms expanded."""
        lex = self.r.lex
        words: list[str] = []
        for w in text.split():
            w = w.strip('"“”()')
            exp = self.a.acronyms.get(w)
            words.extend(norm(exp).split() if exp else norm(w).split())
        heads = lex.lists.get("head_words", frozenset())
        conn = lex.lists.get("name_connectors", frozenset())
        return {w for w in words if w not in heads and w not in conn}

    def _similar(self, c: Cand) -> Group | None:
        """The same unnamed event / instrument written another way ("sidang ... GB ILO")."""
        text = self.text(c)
        mine = self._content(text)
        first = norm(text).split()[:1]
        head = list(self.r.lex.head_abbreviations.get(first[0], first)) if first else []
        best: Group | None = None
        best_rank: tuple[bool, int] = (False, -1)
        for g in self.groups:
            if g.type is not c.type:
                continue
            for x in g.cands:
                if not x.rule.startswith(("phrase.", "head.", "gazetteer")):
                    continue
                theirs = self._content(self.text(x))
                xwords = norm(self.text(x)).split()
                if not mine or c.rule.startswith("anaphor"):
                    # a bare head ("resolusi", "Rakornas", "pertemuan tahunan tersebut")
                    # refers to the latest entity it heads in the story (headlines paraphrase)
                    if xwords[: len(head)] == head or c.rule.startswith("anaphor.any"):
                        rank = (not x.headline, x.start if x.start <= c.start else -1)
                        if best is None or rank >= best_rank:
                            best, best_rank = g, rank
                    continue
                shared = mine & theirs
                same_head = xwords[:1] == first
                if (
                    shared
                    and len(shared) / min(len(mine), len(theirs)) >= 0.75
                    and (
                        same_head or any(w.isdigit() or not self.r.lex.is_common(w) for w in shared)
                    )
                ):
                    return g
        return best

    def _add_anaphor(self, c: Cand) -> None:
        """ "Pertemuan ini", "konsensus tersebut": the nearest preceding entity it can mean."""
        text = self.text(c)
        first = norm(text).split()[:1]
        head = list(self.r.lex.head_abbreviations.get(first[0], first)) if first else []
        best, best_pos = None, -1
        for g in self.groups:
            if c.rule == "anaphor.org":
                if g.type not in ORGANISATION_TYPES:
                    continue
            elif g.type is not c.type:
                continue
            for x in g.cands:
                if x.start >= c.start or x.rule.startswith("anaphor") or x.headline:
                    continue
                words = norm(self.text(x)).split()
                fits = (
                    c.rule in ("anaphor.any", "anaphor.org")
                    or words[: len(head)] == head
                    or head[0] in words
                )
                if fits and x.start > best_pos:
                    best, best_pos = g, x.start
        if best is not None:
            best.cands.append(c)
            self.of[id(c)] = best

    def _add_person(self, c: Cand) -> None:
        text = self.text(c)
        key = norm(text)
        best = None
        seen: set[int] = set()
        for tok in _tokens(text):
            for g in self._person_by_token.get(tok, ()):
                if id(g) in seen:
                    continue
                seen.add(id(g))
                names = self._person_names[id(g)]
                same = key in {norm(n) for n in names} or any(
                    _is_short_form(text, n) for n in names
                )
                # the nearest preceding full mention wins when several people share a name part
                if same and (best is None or (g.first <= c.start and g.first > best.first)):
                    best = g
        if best is None:
            best = Group(ET.PERSON, None)
            self.groups.append(best)
            self._person_names[id(best)] = set()
        best.cands.append(c)
        self.of[id(c)] = best
        if text not in self._person_names[id(best)]:
            self._person_names[id(best)].add(text)
            for tok in _tokens(text):
                self._person_by_token.setdefault(tok, []).append(best)


_DESCRIBED = frozenset({ET.EVENT, ET.AGREEMENT, ET.PROGRAM})


_PLACE_HEAD_WORDS = frozenset({"provinsi", "kabupaten", "kota", "kotamadya", "prov", "kab"})


def name_key(text: str, acronyms: dict[str, str], lex, depth: int = 0) -> tuple[str, ...]:
    """A comparison key for organisation names written in different ways.

    Acronyms the article defines and abbreviated heads are expanded ("BP3MI NTT",
    "Disnakertrans Jawa Barat"), place names become their gazetteer id
    ("NTT" = "Nusa Tenggara Timur"), a place-kind word before a place is dropped
    ("Provinsi"), and an inner "(ACR)" is ignored.
    """
    words: list[str] = []
    for raw in _INNER_ACRONYM.sub(" ", text).split():
        exp = acronyms.get(raw) if depth < 2 else None
        if exp and exp != text:
            words.extend(name_key(exp, acronyms, lex, depth + 1))
            continue
        ab = lex.head_abbreviations.get(raw.lower())
        if ab:
            words.extend(ab)
            continue
        words.extend(norm(raw).split())
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            ref = lex.place_forms.get(tuple(words[i : i + n])) if i + n <= len(words) else None
            if ref is not None:
                if out and out[-1] in _PLACE_HEAD_WORDS:
                    out.pop()
                out.append("@" + ref)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


def _weak_person(g: Group) -> bool:
    return g.type is ET.PERSON and all(
        c.rule == "person.shape" and c.end - c.start == 1 for c in g.cands
    )


def _compatible(t1: EntityType, t2: EntityType) -> bool:
    if t1 is t2:
        return True
    return t1 in ORGANISATION_TYPES and t2 in ORGANISATION_TYPES


def entity_forms(res: Resolver, g: Group, lex_entries) -> tuple[str, list[str], list[Mention]]:
    """Name, aliases and mentions of a group (README: name = fullest form in the text)."""
    v = res.v
    texts: list[str] = []
    forms: list[str] = []
    mentions: list[Mention] = []
    described = any(c.rule.startswith("phrase.") for c in g.cands)
    for c in sorted(g.cands, key=lambda c: c.start):
        t = res.text(c)
        if c.rule.startswith("anaphor"):
            if described:
                forms.append(t.lower() if t[:1].isupper() and v.first_in_sentence(c.start) else t)
            continue
        texts.append(t)
        forms.append(t)
        forms.extend(c.aliases)
        if not c.implied:
            mentions.append(
                Mention(v.span_text(c.start, c.end), v.idx[c.start], v.ends[c.end - 1], c.rule)
            )
    forms.extend(g.extra_aliases)
    entry = lex_entries.get(g.ref) if g.ref else None
    if g.name_override and not texts:
        name = g.name_override
    elif entry is not None and texts and all(t in entry.acronyms for t in texts):
        name = entry.name  # only acronyms in the text: the standard name (README s01 "Kemnaker")
    elif texts:

        def weight(f: str) -> tuple:
            size = len(_tokens(f)) if g.type is ET.PERSON else len(_INNER_ACRONYM.sub(" ", f))
            return (size, -texts.index(f))

        name = max(texts, key=weight)
    else:
        name = g.name_override or ""
    if "(" in name:  # an inner parenthesised acronym is left out of the name (C16)
        tidy = " ".join(_INNER_ACRONYM.sub(" ", name).split())
        if tidy and tidy != name:
            forms.append(name)
            name = tidy
    seen = {norm(name)}
    aliases: list[str] = []
    for f in forms:
        k = norm(f)
        if f and k and k not in seen:
            seen.add(k)
            aliases.append(f)
    return name, aliases, mentions


def _looks_acronym(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and len(s.split()) == 1 and sum(c.isupper() for c in letters) >= 2
