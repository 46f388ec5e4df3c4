"""Mention finding: gazetteer phrases, capitalised names, titles, people, places.

The rules work on token indices of a ``DocView``. Output is a list of ``Cand``
(typed spans), ``Title`` records (a position title next to a person), acronym
definitions and sub-unit links, gathered in an ``Analysis`` that later stages
(resolution, relations, quotes) read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.doc import DocView
from graph.extract.lexicon import Lexicon
from graph.model import ORGANISATION_TYPES, EntityType
from graph.ontology import RoleTitle

ET = EntityType
_DOMAIN = re.compile(r"[a-z0-9]\.(?:com|co|id|net|org|go|or|ac)\b", re.IGNORECASE)
_ORG_OR_PLACE = frozenset({*ORGANISATION_TYPES, ET.COUNTRY, ET.PLACE})
_ROMAN = frozenset(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
)


@dataclass(slots=True)
class Cand:
    """A typed span of tokens ``[start, end)``."""

    start: int
    end: int
    type: EntityType
    rule: str
    ref: str | None = None  # gazetteer id
    name: str | None = None  # tidied name when it differs from the span text
    aliases: list[str] = field(default_factory=list)
    confidence: float = 0.9
    implied: bool = False  # created from a title, not written as a name
    nested: bool = False  # written only inside another name: links to an entity, never creates one
    headline: bool = False  # found in a Title Case headline

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(slots=True)
class Title:
    """A position title written next to a person's name."""

    start: int
    end: int  # title tokens [start, end), including modifiers and descriptor
    role: RoleTitle | None
    person: Cand | None = None
    affiliation: Cand | None = None  # org set off by a comma or "dari"
    inner: list[Cand] = field(default_factory=list)  # entities named inside the title
    head_end: int = 0  # end of the title head ("Direktur Jenderal")
    rule: str = ""


@dataclass(slots=True)
class Analysis:
    """Everything the rules found in one document."""

    view: DocView
    gaz: dict[int, tuple[int, str, EntityType]] = field(
        default_factory=dict
    )  # start -> (end, ref, type)
    cands: list[Cand] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    acronyms: dict[str, str] = field(
        default_factory=dict
    )  # "OINB" -> "Organisasi Internasional ..."
    acronym_owner: dict[str, Cand] = field(default_factory=dict)  # the candidate it abbreviates
    enumerated: list[tuple[Cand, int]] = field(default_factory=list)  # (place, token of its region)
    part_of: list[tuple[Cand, Cand, str]] = field(default_factory=list)  # (child, parent, rule)
    country_alias: list[tuple[int, int, str]] = field(default_factory=list)  # "pemerintah X" spans
    _index_key: tuple[int, int] = (0, -1)
    _index: tuple[dict, dict] = field(default_factory=lambda: ({}, {}))

    def index(self) -> tuple[dict[int, Cand], dict[int, Cand]]:
        """Longest candidate by start and by end token, rebuilt when ``cands`` changed."""
        key = (id(self.cands), len(self.cands))
        if self._index_key != key:
            same_list = self._index_key[0] == key[0] and self._index_key[1] <= key[1]
            if same_list:  # only appended since: add the new ones
                by_start, by_end = self._index
                new = self.cands[self._index_key[1] :]
            else:
                by_start, by_end = {}, {}
                new = self.cands
            for c in new:
                s = by_start.get(c.start)
                if s is None or c.end > s.end:
                    by_start[c.start] = c
                e = by_end.get(c.end)
                if e is None or c.start < e.start:
                    by_end[c.end] = c
            self._index = (by_start, by_end)
            self._index_key = key
        return self._index


# --------------------------------------------------------------------------- gazetteer


def gazetteer_spans(
    view: DocView, matches: list[tuple[int, int, str, EntityType, bool]]
) -> dict[int, tuple[int, str, EntityType]]:
    """Keep the longest non-overlapping gazetteer matches.

    ``matches`` are (start, end, ref, type, case_sensitive). A case-insensitive
    match must start with a capital (or digit) in the text, so "ende" in running
    text is not the regency Ende.
    """
    ok = []
    for s, e, ref, etype, cased in matches:
        first = view.words[s]
        if not cased and not (first[:1].isupper() or first[:1].isdigit()):
            continue
        ok.append((s, e, ref, etype, cased))
    ok.sort(key=lambda m: (-(m[1] - m[0]), m[0], not m[4]))
    taken = [False] * view.n
    out: dict[int, tuple[int, str, EntityType]] = {}
    for s, e, ref, etype, _ in ok:
        if any(taken[s:e]):
            continue
        for k in range(s, e):
            taken[k] = True
        out[s] = (e, ref, etype)
    return out


# --------------------------------------------------------------------------- helpers


