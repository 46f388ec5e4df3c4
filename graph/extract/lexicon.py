"""The extraction rules' view of ``ontology/``: word sets and indexes, compiled once.

Everything a rule knows about Indonesian (heads, connectors, speech verbs, titles,
the gazetteer) comes from the ontology files; this module only turns those lists
into the lookup structures the rules need (lowercased token tuples, first-word
indexes). No domain word is spelled in Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.defaults import LEXICON_DIR, ONTOLOGY_DIR
from graph.model import EntityType
from graph.names import norm
from graph.ontology import GazetteerEntry, RoleTitle

_WORD = re.compile(r"[\w.'’-]+|[^\w\s]", re.UNICODE)


def words(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase the way the tokenizer splits text (lowercased).

    >>> words("Direktorat Jenderal")
    ('direktorat', 'jenderal')
    >>> words("Global Compact for Safe, Orderly")
    ('global', 'compact', 'for', 'safe', ',', 'orderly')
    """
    out: list[str] = []
    for w in _WORD.findall(phrase):
        w = w.lower()
        # a trailing period belongs to abbreviations only ("jl.", "s.sos."); plain words lose it
        if w.endswith(".") and len(w) > 1 and "." not in w[:-1] and len(w) > 5:
            out.extend([w[:-1], "."])
        else:
            out.append(w)
    return tuple(out)


class PhraseIndex:
    """Longest-match lookup of multi-word phrases by their first word."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], object]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for toks, value in phrases:
            if toks:
                self._by_first.setdefault(toks[0], []).append((toks, value))
        for lst in self._by_first.values():
            lst.sort(key=lambda p: -len(p[0]))

    def match(self, lowers: list[str], i: int, end: int | None = None) -> tuple[int, object] | None:
        """Longest phrase starting at token ``i``: (end index, value), or None."""
        cands = self._by_first.get(lowers[i])
        if not cands:
            return None
        stop = len(lowers) if end is None else end
        for toks, value in cands:
            j = i + len(toks)
            if j <= stop and tuple(lowers[i:j]) == toks:
                return j, value
        return None

    def __contains__(self, first: str) -> bool:
        return first in self._by_first


@dataclass(frozen=True)
class Lexicon:
    """Compiled word lists and indexes for the rules."""

    common: frozenset[str]
    lists: dict[str, frozenset[str]]
    heads: PhraseIndex  # value: EntityType or a pseudo-type string ("venue", "office")
    roles: PhraseIndex  # value: RoleTitle
    role_modifiers: frozenset[str]
    title_units: dict[str, str]  # "direktur" -> "direktorat"
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    cues: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    cue_index: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    era_words: dict[str, int] = field(default_factory=dict)
    keyword_types: tuple[tuple[tuple[str, ...], EntityType], ...] = ()
    rank_words: frozenset[str] = frozenset()
    head_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    regional_titles: dict[str, str] = field(default_factory=dict)
    place_forms: dict[tuple[str, ...], str] = field(default_factory=dict)  # normalised words -> ref

    def body_by_key(self) -> dict[tuple[str, ...], str]:
        """Government bodies of the gazetteer by name key (built once, on first use)."""
        cached = self.__dict__.get("_body_keys")
        if cached is None:
            from graph.extract.resolve import name_key

            cached = {}
            for e in self.entries.values():
                if e.type is EntityType.GOVERNMENT_BODY:
                    for f in e.forms():
                        cached.setdefault(name_key(f, {}, self), e.id)
            object.__setattr__(self, "_body_keys", cached)
        return cached

    def type_by_keyword(self, lowers: list[str]) -> EntityType | None:
        """The type a name's words hint at (first matching list wins)."""
        for kw, etype in self.keyword_types:
            n = len(kw)
            for i in range(len(lowers) - n + 1):
                if tuple(lowers[i : i + n]) == kw:
                    return etype
        return None

    def has(self, list_name: str, word: str) -> bool:
        return word.lower() in self.lists.get(list_name, frozenset())

    def is_common(self, word: str) -> bool:
        """A dictionary word (not, by itself, evidence of a name)."""
        w = word.lower()
        if w in self.common:
            return True
        for suffix in ("nya", "lah", "kah", "pun", "ku", "mu"):  # clitics: "menurutnya"
            if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] in self.common:
                return True
        if "-" in w:  # reduplication and compounds: "hak-hak", "antar-pemangku"
            return all(p in self.common for p in w.split("-") if p)
        return False


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of list names to word lists")
    return data


def _read_wordlist(path: Path) -> frozenset[str]:
    out = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(line.lower())
    return frozenset(out)


