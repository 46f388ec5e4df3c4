"""Descriptive names: unnamed but specific events, instruments and services.

"menyelenggarakan pertemuan konsultasi antar-pemangku kepentingan",
"di depan sidang sesi ke-331 "Governing Body (GB) ILO"", "Nota kerjasama
ditandatangani oleh ...", "telah membentuk layanan rekrutmen terintegrasi".
A lowercase head noun starts the phrase; it runs over modifiers, ordinals,
quoted or capitalised names and "tentang ..." complements, and stops at a
stopper word, a verb, or punctuation. The phrase is an entity only when the
text pins it down: an organising, signing, attending or founding verb next to
it, or a place/date/"yang diselenggarakan" right after it (README section 4:
generic mentions are not entities).
"""

from __future__ import annotations

import re

from graph.extract.mentions import ET, Analysis, Cand, Rules
from graph.model import EntityType

_VERB = re.compile(r"^(?:me[mnr]?|meng|meny|di|ber|ter|memper|diper)[a-z]{4,}$")
_PHRASE_TYPES = (ET.EVENT, ET.AGREEMENT, ET.PROGRAM)
_MAX_TOKENS = 14


def _cue(r: Rules, name: str) -> tuple[tuple[str, ...], ...]:
    return r.lex.cues.get(name, ())


def _cue_before(r: Rules, i: int, names: tuple[str, ...], window: int = 3) -> bool:
    """A cue phrase ending within ``window`` tokens before ``i`` (determiners skipped)."""
    v = r.v
    dets = r.lex.lists.get("determiners", frozenset())
    k = i
    skipped = 0
    while k > 0 and skipped < window and v.lower[k - 1] in dets:
        k -= 1
        skipped += 1
    for name in names:
        for cue in _cue(r, name):
            n = len(cue)
            if k - n >= 0 and tuple(v.lower[k - n : k]) == cue:
                return True
    return False


def _cue_after(r: Rules, j: int, names: tuple[str, ...]) -> bool:
    v = r.v
    for name in names:
        for cue in _cue(r, name):
            n = len(cue)
            if tuple(v.lower[j : j + n]) == cue:
                return True
    return False


def _looks_verb(w: str) -> bool:
    return bool(_VERB.match(w))


def phrase_extent(r: Rules, i: int, hend: int, stop: int) -> tuple[int, str, list[str]]:
    """End of the phrase whose head spans ``[i, hend)``, its tidy name and literal aliases."""
    v = r.v
    stoppers = r.lex.lists.get("phrase_stoppers", frozenset())
    nominal = r.lex.lists.get("nominal_words", frozenset())
    j = hend
    in_complement = False
    while j < stop and j - i < _MAX_TOKENS:
        w, lw = v.words[j], v.lower[j]
        if v.space[j]:
            break
        if (
            lw in {"tentang", "mengenai"}
            and j + 1 < stop
            and (v.words[j + 1][:1].isupper() or r.gaz_at(j + 1))
        ):
            in_complement = True
            j += 1
            continue
        themed = j > hend and v.lower[j - 1] in r.lex.lists.get("theme_words", frozenset())
        if w in {'"', "“", "”"}:
            close = j + 1
            while close < stop and v.words[close] not in {'"', "”", "“"}:
                close += 1
            # a quoted title; a theme ("webinar bertema "…"") may be a whole sentence
            if close < stop and close - j <= (24 if themed else 8) and v.words[j + 1][:1].isupper():
                j = close + 1
                continue
            break
        if (
            lw in r.lex.lists.get("theme_words", frozenset())
            and j + 1 < stop
            and (v.words[j + 1] in {'"', "“"} or v.words[j + 1][:1].isupper())
        ):
            j += 1  # "lokakarya bertema", "seminar bertajuk"
            continue
        if w == "(" and j + 2 < stop and v.words[j + 2] == ")" and v.is_acronym(j + 1):
            j += 3
            continue
        if w[:1].isupper() or w[:1].isdigit() or lw.startswith("ke-"):
            g = r.gaz_at(j)
            j = g[0] if g is not None else j + 1
            continue
        if (
            lw in {"dan", "serta"}
            and in_complement
            and j + 1 < stop
            and v.words[j + 1][:1].isupper()
        ):
            j += 1
            continue
        if lw in stoppers or not w[:1].isalpha():
            break
        if _looks_verb(lw) and lw not in nominal:
            break
        j += 1
    literal = v.span_text(i, j)
    tidy = literal
    for ch in '"“”':
        tidy = tidy.replace(ch, "")
    tidy = re.sub(r"\s*\(\s*[A-Z0-9-]+\s*\)", "", tidy)
    tidy = " ".join(tidy.split())
    aliases = [literal] if tidy != literal else []
    return j, tidy, aliases