class Rules:
    """Token predicates that need the lexicon."""

    def __init__(self, lex: Lexicon, view: DocView, gaz: dict[int, tuple[int, str, EntityType]]):
        self.headline = False  # set while typing a Title Case line
        self.lex = lex
        self.v = view
        self.gaz = gaz
        self._gaz_cover: dict[int, int] = {}
        for s, (e, _, _) in gaz.items():
            for k in range(s, e):
                self._gaz_cover[k] = s

    def gaz_at(self, i: int) -> tuple[int, str, EntityType] | None:
        return self.gaz.get(i)

    def in_gaz(self, i: int) -> bool:
        return i in self._gaz_cover

    def connector(self, i: int) -> bool:
        return self.v.lower[i] in self.lex.lists.get("name_connectors", frozenset())

    def not_name(self, i: int) -> bool:
        return self.v.lower[i] in self.lex.lists.get("not_name_words", frozenset())

    def common(self, i: int) -> bool:
        return self.lex.is_common(self.v.words[i])

    def name_like(self, i: int) -> bool:
        """Could token ``i`` be part of a person's name?"""
        v = self.v
        w = v.words[i]
        if v.is_initial(i):
            return True
        if not w[:1].isupper() or any(c.isdigit() for c in w):
            return False
        if self.not_name(i) or self.in_gaz(i):
            return False
        if v.is_acronym(i) and len(w) <= 5:
            return False
        if v.lower[i] in self.lex.lists.get("place_words", frozenset()):
            return False
        return not self.common(i)

    def head_at(self, i: int) -> tuple[int, object] | None:
        if self.v.lower[i] not in self.lex.heads:
            return None
        return self.lex.heads.match(self.v.lower, i)

    def role_at(self, i: int, end: int | None = None) -> tuple[int, RoleTitle] | None:
        """A position title starting at ``i``; modifiers ("Plt.", "Wakil") may precede it.

        A listed title wins over modifier + title ("Wakil Tetap" is its own post);
        ranks and honorifics ("Kolonel", "Dr.") are not positions (README C7).
        """
        v = self.v
        if v.lower[i] not in self.lex.roles and v.lower[i] not in self.lex.role_modifiers:
            return None
        stop = end or v.n
        k = i
        while True:
            m = self.lex.roles.match(v.lower, k, end)
            if m is not None and v.words[k][:1].isupper():
                j, role = m
                if getattr(role, "kind", "position") == "rank":
                    return None
                return j, role  # type: ignore[return-value]
            if k < stop and v.lower[k] in self.lex.role_modifiers and v.words[k][:1].isupper():
                k += 1
                continue
            return None

    def honorific(self, i: int) -> bool:
        """An honorific or rank ("Dr.", "Brigjen", "Pol."): before a name, never a post."""
        w = self.v.lower[i]
        if w in self.lex.lists.get("honorifics_before", frozenset()) or w in self.lex.rank_words:
            return True
        return w == "." and i > 0 and self.v.lower[i - 1] in self.lex.rank_words

    def degree(self, i: int) -> bool:
        return self.v.lower[i] in self.lex.lists.get("degrees_after", frozenset())


# --------------------------------------------------------------------------- chunking


def _unit_end(r: Rules, i: int, stop: int) -> int | None:
    """End of the name unit at ``i``: a whole gazetteer phrase or one capitalised word."""
    g = r.gaz_at(i)
    if g is not None and g[0] <= stop:
        return g[0]
    v = r.v
    w = v.words[i]
    if w[:1].isupper() and w[:1].isalpha() and not _DOMAIN.search(w):
        return i + 1
    return None


def _lower_head_before(r: Rules, i: int) -> bool:
    """A lowercase head noun right before ``i`` ("program Desa Migran Produktif")."""
    if i == 0:
        return False
    k = i - 1
    v = r.v
    return not v.words[k][:1].isupper() and r.head_at(k) is not None


def has_head(r: Rules, start: int) -> bool:
    return (
        r.head_at(start) is not None or _lower_head_before(r, start) or r.role_at(start) is not None
    )


def effective_start(r: Rules, start: int, stop: int) -> int:
    """Skip words that cannot open a name ("Dalam Konferensi ..." -> "Konferensi ...")."""
    v = r.v
    k = start
    while (
        k < stop
        and r.gaz_at(k) is None
        and r.head_at(k) is None
        and r.role_at(k) is None
        and (r.not_name(k) or (v.first_in_sentence(k) and r.common(k)))
    ):
        k += 1
    return k


def _connector_ok(r: Rules, start: int, j: int, stop: int) -> bool:
    v, lex = r.v, r.lex
    w = v.lower[j]
    nxt = j + 1
    if nxt >= stop or _unit_end(r, nxt, stop) is None:
        return False
    if w in lex.lists.get("person_particles", frozenset()):
        return r.name_like(j - 1) and r.name_like(nxt)
    if w in {"of", "for", "and", "the", "on", "in", "to", "against"}:
        return True
    start = effective_start(r, start, j)
    g0 = r.gaz_at(start)
    if w in {"tentang", "mengenai"} and g0 is not None and g0[0] == j:
        return True  # "Proses Bali tentang Penyelundupan Manusia ..."
    if start >= j or not has_head(r, start):
        return False
    if w in lex.lists.get("list_conjunctions", frozenset()):
        if r.role_at(start) is not None:
            # titles name fields joined by "dan": "Direktur Sosial Budaya dan Organisasi ...",
            # and places: "Direktur ILO untuk Indonesia dan Timor-Leste"
            g_next = r.gaz_at(nxt)
            if g_next is not None:
                prev = next((r.gaz[k] for k in range(j - 1, start - 1, -1) if k in r.gaz), None)
                return prev is not None and prev[0] == j and prev[2] is g_next[2]
            return r.role_at(nxt) is None
        head = r.head_at(start)
        unit_head = head is not None and v.lower[start] in lex.lists.get("unit_heads", frozenset())
        if r.gaz_at(nxt) is not None or v.is_acronym(nxt):
            return False  # "... Bekasi dan BBPVP Serang": two names
        if head is not None and v.lower[nxt] == v.lower[start]:
            return False  # "Kabupaten Sambas dan Kabupaten Landak"
        nh = r.head_at(nxt)
        if nh is not None and not unit_head and nh[1] in ORGANISATION_TYPES:
            return False
        if r.role_at(nxt) is not None:
            return False
    return True


