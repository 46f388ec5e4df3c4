"""Typing capitalised sequences: organisations, instruments, events, places, titles, people.

A sequence from ``mentions.capitalised_sequences`` is typed by, in order: a
position title at its start (then the rest is the title's descriptor and a
person's name), its head word ("Kementerian", "Konvensi", "Provinsi"), a
gazetteer phrase it consists of (plus a country qualifier: "Kementerian
Ketenagakerjaan RI", "IOM Indonesia"), or the shape of a personal name.
Sequences that are none of these are dropped: precision first.
"""

from __future__ import annotations

from graph.extract.mentions import (
    ET,
    Analysis,
    Cand,
    Rules,
    Title,
    capitalised_sequences,
)
from graph.model import ORGANISATION_TYPES, EntityType
from graph.names import norm

_QUALIFIABLE = frozenset({*ORGANISATION_TYPES, ET.AGREEMENT, ET.PROGRAM})


def trim(r: Rules, start: int, end: int) -> tuple[int, int]:
    """Drop sentence-initial common words and trailing connectors from a run."""
    v = r.v
    while start < end:
        first_pos = v.first_in_sentence(start) or (
            start > 0 and v.words[start - 1] in {"-", "–", "—"}
        )
        if r.gaz_at(start) is not None or r.role_at(start, end) is not None:
            break
        if r.head_at(start) is not None:
            break
        lone = end - start == 1 or not v.words[start + 1][:1].isupper()
        if r.not_name(start) or (
            first_pos and lone and r.common(start) and not v.is_acronym(start)
        ):
            start += 1
            continue
        break
    while end > start and (r.connector(end - 1) or v.words[end - 1] in {"(", "/"}):
        end -= 1
    return start, end


def _strip_person(r: Rules, start: int, end: int) -> tuple[int, int]:
    """Honorifics before and degrees after a name are not part of it."""
    v = r.v
    while start < end and (r.honorific(start) or v.words[start] in {",", "."}):
        start += 1
    while end > start and (r.degree(end - 1) or v.words[end - 1] in {",", "."}):
        end -= 1
    return start, end


def person_cand(
    r: Rules, start: int, end: int, rule: str, conf: float, *, strict: bool
) -> Cand | None:
    """A person candidate for ``[start, end)`` with honorifics, ranks and degrees stripped.

    "Brigjen Pol. Arief Wicaksono" -> "Arief Wicaksono", alias "Brigjen Pol. Arief
    Wicaksono" (README C7: rank + name is an alias, never a position).
    """
    s, e = _strip_person(r, start, end)
    if s >= e or not person_shaped(r, s, e, strict=strict):
        return None
    c = Cand(s, e, ET.PERSON, rule, confidence=conf)
    if s > start and any(r.v.lower[k] in r.lex.rank_words for k in range(start, s)):
        c.aliases.append(r.v.span_text(start, e))
    return c