def descriptive_phrases(a: Analysis, r: Rules) -> None:
    """Find lowercase-headed event / instrument / service phrases that the text pins down."""
    v = r.v
    taken = [False] * v.n
    for c in a.cands:
        for k in range(c.start, c.end):
            taken[k] = True
    dems = r.lex.lists.get("demonstratives", frozenset())
    anaphors = r.lex.lists.get("event_anaphors", frozenset())
    org_anaphors = r.lex.lists.get("org_anaphors", frozenset())
    i = 0
    while i < v.n:
        w = v.words[i]
        if taken[i] or not w[:1].isalpha():
            i += 1
            continue
        if v.lower[i] in org_anaphors and i + 1 < v.n and v.lower[i + 1] in dems:
            a.cands.append(
                Cand(i, i + 1, ET.INTERNATIONAL_ORGANIZATION, "anaphor.org", confidence=0.5)
            )
            i += 2
            continue
        if v.lower[i] in anaphors and i + 1 < v.n and v.lower[i + 1] in dems:
            # "kegiatan ini", "acara tersebut": the article's event (README C20)
            a.cands.append(Cand(i, i + 1, ET.EVENT, "anaphor.any", confidence=0.6))
            i += 2
            continue
        h = r.head_at(i)
        if h is None or h[1] not in _PHRASE_TYPES:
            i += 1
            continue
        if w[:1].isupper() and not v.first_in_sentence(i):
            i += 1
            continue  # capitalised heads are names: the chunker handles them
        etype: EntityType = h[1]  # type: ignore[assignment]
        hend = h[0]
        if i > 0 and v.lower[i - 1] in r.lex.lists.get("generic_quantifiers", frozenset()):
            i = hend
            continue
        stop = v.sent_end(i)
        end, name, aliases = phrase_extent(r, i, hend, stop)
        generic = r.lex.lists.get("generic_words", frozenset())
        if any(v.lower[k] in generic for k in range(hend, min(end + 1, v.n))):
            i = end  # "sosialisasi serupa", "pertemuan lainnya": no specific event
            continue
        if end < v.n and v.lower[end] in dems and not any(taken[k] for k in range(i, end)):
            # "konsensus tersebut", "pertemuan tahunan tersebut": points back to an entity
            a.cands.append(Cand(i, end, etype, "anaphor", confidence=0.6))
            i = end + 1
            continue
        if _anchored(r, i, end, etype):
            if end - i == 1 and etype is not ET.AGREEMENT and not _strong_single(r, i, end):
                i = end
                continue
            by_start = a.index()[0]
            inside = (
                [c for c in a.cands if i <= c.start and c.end <= end]
                if any(k in by_start for k in range(i, end))
                else []
            )
            if any(c.start == hend and c.type is etype for c in inside):
                # "program Desa Migran Produktif": the capitalised name is the name itself
                i = end
                continue
            for c in inside:
                # an organisation or place in a descriptive name is part of it (README C4);
                # an instrument it is about ("lokakarya tentang ... GCM") stays an entity
                if c.type not in (ET.AGREEMENT, ET.PROGRAM):
                    c.nested = True
            a.cands.append(
                Cand(i, end, etype, f"phrase.{etype}", name=name, aliases=aliases, confidence=0.7)
            )
            for k in range(i, end):
                taken[k] = True
            i = end
            continue
        i += 1


def _strong_single(r: Rules, i: int, end: int) -> bool:
    """A one-word phrase ("resolusi") counts only with a strong cue."""
    return _cue_after(r, end, ("passive_adopt", "passive_sign", "passive_organize"))


def _anchored(r: Rules, i: int, end: int, etype: EntityType) -> bool:
    v = r.v
    if etype is ET.EVENT:
        if _cue_before(r, i, ("organize_active", "attend", "event_scene")):
            return True
        if _cue_after(r, end, ("passive_organize",)):
            return True
        if end < v.n and v.lower[end] == "di" and end + 1 < v.n and v.words[end + 1][:1].isupper():
            return True
        return end + 1 < v.n and v.words[end] == "," and _date_like(r, end + 1)
    if etype is ET.AGREEMENT:
        if _cue_after(r, end, ("passive_sign", "passive_adopt")):
            return True
        return _cue_before(r, i, ("sign_active", "adopt_active", "commit"))
    if etype is ET.PROGRAM:
        return _cue_before(r, i, ("found_program",))
    return False


def _date_like(r: Rules, k: int) -> bool:
    v = r.v
    days = r.lex.lists.get("weekdays", frozenset())
    return k < v.n and v.lower[k] in days