def _topic_continues_with_di(r: Rules, start: int, j: int, stop: int) -> bool:
    """ "di" inside a "tentang" complement, before words that are no place."""
    v = r.v
    nxt = j + 1
    if nxt >= stop or not v.words[nxt][:1].isupper():
        return False
    if not any(v.lower[k] in {"tentang", "mengenai"} for k in range(start, j)):
        return False
    g = r.gaz_at(nxt)
    if g is not None and g[2] in (ET.PLACE, ET.COUNTRY):
        return False
    h = r.head_at(nxt)
    return not (h is not None and h[1] in (ET.PLACE, "venue"))


def _topic_list_continues(r: Rules, start: int, j: int, stop: int) -> bool:
    """A comma inside "X tentang A, B, dan C": the list is part of the name.

    Only inside a "tentang"/"mengenai" complement of a name with a head (or a
    gazetteer name), and only when the list closes with "dan/serta" + capitals.
    """
    v = r.v
    if not any(v.lower[k] in {"tentang", "mengenai"} for k in range(start, j)):
        return False
    if not (has_head(r, effective_start(r, start, j)) or r.gaz_at(start) is not None):
        return False
    k = j + 1
    while k < stop:
        if v.words[k] == ",":
            k += 1
            continue
        if v.lower[k] in {"dan", "serta"}:
            return k + 1 < stop and v.words[k + 1][:1].isupper()
        if not (v.words[k][:1].isupper() or r.connector(k)):
            return False
        k += 1
    return False


def _org_at(r: Rules, k: int) -> bool:
    g = r.gaz_at(k)
    return g is not None and g[2] in ORGANISATION_TYPES


def capitalised_sequences(r: Rules, s0: int, s1: int) -> list[tuple[int, int]]:
    """Maximal name-shaped token runs in ``[s0, s1)``.

    A run joins capitalised words and gazetteer phrases, numbers after a word
    ("Agenda 2030"), "18/2017", connectors between capitals when the run has a
    head ("Dinas Tenaga Kerja dan Transmigrasi"), and an inner parenthesised
    acronym followed by more name ("Direktorat ... (OINB) Kementerian ...").
    """
    v = r.v
    out: list[tuple[int, int]] = []
    i = s0
    while i < s1:
        u = _unit_end(r, i, s1)
        if u is None:
            i += 1
            continue
        start, j = i, u
        while j < s1:
            u = _unit_end(r, j, s1)
            if u is not None:
                j = u
                continue
            w = v.words[j]
            if v.is_number(j) and not v.words[j - 1][:1].isdigit() and "," not in w:
                j += 1
                continue
            if w == "/" and j + 1 < s1 and v.is_number(j + 1) and v.is_number(j - 1):
                j += 2
                continue
            if w.startswith("ke-") and w[3:4].isdigit():
                j += 1
                continue
            if r.connector(j) and _connector_ok(r, start, j, s1):
                j += 1
                continue
            if (
                w.lower() == "ke"
                and r.head_at(start) is not None
                and r.head_at(start)[1] is ET.PROGRAM
                and (g := r.gaz_at(j + 1)) is not None
                and g[2] is ET.COUNTRY
            ):
                j = g[0]  # "Program Pelatihan ... Calon Pekerja Migran ke Jepang"
                continue
            if w.lower() == "di" and _topic_continues_with_di(r, start, j, s1):
                j += 1  # "... tentang Penghapusan Kekerasan dan Pelecehan di Dunia Kerja"
                continue
            if w == "," and _topic_list_continues(r, start, j, s1):
                j += 1  # "... tentang Penyelundupan Manusia, Perdagangan Orang, dan Kejahatan ..."
                if v.lower[j] in {"dan", "serta"}:
                    j += 1
                continue
            if (
                w == "("
                and j + 3 < s1
                and v.words[j + 2] == ")"
                and (
                    v.is_acronym(j + 1)
                    or (v.words[j + 1][:1].isupper() and v.words[j + 1].isalpha())
                )
                and _unit_end(r, j + 3, s1) is not None
                and (has_head(r, effective_start(r, start, j)) or _org_at(r, j + 3))
            ):
                j += 3
                continue
            break
        out.append((start, j))
        i = j
    return out