def person_shaped(r: Rules, start: int, end: int, *, strict: bool = True) -> bool:
    """Could ``[start, end)`` be a personal name?

    ``strict``: at least one token must be a non-dictionary word (names like
    "Imam Maskur" pass on "Maskur"); lenient mode (after a title and a comma)
    accepts any capitalised words without a head.
    """
    v = r.v
    if end <= start or end - start > 6:
        return False
    particles = r.lex.lists.get("person_particles", frozenset())
    org_words = r.lex.lists.get("org_words", frozenset())
    named = 0
    for k in range(start, end):
        if v.lower[k] in org_words:
            return False
        w = v.words[k]
        lw = v.lower[k]
        if lw in particles:
            continue
        if v.is_initial(k):
            named += 1
            continue
        if not w[:1].isupper() or any(c.isdigit() for c in w) or r.in_gaz(k):
            return False
        if (strict and r.not_name(k)) or r.connector(k):
            return False  # after a title, "Lalu" in "H. Lalu Ahmad Fauzan" is a name
        if v.is_acronym(k) or "." in w.rstrip("."):
            return False
        if not r.common(k):
            named += 1
    if r.head_at(start) is not None:
        return False
    if not strict:
        return True
    words = end - start
    return named > 0 and (words - named) <= max(1, words // 2)


def classify_sequences(a: Analysis, r: Rules) -> None:
    """Type every capitalised run of every sentence into ``a.cands`` / ``a.titles``."""
    for s0, s1 in r.v.sents:
        r.headline = title_case_line(r, s0, s1)
        before = len(a.cands)
        for start, end in capitalised_sequences(r, s0, s1):
            classify(a, r, start, end)
        if r.headline:
            # a line made only of names (a credit, "Biro Humas Pemprov NTT") is no headline
            covered = {k for c in a.cands[before:] for k in range(c.start, c.end)}
            names_only = all(k in covered for k in range(s0, s1) if r.v.words[k][:1].isalpha())
            for c in a.cands[before:]:
                c.headline = not names_only
    r.headline = False


def title_case_line(r: Rules, s0: int, s1: int) -> bool:
    """A headline in Title Case: its capitals say nothing about names.

    A headline is a line of its own, mostly capitalised, with no closing period.
    """
    v = r.v
    last = s1 - 1
    while last > s0 and v.space[last]:
        last -= 1
    if v.words[last] in {".", "!", "?", '"', "”", ":", ","}:
        return False
    alpha = [k for k in range(s0, s1) if v.words[k][:1].isalpha()]
    if len(alpha) < 4:
        return False
    caps = sum(1 for k in alpha if v.words[k][:1].isupper())
    return caps / len(alpha) >= 0.7


def classify(a: Analysis, r: Rules, start: int, end: int) -> None:
    start, end = trim(r, start, end)
    if start >= end:
        return
    v = r.v
    if r.headline:
        verbs = r.lex.lists.get("headline_verbs", frozenset())
        cut = next((k for k in range(start + 1, end) if v.lower[k] in verbs), None)
        if cut is not None:  # "KJRI Osaka Gelar Sosialisasi ...": the name ends before the verb
            classify(a, r, start, cut)
            classify(a, r, cut + 1, end)
            return
    m = r.role_at(start, end)
    if m is not None:
        if r.headline:  # a headline's title names nobody we can pin down
            _gazetteer_parts(a, r, start, end)
            return
        parse_title(a, r, start, m[0], m[1], end)
        return
    generic = r.lex.lists.get("generic_words", frozenset())
    if any(v.lower[k] in generic for k in range(start, end)):
        _gazetteer_parts(a, r, start, end)
        return
    vh = r.head_at(start)
    if vh is not None and vh[1] == "venue" and vh[0] < end and _after_locative(r, start):
        a.cands.append(Cand(start, end, ET.PLACE, "place.venue", confidence=0.75))
        return
    if (
        end - start >= 3
        and v.lower[end - 1] in r.lex.lists.get("venue_tails", frozenset())
        and v.lower[end - 2] in r.lex.lists.get("venue_tails", frozenset())
        and r.head_at(start) is None
    ):
        # "Putrajaya International Convention Centre": a building, whatever words it holds
        a.cands.append(Cand(start, end, ET.PLACE, "place.venue", confidence=0.75))
        return
    g = r.gaz_at(start)
    if g is not None and g[0] == end:
        start = _strip_head_word(r, start, end, g)
        if not _split_gazetteer_parent(a, r, start, end, g):
            a.cands.append(Cand(start, end, g[2], "gazetteer", ref=g[1], confidence=0.95))
        return
    lower_type = _lower_head_type(r, start)
    h0 = r.head_at(start)
    if lower_type in (ET.PROGRAM, ET.AGREEMENT, ET.EVENT) and h0 is not None and h0[1] is ET.PLACE:
        # "program Desa Peduli Buruh Migran": the category word names what it is
        a.cands.append(Cand(start, end, lower_type, f"head.{lower_type}", confidence=0.8))
        return
    head = r.head_at(start)
    if head is not None and head[0] < end:
        gh = r.gaz_at(head[0])
        if (
            gh is not None
            and gh[0] == end
            and gh[2] is head[1]
            and head[1] in (ET.PROGRAM, ET.EVENT)
        ):
            a.cands.append(Cand(head[0], end, gh[2], "gazetteer", ref=gh[1], confidence=0.95))
            return
    if (head is not None and head[0] < end) or (head is not None and r.gaz_at(start) is None):
        _typed_by_head(a, r, start, end, head[1])
        return
    g = r.gaz_at(start)
    if g is not None:
        _gazetteer_led(a, r, start, end, g)
        return
    if _lower_head_type(r, start) is not None:
        _typed_by_head(a, r, start, end, _lower_head_type(r, start), named_after_head=True)
        return
    paren = next(
        (k for k in range(start + 1, end - 2) if v.words[k] == "(" and v.words[k + 2] == ")"), None
    )
    if paren is not None:
        gp = r.gaz_at(paren + 3)
        if gp is not None and gp[0] == end and gp[2] in ORGANISATION_TYPES:
            # "Regional Support Office (RSO) Proses Bali": a unit of the organisation after it
            child = Cand(start, paren + 3, gp[2], "unit.of-parent", confidence=0.75)
            child.aliases.append(v.span_text(start, end))
            parent = Cand(paren + 3, end, gp[2], "gazetteer", ref=gp[1], confidence=0.95)
            a.cands += [child, parent]
            a.part_of.append((child, parent, "partOf.subunit"))
            return
    orgs_inside = any(
        (g := r.gaz_at(k)) is not None and g[2] not in (ET.PLACE, ET.COUNTRY)
        for k in range(start, end)
    )
    if _defined_by_acronym(r, end) and end - start >= 2 and not orgs_inside:
        lowers = r.v.lower[start:end]
        etype = r.lex.type_by_keyword(lowers) or ET.GOVERNMENT_BODY
        a.cands.append(Cand(start, end, etype, "acronym.defined", confidence=0.7))
        return
    if not r.headline:
        c = person_cand(r, start, end, "person.shape", 0.5, strict=True)
        if c is not None:
            a.cands.append(c)
            return
    _gazetteer_parts(a, r, start, end)


def _strip_head_word(r: Rules, start: int, end: int, g) -> int:
    """ "Program Desa Migran Produktif": the programme's name is the part after the head."""
    h = r.head_at(start)
    entry = r.lex.entries.get(g[1])
    if h is None or entry is None or h[1] is not entry.type or h[0] >= end:
        return start
    if entry.type not in (ET.PROGRAM, ET.EVENT, ET.AGREEMENT):
        return start  # "Kabupaten Sambas" is written with its head; only categories are dropped
    rest = norm(r.v.span_text(h[0], end))
    return h[0] if any(norm(f) == rest for f in entry.forms()) else start


def _split_gazetteer_parent(a: Analysis, r: Rules, start: int, end: int, g) -> bool:
    """ "Direktorat Tindak Pidana Umum Bareskrim Polri": a unit and, after it, its parent."""
    v = r.v
    entry = r.lex.entries.get(g[1])
    if entry is None or not entry.parent or entry.parent not in r.lex.entries:
        return False
    parent = r.lex.entries[entry.parent]
    lowers = v.lower[start:end]
    for form in parent.forms():
        toks = [t.lower() for t in form.split()]
        n = len(toks)
        if 0 < n < len(lowers) and lowers[-n:] == toks:
            split = end - n
            child = Cand(start, split, g[2], "gazetteer.unit", ref=g[1], confidence=0.9)
            child.aliases.append(v.span_text(start, end))
            par = Cand(split, end, parent.type, "gazetteer", ref=parent.id, confidence=0.95)
            a.cands += [child, par]
            a.part_of.append((child, par, "partOf.subunit"))
            return True
    return False


def _defined_by_acronym(r: Rules, end: int) -> bool:
    """ "Nama Panjang (SINGKATAN)": the text itself says this is a name."""
    v = r.v
    return (
        end + 2 < v.n and v.words[end] == "(" and v.words[end + 2] == ")" and v.is_acronym(end + 1)
    )


def _lower_head_type(r: Rules, start: int) -> EntityType | None:
    if start == 0:
        return None
    k = start - 1
    if r.v.words[k][:1].isupper():
        return None
    h = r.head_at(k)
    if h is None or not isinstance(h[1], EntityType):
        return None
    return h[1]


def _gazetteer_parts(a: Analysis, r: Rules, start: int, end: int) -> None:
    """Keep only the gazetteer phrases inside a run nobody could type."""
    k = start
    while k < end:
        g = r.gaz_at(k)
        if g is not None and g[0] <= end:
            a.cands.append(Cand(k, g[0], g[2], "gazetteer", ref=g[1], confidence=0.95))
            k = g[0]
        else:
            k += 1


def _gazetteer_led(
    a: Analysis, r: Rules, start: int, end: int, g: tuple[int, str, EntityType]
) -> None:
    """A run that starts with a gazetteer phrase.

    "Kementerian Ketenagakerjaan RI" (org + country qualifier) is the org;
    "IOM Indonesia" (international org + country) is its country office;
    anything else splits into its parts.
    """
    gend, ref, etype = g
    v = r.v
    if gend == end:
        a.cands.append(Cand(start, end, etype, "gazetteer", ref=ref, confidence=0.95))
        return
    if _defined_by_acronym(r, end) and etype is not ET.PERSON:
        kind = r.lex.type_by_keyword(v.lower[start:end]) or (
            etype if etype in ORGANISATION_TYPES else ET.GOVERNMENT_BODY
        )
        a.cands.append(Cand(start, end, kind, "acronym.defined", confidence=0.75))
        return
    if (
        etype in (ET.INTERNATIONAL_ORGANIZATION, ET.EVENT)
        and gend < v.n
        and v.lower[gend].startswith("ke-")
        and end == gend + 1
    ):
        # "Forum ASEAN tentang Pekerja Migran ke-17": one meeting of a standing forum (C9)
        a.cands.append(Cand(start, end, ET.EVENT, "event.session", confidence=0.8))
        a.cands.append(Cand(start, gend, etype, "gazetteer", ref=ref, confidence=0.9, nested=True))
        return
    if v.lower[gend] in {"tentang", "mengenai"} and etype not in (ET.PLACE, ET.COUNTRY, ET.PERSON):
        # the full name of a known body or instrument: "Proses Bali tentang ... Terkait"
        a.cands.append(Cand(start, end, etype, "gazetteer.full", ref=ref, confidence=0.9))
        return
    q = r.gaz_at(gend)
    if q is not None and q[0] == end and q[2] in (ET.COUNTRY, ET.PLACE) and etype in _QUALIFIABLE:
        if etype is ET.INTERNATIONAL_ORGANIZATION:
            office = Cand(start, end, etype, "office.country", confidence=0.85)
            parent = Cand(start, gend, etype, "gazetteer", ref=ref, confidence=0.95, nested=True)
            a.cands += [office, parent]
            a.part_of.append((office, parent, "partOf.office"))
            return
        a.cands.append(Cand(start, end, etype, "gazetteer.qualified", ref=ref, confidence=0.9))
        return
    tails = r.lex.lists.get("venue_tails", frozenset())
    if etype is ET.PLACE and v.lower[end - 1] in tails:
        a.cands.append(Cand(start, end, ET.PLACE, "place.venue", confidence=0.75))
        return
    if etype in (ET.COUNTRY, ET.PLACE) and person_shaped(r, gend, end):
        # "Indonesia Budi Santoso" never happens; a place then a name does ("Jenewa Afriansyah")
        a.cands.append(Cand(start, gend, etype, "gazetteer", ref=ref, confidence=0.95))
        classify(a, r, gend, end)
        return
    a.cands.append(Cand(start, gend, etype, "gazetteer", ref=ref, confidence=0.95))
    if gend < end and v.words[gend] not in {"dan", "serta"}:
        classify(a, r, gend, end)


def _typed_by_head(
    a: Analysis,
    r: Rules,
    start: int,
    end: int,
    head: object,
    *,
    named_after_head: bool = False,
) -> None:
    """A run typed by its head word; split off a parent organisation at its end."""
    v = r.v
    if head == "venue":
        etype = ET.PLACE if _after_locative(r, start) else None
        if etype is None:
            # "Kantor IOM Jakarta": an office of the organisation inside it
            inner = _first_org_inside(r, start + 1, end)
            if inner is not None:
                inner.nested = True
                office = Cand(start, end, inner.type, "office.kantor", confidence=0.8)
                a.cands += [office, inner]
                a.part_of.append((office, inner, "partOf.office"))
                return
            _gazetteer_parts(a, r, start + 1, end)
            return
        a.cands.append(Cand(start, end, ET.PLACE, "place.venue", confidence=0.75))
        return
    if not isinstance(head, EntityType):
        return
    etype = head
    hend = r.head_at(start)[0] if r.head_at(start) else start  # type: ignore[index]
    # a bare head ("Kementerian") is not a name; an acronym head is ("Disnaker", "KBRI")
    bare = not named_after_head and hend >= end and etype is not ET.PLACE
    if bare and not r.lex.has("standalone_heads", v.span_text(start, hend)):
        return
    # a trailing organisation is the parent of a sub-unit: "Biro Humas Kemnaker"
    if etype in ORGANISATION_TYPES:
        split = _parent_split(r, start, hend, end)
        if split is not None:
            child = Cand(start, split, etype, f"head.{etype}", confidence=0.8)
            g = r.gaz_at(split)
            if g is not None and g[0] == end:
                parent = Cand(split, end, g[2], "gazetteer", ref=g[1], confidence=0.95)
            else:
                ph = r.head_at(split)
                ptype = ph[1] if ph and isinstance(ph[1], EntityType) else etype
                parent = Cand(split, end, ptype, f"head.{ptype}", confidence=0.8)
            child.aliases.append(v.span_text(start, end))
            a.cands += [child, parent]
            a.part_of.append((child, parent, "partOf.subunit"))
            return
    g = r.gaz_at(start)
    ref = g[1] if g is not None and g[0] == end else None
    if etype is ET.PLACE and ref is None:
        # "Provinsi Nusa Tenggara Barat": the province entry when the gazetteer knows it
        g2 = r.gaz_at(hend)
        if g2 is not None and g2[0] == end and g2[2] in (ET.PLACE,):
            ref = g2[1]
    # a government of a place is a government body: "Pemerintah Provinsi Jawa Tengah"
    a.cands.append(Cand(start, end, etype, f"head.{etype}", ref=ref, confidence=0.85))
    if etype in (ET.EVENT, ET.AGREEMENT, ET.PROGRAM):
        for k in range(hend, end):
            gk = r.gaz_at(k)
            if gk is not None and gk[0] <= end and gk[2] in ORGANISATION_TYPES:
                a.cands.append(
                    Cand(k, gk[0], gk[2], "gazetteer", ref=gk[1], confidence=0.9, nested=True)
                )


def _after_locative(r: Rules, i: int) -> bool:
    return i > 0 and r.v.lower[i - 1] in r.lex.lists.get("locatives", frozenset())


def _first_org_inside(r: Rules, start: int, end: int) -> Cand | None:
    k = start
    while k < end:
        g = r.gaz_at(k)
        if g is not None and g[2] in ORGANISATION_TYPES:
            return Cand(k, g[0], g[2], "gazetteer", ref=g[1], confidence=0.95)
        k += 1
    return None


def _parent_split(r: Rules, start: int, hend: int, end: int) -> int | None:
    """Where a parent organisation starts at the end of a sub-unit's name, if any."""
    v = r.v
    k = hend
    while k < end:
        g = r.gaz_at(k)
        if g is not None:
            if g[0] == end and g[2] in ORGANISATION_TYPES and k > hend:
                return k
            k = g[0]
            continue
        if k > hend and v.words[k - 1] not in {"dan", "serta"}:
            h = r.head_at(k)
            if (
                h is not None
                and h[1] in ORGANISATION_TYPES
                and v.lower[k] in r.lex.lists.get("parent_heads", frozenset())
            ):
                return k
        k += 1
    return None


# --------------------------------------------------------------------------- titles


def parse_title(a: Analysis, r: Rules, start: int, head_end: int, role, end: int) -> None:
    """A position title at ``start``: its descriptor, entities named in it, and a name after it.

    The name is the longest run of name-like tokens (non-dictionary words,
    initials, particles) at the end of the sequence: "Direktur Jenderal Pembinaan
    ... Kerja Maruli A. Hasoloan" -> "Maruli A. Hasoloan"; "Sekretaris Dinas ...
    Provinsi Nusa Tenggara Barat" ends in a place, so it names nobody.
    """
    v = r.v
    particles = r.lex.lists.get("person_particles", frozenset())
    n0 = end
    specific = role is not None and (role.implies or role.kind == "state") and head_end < end
    if specific and all(
        v.words[k][:1].isupper() and not r.in_gaz(k) and r.head_at(k) is None
        for k in range(head_end, end)
    ):
        n0 = head_end  # "Menteri Ketenagakerjaan Ratna Sari Dewi": no descriptor follows
    while n0 > head_end:
        k = n0 - 1
        if r.honorific(k):
            n0 = k  # a rank or honorific opens the name: "Kapolsek Masbagik Iptu Made Suarjana"
            break
        if (
            v.is_initial(k)
            or v.lower[k] in particles
            or r.degree(k)
            or (r.name_like(k) and r.head_at(k) is None)
        ):
            n0 -= 1
        else:
            break
    # after a place or body written in the title, every capitalised word is the name, even a
    # dictionary word ("Bupati Sikka Fransiska Bota", "Kepala BP3MI NTT Stefanus Leyloh")
    last = max(
        (r.gaz[k][0] for k in range(head_end, end) if k in r.gaz and r.gaz[k][0] < end),
        default=None,
    )
    if (
        last is not None
        and n0 > last
        and all(
            v.words[k][:1].isupper() and r.head_at(k) is None and not r.in_gaz(k)
            for k in range(last, end)
        )
        and any(r.name_like(k) for k in range(last, end))  # not "PT Karya Borneo Mandiri"
    ):
        n0 = last
    # an initial starts a name even when a dictionary word follows ("M. Hanif Dhakiri")
    for k in range(head_end, n0):
        if v.is_initial(k) and all(
            v.words[x][:1].isupper() and not r.in_gaz(x) and r.head_at(x) is None
            for x in range(k, n0)
        ):
            n0 = k
            break
    while n0 < end and (v.lower[n0] in particles or r.degree(n0)):
        n0 += 1
    if n0 < end and not specific and not any(r.name_like(k) for k in range(n0, end)):
        n0 = end
    if n0 < end and _name_follows_comma(r, end):
        n0 = end  # "Dosen Fakultas Hukum Universitas Airlangga, Dr. Bambang ...": the name is after
    n0 = _after_region(r, start, head_end, n0, end)
    j = n0
    while j > head_end and r.connector(j - 1):
        j -= 1
    inner: list[Cand] = []
    k = head_end
    while k < j:
        g = r.gaz_at(k)
        if g is not None and g[0] <= j:
            inner.append(Cand(k, g[0], g[2], "title.inner", ref=g[1], confidence=0.9))
            k = g[0]
            continue
        k += 1
    _merge_offices(a, r, inner)
    title = Title(start, j, role, head_end=head_end, rule="title")
    _title_unit(a, r, title, inner)
    title.inner = inner
    a.cands.extend(inner)
    if n0 < end:
        title.person = person_cand(r, n0, end, "person.title", 0.9, strict=False)
        if title.person is not None:
            a.cands.append(title.person)
    a.titles.append(title)


def _after_region(r: Rules, start: int, head_end: int, n0: int, end: int) -> int:
    """ "Wali Kota Bitung Maurits Lumentut": a regional head's title names its region, a
    place the gazetteer may not know, before the name (one word, or two with a direction
    word: "Lombok Timur")."""
    v = r.v
    if n0 != head_end or end - head_end < 3:
        return n0
    if v.span_text(start, head_end).lower() not in r.lex.regional_titles:
        return n0
    region = head_end + 1
    if v.lower[region] in r.lex.lists.get("region_suffixes", frozenset()):
        region += 1
    return region if end - region >= 2 or (end - region == 1 and r.name_like(region)) else n0


def _name_follows_comma(r: Rules, end: int) -> bool:
    """A person's name (perhaps after an honorific) right after the comma that ends a run."""
    v = r.v
    if end >= v.n or v.words[end] != ",":
        return False
    k = end + 1
    while k < v.n and r.honorific(k):
        k += 1
    if k < v.n and r.role_at(k) is not None:
        return False  # ", Kepala Dinas X": the next title, not this one's name
    j = k
    while j < v.n and (v.words[j][:1].isupper() or v.is_initial(j)) and not r.in_gaz(j):
        j += 1
    return j > k and person_shaped(r, k, j) and j < v.n and v.words[j] in {",", ".", ")"}


def _merge_offices(a: Analysis, r: Rules, inner: list[Cand]) -> None:
    """ "IOM Indonesia" inside a title is the country office of IOM (README C13)."""
    for x, y in zip(list(inner), list(inner[1:]), strict=False):
        if (
            x.end == y.start
            and x.type is ET.INTERNATIONAL_ORGANIZATION
            and y.type in (ET.COUNTRY, ET.PLACE)
        ):
            office = Cand(x.start, y.end, x.type, "office.country", confidence=0.85)
            x.nested = True
            inner.remove(y)
            inner.append(office)
            a.part_of.append((office, x, "partOf.office"))


_ROMAN_SET = frozenset(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])