_HEAD_KEYS = {
    "government_heads": EntityType.GOVERNMENT_BODY,
    "international_heads": EntityType.INTERNATIONAL_ORGANIZATION,
    "civil_society_heads": EntityType.CIVIL_SOCIETY,
    "agreement_heads": EntityType.AGREEMENT,
    "event_heads": EntityType.EVENT,
    "program_heads": EntityType.PROGRAM,
    "place_heads": EntityType.PLACE,
}


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path = ONTOLOGY_DIR) -> Lexicon:
    """Compile the lexicon from ``directory`` (cached: rules call this per pipeline)."""
    from graph.ontology import load_ontology

    onto = load_ontology(directory)
    lexdir = directory / "lexicon" if directory != ONTOLOGY_DIR else LEXICON_DIR
    lists: dict[str, frozenset[str]] = {}
    raw: dict[str, list] = {}
    for path in sorted(lexdir.glob("*.yaml")):
        for key, value in _read_yaml(path).items():
            if isinstance(value, list):
                raw[key] = [str(v) for v in value]
                lists[key] = frozenset(str(v).lower() for v in value)
            elif isinstance(value, dict):
                raw[key] = value  # type: ignore[assignment]
    common = _read_wordlist(lexdir / "common_words.txt")

    head_phrases: list[tuple[tuple[str, ...], object]] = []
    head_words: set[str] = set()
    for key, etype in _HEAD_KEYS.items():
        head_phrases += [(words(h), etype) for h in raw.get(key, [])]
        if etype in (EntityType.EVENT, EntityType.AGREEMENT, EntityType.PROGRAM):
            for h in raw.get(key, []):
                head_words.update(words(h))
    lists["head_words"] = frozenset(head_words)
    head_phrases += [(words(h), "venue") for h in raw.get("venue_heads", [])]

    role_phrases: list[tuple[tuple[str, ...], object]] = []
    rank_words: set[str] = set()
    for role in onto.roles:
        if role.kind == "rank":
            for form in (role.title, *role.abbreviations):
                toks = [w for w in words(form) if w != "."]
                if len(toks) == 1 or (len(toks) == 2 and toks[1].rstrip(".") == "pol"):
                    rank_words.update(t for t in toks)
                    rank_words.update(t.rstrip(".") for t in toks)
        role_phrases.append((words(role.title), role))
        for abbr in role.abbreviations:
            role_phrases.append((words(abbr), role))

    cue_lists: dict[str, tuple[tuple[str, ...], ...]] = {}
    cues_raw = raw.get("cues")
    if isinstance(cues_raw, dict):
        for name, phrases in cues_raw.items():
            cue_lists[name] = tuple(words(p) for p in phrases)

    cue_index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, phrases in cue_lists.items():
        for cue in phrases:
            if cue:
                cue_index.setdefault(cue[0], []).append((cue, name))
    keyword_types: list[tuple[tuple[str, ...], EntityType]] = []
    kt = raw.get("keyword_types")
    if isinstance(kt, dict):
        for tname, kws in kt.items():
            keyword_types += [(words(k), EntityType(tname)) for k in kws]
    era = raw.get("era_words")
    return Lexicon(
        common=common,
        lists=lists,
        heads=PhraseIndex(head_phrases),
        roles=PhraseIndex(role_phrases),
        role_modifiers=frozenset(
            m.lower() for m in (*onto.role_modifiers, *getattr(onto, "deputy_prefixes", ()))
        ),
        title_units={k.lower(): v for k, v in (raw.get("title_units") or {}).items()}
        if isinstance(raw.get("title_units"), dict)
        else {},
        entries={e.id: e for e in onto.entries},
        cues=cue_lists,
        cue_index={k: tuple(v) for k, v in cue_index.items()},
        keyword_types=tuple(keyword_types),
        rank_words=frozenset(rank_words),
        regional_titles={k.lower(): v for k, v in (raw.get("regional_titles") or {}).items()},  # type: ignore[union-attr]
        head_abbreviations={
            k.lower(): tuple(norm(v).split())
            for k, v in (raw.get("head_abbreviations") or {}).items()  # type: ignore[union-attr]
        },
        place_forms={
            tuple(norm(f).split()): e.id
            for e in onto.entries
            if e.type in (EntityType.PLACE, EntityType.COUNTRY)
            for f in e.forms()
            if norm(f)
        },
        era_words={k.lower(): int(v) for k, v in era.items()} if isinstance(era, dict) else {},
    )


def role_kind(role: RoleTitle | None) -> str:
    return role.kind if role else "position"