def _title_unit(a: Analysis, r: Rules, title: Title, inner: list[Cand]) -> None:
    """An organisation written inside a title by its head ("Sekretaris Dinas Tenaga Kerja ...")."""
    k = title.head_end
    # a generic role phrase may end in an organisation head: "Kepala Dinas" + "Sosial"
    if title.role is not None and not title.role.implies and title.head_end - title.start >= 2:
        for x in range(title.start + 1, title.head_end):
            hx = r.head_at(x)
            if hx is not None and isinstance(hx[1], EntityType) and hx[1] in ORGANISATION_TYPES:
                k = x
                break
    h = r.head_at(k) if k < title.end else None
    generic = title.role is None or not title.role.implies
    if generic and (
        h is None or not isinstance(h[1], EntityType) or h[1] not in ORGANISATION_TYPES
    ):
        # "Ketua Setiausaha Kementerian Sumber Manusia (KESUMA) Malaysia": the body later on
        v = r.v
        for x in range(title.head_end + 1, title.end):
            hx = r.head_at(x)
            if (
                hx is not None
                and isinstance(hx[1], EntityType)
                and hx[1] in ORGANISATION_TYPES
                and v.words[x][:1].isupper()
                and v.lower[x - 1] not in {"dan", "serta", "untuk", "bagi"}
                and not r.in_gaz(x)
            ):
                k, h = x, hx
                break
    if h is None or not isinstance(h[1], EntityType) or h[1] not in ORGANISATION_TYPES:
        return
    if h[0] >= title.end or any(c.start <= k < c.end for c in inner):
        return
    e = title.end
    # stop before a trailing gazetteer organisation (it is the parent)
    for c in inner:
        if c.start > k and c.end == e and c.type in ORGANISATION_TYPES:
            e = c.start
    cand = Cand(k, e, h[1], "title.unit", confidence=0.8)
    for c in inner:
        if k <= c.start and c.end <= e:
            c.nested = True
    inner.append(cand)
