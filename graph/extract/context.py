"""Sentence-level rules over typed chunks: appositions, speakers, places, datelines.

These rules see a whole sentence: "Title, Name," / "Name, Title, Affiliation,"
appositions; "kata X" speakers; "di X" and "kabupaten ..., yakni A, B dan C"
places; the dateline place at the start of the story.
"""

from __future__ import annotations

import itertools
import re

from graph.extract.chunks import person_cand, title_case_line
from graph.extract.mentions import ET, Analysis, Cand, Rules, Title
from graph.model import ORGANISATION_TYPES


def _cand_starting(a: Analysis, i: int) -> Cand | None:
    """The longest candidate starting at token ``i``."""
    return a.index()[0].get(i)


def _cand_ending(a: Analysis, j: int) -> Cand | None:
    """The longest candidate ending at token ``j``."""
    return a.index()[1].get(j)


def _name_run(r: Rules, i: int, stop: int) -> int:
    """End of a run of capitalised words / initials / particles starting at ``i``."""
    v = r.v
    particles = r.lex.lists.get("person_particles", frozenset())
    j = i
    while j < stop and (
        v.words[j][:1].isupper()
        or (v.lower[j] in particles and j + 1 < stop and v.words[j + 1][:1].isupper())
    ):
        if r.in_gaz(j) and j > i:
            break
        j += 1
    return j


def _person_at(a: Analysis, r: Rules, i: int, stop: int, rule: str, conf: float) -> Cand | None:
    """The person whose name starts at ``i`` (creating or upgrading a candidate)."""
    v = r.v
    first = i
    while i < stop and (r.honorific(i) or v.space[i]):
        i += 1
    if i >= stop:
        return None
    c = _cand_starting(a, i) or (_cand_starting(a, first) if first < i else None)
    if c is not None:
        if c.type is ET.PERSON:
            if conf > c.confidence:
                c.confidence, c.rule = conf, rule
            return c
        return None
    j = _name_run(r, i, stop)
    if r.head_at(i) is not None or r.role_at(i) is not None:
        return None
    p = person_cand(r, first, j, rule, conf, strict=False)
    if p is None:
        return None
    # a weaker candidate overlapping this run is replaced
    by_start = a.index()[0]
    if any(k in by_start for k in range(max(0, p.start - 12), p.end)):
        a.cands = [x for x in a.cands if not (x.start < p.end and p.start < x.end)]
    a.cands.append(p)
    return p


def lowercase_titles(a: Analysis, r: Rules) -> None:
    """ "Yuni, ketua Serikat X (SX), ...": a title written in lowercase after a name, with
    the organisation it heads right after it (only there: "ketua" alone is a common noun)."""
    v = r.v
    titled = {t.person.start for t in a.titles if t.person is not None}
    for p in [c for c in a.cands if c.type is ET.PERSON and not c.nested]:
        if p.start in titled or p.end + 1 >= v.n:
            continue
        k = _title_slot(r, p.end)
        if k is None or k >= v.n or not v.words[k].islower():
            continue
        m = r.lex.roles.match(v.lower, k, None)
        if m is None or getattr(m[1], "kind", "position") == "rank":
            continue
        org = _cand_starting(a, m[0])
        if org is None or org.type not in ORGANISATION_TYPES:
            continue
        end = org.end
        if end + 2 < v.n and v.words[end] == "(" and v.words[end + 2] == ")":
            end += 3  # "(IMWU)"
        a.titles.append(
            Title(k, end, m[1], person=p, inner=[org], head_end=m[0], rule="title.lowercase")
        )


def _title_slot(r: Rules, j: int) -> int | None:
    """Where a title after a name starts: "X, ketua ...", "X selaku ketua ...",
    "X, yang tampil sebagai peneliti ..."."""
    v = r.v
    if r.lex.has("as_words", v.words[j]):
        return j + 1
    if v.words[j] != ",":
        return None
    k = j + 1
    if k < v.n and v.lower[k] == "yang":
        for m in range(k + 1, min(k + 4, v.n)):
            if r.lex.has("as_words", v.words[m]):
                return m + 1
        return None
    return k


def appositions(a: Analysis, r: Rules) -> None:
    """Attach people and affiliations to titles across commas."""
    v = r.v
    for t in a.titles:
        stop = v.sent_end(t.start)
        if t.person is None:
            _extend_title_list(a, r, t, stop)
        j = t.end
        if t.person is None and j < stop and v.words[j] == ",":
            k = j + 1
            aff = _cand_starting(a, k)
            if (
                aff is not None
                and aff.type in (*ORGANISATION_TYPES, ET.COUNTRY)
                and _comma_after(v, aff.end, stop)
            ):
                p = _person_at(a, r, aff.end + 1, stop, "person.apposition", 0.9)
                if p is not None:
                    t.person, t.affiliation = p, aff
                    continue
            p = _person_at(a, r, k, stop, "person.apposition", 0.9)
            if p is not None and _apposition_ends(v, p.end, stop):
                t.person = p
                continue
        if t.person is None and j + 1 < stop and v.lower[j] in ("di", "dari"):
            # "Duta Besar RI di Tokyo, Heri Akhmadi": the post's place belongs to the title;
            # "Kepala Seksi Penempatan dari Dinas Tenaga Kerja Cirebon, Agus Salim"
            at = v.lower[j] == "di"
            found = _named_after(a, r, j + 1, stop, _PLACE_TYPES if at else _AFFILIATION_TYPES)
            if found is not None:
                c, t.person = found
                if at:
                    t.end = c.end
                else:
                    t.affiliation = c
                continue
        if t.person is None and t.start >= 2 and r.lex.has("as_words", v.words[t.start - 1]):
            # "disampaikan Rizal selaku Ketua Delegasi RI"
            p = _cand_ending(a, t.start - 1)
            if p is not None and p.type is ET.PERSON:
                t.person = p
                if p.confidence < 0.85:
                    p.confidence, p.rule = 0.85, "person.apposition"
                continue
        if t.person is None and t.start >= 2 and v.words[t.start - 1] == ",":
            # "Name, Title" with the name before the title
            p = _cand_ending(a, t.start - 1)
            if p is None:
                k = t.start - 2
                while k > v.sent_start(t.start) and v.words[k - 1][:1].isupper():
                    k -= 1
                p = _person_at(a, r, k, t.start - 1, "person.apposition", 0.85)
            if p is not None and p.type is ET.PERSON:
                t.person = p
                if p.confidence < 0.85:
                    p.confidence, p.rule = 0.85, "person.apposition"
        if t.person is not None and t.affiliation is None and t.person.end <= t.start:
            # "Name, Title, Affiliation"
            if j < stop and v.words[j] == ",":
                aff = _cand_starting(a, j + 1)
                if aff is not None and aff.type in (*ORGANISATION_TYPES, ET.COUNTRY):
                    t.affiliation = aff
        elif t.person is not None and t.affiliation is None:
            # "Title Name dari Affiliation"
            pe = t.person.end
            if pe + 1 < stop and v.lower[pe] == "dari":
                aff = _cand_starting(a, pe + 1)
                if aff is not None and aff.type in ORGANISATION_TYPES:
                    t.affiliation = aff


_PLACE_TYPES = (ET.PLACE, ET.COUNTRY)
_AFFILIATION_TYPES = (*ORGANISATION_TYPES, ET.COUNTRY)


def _named_after(
    a: Analysis, r: Rules, k: int, stop: int, types: tuple[ET, ...]
) -> tuple[Cand, Cand] | None:
    """(candidate of ``types`` at ``k``, the person named after it across a comma)."""
    c = _cand_starting(a, k)
    if c is None or c.type not in types or not _comma_after(r.v, c.end, stop):
        return None
    p = _person_at(a, r, c.end + 1, stop, "person.apposition", 0.9)
    return (c, p) if p is not None and _apposition_ends(r.v, p.end, stop) else None


def _comma_after(v, j: int, stop: int) -> bool:
    return j < stop and v.words[j] == ","


def _apposition_ends(v, j: int, stop: int) -> bool:
    """A name in apposition ends at a comma, a verb, a period or the sentence end."""
    return (
        j >= stop or v.words[j] in {",", ".", ")", "(", '"', "”", ":"} or v.words[j][:1].islower()
    )


def _extend_title_list(a: Analysis, r: Rules, t: Title, stop: int) -> None:
    """ "Wakil Tetap RI untuk PBB, WTO dan Organisasi Internasional Lainnya, Hasan Kleib"."""
    v = r.v
    preps = {"untuk", "bagi", "pada", "di"}
    if not any(v.lower[k] in preps for k in range(t.head_end, t.end)):
        return
    j = t.end
    if j >= stop or v.words[j] != ",":
        return
    k = j + 1
    saw_conj = False
    while k < stop and v.words[k] != ",":
        if v.lower[k] in {"dan", "serta"}:
            saw_conj = True
        elif not (v.words[k][:1].isupper() or r.connector(k)):
            return
        k += 1
    if not saw_conj or k >= stop:
        return
    # the list belongs to the title; entities named in it are entities (README C4)
    for c in list(a.cands):
        if j < c.start and c.end <= k and c.type in (*ORGANISATION_TYPES, ET.COUNTRY, ET.PLACE):
            t.inner.append(c)
    t.end = k


def speakers(a: Analysis, r: Rules) -> None:
    """ "kata Haiyani", "ujar Kepala BP2MI X", "menurut X": X is a person."""
    v = r.v
    after = r.lex.lists.get("speech_verbs_after", frozenset())
    for i in range(v.n - 1):
        if v.lower[i] in after or v.lower[i] == "menurut":
            k = i + 1
            stop = v.sent_end(i)
            if k < stop and r.role_at(k, stop) is not None:
                continue  # the title rule handles "kata Menteri X"
            if k < stop and v.words[k][:1].isupper():
                _person_at(a, r, k, stop, "person.speaker", 0.85)


def locatives(a: Analysis, r: Rules) -> None:
    """ "di X" (and lists after it) name places when nothing else typed them.

    After the first item, a new place is created only in an evident list: items
    with dates ("di Mataram (23/5), Semarang (29/5), dan Makassar (12/6)") or
    after "dan". A name after a plain comma is more often an apposition
    ("di Semarang, Imam Maskur, Kepala Dinas ...").
    """
    v = r.v
    locs = r.lex.lists.get("locatives", frozenset())
    headline_sents: dict[int, bool] = {}
    for i in range(v.n - 1):
        if v.lower[i] not in locs:
            continue
        stop = v.sent_end(i)
        s = v.sent[i]
        if s not in headline_sents:
            headline_sents[s] = title_case_line(r, *v.sents[s])
        if headline_sents[s]:
            continue  # "Pemangku Kepentingan di Bitung Dorong Langkah ...": a headline
        origin = v.lower[i] == "dari"  # "dari X": existing places only, never new ones
        k = i + 1
        in_title = any(t.start <= i < t.end for t in a.titles)  # "Konsul Jenderal RI di Osaka, X"
        if k + 1 < stop and v.lower[k] in r.lex.lists.get("place_group_nouns", frozenset()):
            k += 1  # "di wilayah Chubu", "di Kabupaten ..." is typed by its head anyway
        create = not origin
        while k < stop:
            c = _place_item(a, r, k, stop, create)
            if c is None:
                break
            k = c.end
            dated = False
            if k < stop and v.words[k] == "(":  # a parenthesised date "(23/5)"
                close = k
                while close < stop and v.words[close] != ")":
                    close += 1
                k, dated = close + 1, True
            if k < stop and v.words[k] == "," and k + 1 < stop:
                k += 1
                create = not origin and (dated or (not in_title and _chain_end(a, r, k, stop)))
                if v.lower[k] in {"dan", "serta"}:
                    k += 1
                    create = not origin
                continue
            if k < stop and v.lower[k] in {"dan", "serta"}:
                k += 1
                create = not origin
                continue
            break


def _chain_end(a: Analysis, r: Rules, k: int, stop: int) -> bool:
    """ "di Victoria Park, Causeway Bay." — a capitalised run closing a two-place chain.

    The run must end the clause (period, parenthesis, date, or a lowercase word);
    a run followed by ", Kepala ..." is a person in apposition, not a place.
    """
    v = r.v
    j = k
    while j < stop and v.words[j][:1].isupper():
        j += 1
    if j == k:
        return False
    if j >= stop or v.words[j] in {".", ")", "(", ";"} or v.words[j][:1].islower():
        return True
    return (
        v.words[j] == ","
        and j + 1 < stop
        and (
            v.words[j + 1][:1].islower()
            or v.lower[j + 1] in r.lex.lists.get("weekdays", frozenset())
        )
    )


def _place_item(a: Analysis, r: Rules, k: int, stop: int, create: bool) -> Cand | None:
    v = r.v
    c = _cand_starting(a, k)
    if c is not None:
        if c.type in (ET.PLACE, ET.COUNTRY):
            return c
        if create and c.type is ET.PERSON and c.confidence < 0.85 and r.gaz_at(k) is None:
            c.type, c.rule, c.confidence = ET.PLACE, "place.locative", 0.7
            return c
        return None
    if (
        not create
        or not v.words[k][:1].isupper()
        or r.not_name(k)
        or r.role_at(k, stop) is not None
    ):
        return None
    j = k
    while j < stop and v.words[j][:1].isupper() and r.gaz_at(j) is None and not r.not_name(j):
        j += 1
    if j == k or r.head_at(k) is not None:
        return None
    if all(r.common(x) for x in range(k, j)) or any(
        _DOMAIN_TOKEN.search(v.words[x]) for x in range(k, j)
    ):
        return None  # "ke Usaha Produktif", "di TribunLombok.com" name no place
    c = Cand(k, j, ET.PLACE, "place.locative", confidence=0.7)
    a.cands.append(c)
    return c


def enumerations(a: Analysis, r: Rules) -> None:
    """ "enam kabupaten di Nusa Tenggara Timur, yakni Belu, Sika, ... dan Kupang"."""
    v = r.v
    groups = r.lex.lists.get("place_group_nouns", frozenset())
    enum = r.lex.lists.get("enumerators", frozenset())
    for i in range(v.n):
        if v.lower[i] not in enum:
            continue
        s0 = v.sent_start(i)
        if not any(v.lower[k] in groups for k in range(max(s0, i - 8), i)):
            continue
        stop = v.sent_end(i)
        k = i + 1
        while k < stop:
            if v.words[k] in {",", ":"} or v.lower[k] in {"dan", "serta"}:
                k += 1
                continue
            if not v.words[k][:1].isupper():
                break
            j = k
            while j < stop and v.words[j][:1].isupper():
                j += 1
            existing = [c for c in a.cands if c.start < j and k < c.end]
            if existing:
                for c in existing:
                    if c.type is ET.PERSON and c.confidence < 0.85:
                        c.type, c.rule = ET.PLACE, "place.enumeration"
                    if c.type in (ET.PLACE, ET.COUNTRY):
                        a.enumerated.append((c, i))
            else:
                c = Cand(k, j, ET.PLACE, "place.enumeration", confidence=0.75)
                a.cands.append(c)
                a.enumerated.append((c, i))
            k = j


def dateline(a: Analysis, r: Rules) -> None:
    """The place that opens the story (README C3).

    Shapes: "Jenewa - ...", "jpnn.com, JAKARTA - ...", "Jakarta (ANTARA) - ...",
    "TEMPO.CO, Jakarta - ...", "Jakarta, CNN Indonesia -- ...". The publisher is
    page metadata, never an entity.
    """
    v = r.v
    dashes = {"-", "–", "—", "--"}
    for s0, s1 in v.sents[:4]:
        i = s0
        while i < s1 and v.space[i]:
            i += 1
        if i < s1 and _DOMAIN_TOKEN.search(v.words[i]):
            i += 1  # a publisher domain: "jpnn.com," / "Suara.com -"
            if i < s1 and v.words[i] in dashes:
                continue
            if i < s1 and v.words[i] == ",":
                i += 1
        j = i
        while j < s1 and v.words[j][:1].isupper() and j - i < 4 and v.words[j] not in dashes:
            j += 1
        if j == i or j >= s1:
            continue
        k = j
        if v.words[k] == "(" and k + 2 < s1 and v.words[k + 2] == ")":
            k += 3  # "(ANTARA)"
        elif v.words[k] == ",":
            # "Jakarta, CNN Indonesia --": an outlet name between the city and the dash
            m = k + 1
            while m < s1 and m - k <= 4 and v.words[m] not in dashes and v.words[m][:1].isupper():
                m += 1
            if m >= s1 or v.words[m] not in dashes or m == k + 1:
                continue
            a.cands = [x for x in a.cands if not (x.start < m and k < x.end)]
            k = m
        if k < s1 and v.words[k] in dashes:
            if r.head_at(i) is not None or r.role_at(i) is not None:
                continue
            c = _cand_starting(a, i)
            if c is not None and c.end == j:
                if c.type not in (ET.PLACE, ET.COUNTRY):
                    c.type, c.rule = ET.PLACE, "place.dateline"
                return
            a.cands = [x for x in a.cands if not (x.start < j and i < x.end)]
            a.cands.append(Cand(i, j, ET.PLACE, "place.dateline", confidence=0.8))
            return


_DOMAIN_TOKEN = re.compile(r"[A-Za-z0-9]\.(?:com|co|id|net|org|tv|news)\b", re.IGNORECASE)


def credits(a: Analysis, r: Rules) -> None:
    """Bylines and photo/editor credits are page metadata, not entities (README C2)."""
    v = r.v
    labels = r.lex.lists.get("credit_labels", frozenset())
    drop: set[int] = set()
    for i in range(v.n):
        if v.lower[i] in labels and i + 1 < v.n and v.words[i + 1] in {":", "/"}:
            k = i + 2
            while (
                k < v.n and not (v.space[k] and "\n" in v.words[k]) and v.words[k] not in {")", "]"}
            ):
                drop.add(k)
                k += 1
        elif v.lower[i] == "by" and v.first_in_sentence(i):
            k = i
            while k < v.n and not (v.space[k] and "\n" in v.words[k]):
                drop.add(k)
                k += 1
    drop |= _name_only_lines(a, r)
    if drop:
        a.cands = [c for c in a.cands if c.start not in drop]


_LINE_PUNCT = frozenset({"(", ")", "[", "]", "•", "·", "|", "-", "–", "—", ","})


def _name_only_lines(a: Analysis, r: Rules) -> set[int]:
    """A line that is only a person's name, maybe with a date or a separator ("Rizky Amalia",
    "Fadli Rahman • 17 Februari 2025 19:42", "(Fadli Rahman)"): a byline, not a mention."""
    v = r.v
    starts = {c.start: c for c in a.cands if c.type is ET.PERSON}
    out: set[int] = set()
    i = 0
    while i < v.n:
        j = i
        while j < v.n and not (v.space[j] and "\n" in v.words[j]):
            j += 1
        k = i
        while k < j and (v.space[k] or v.words[k] in _LINE_PUNCT):
            k += 1
        c = starts.get(k)
        if c is not None and c.end <= j:
            rest = [m for m in range(c.end, j) if not v.space[m] and v.words[m] not in _LINE_PUNCT]
            sep = c.end < j and v.words[c.end] in _LINE_PUNCT
            if not rest or (sep and any(v.words[m][:1].isdigit() for m in rest)):
                out.add(c.start)
        i = j + 1
    return out


def government_of(a: Analysis, r: Rules) -> None:
    """ "pemerintah Indonesia" is an alias of the country (README C15)."""
    v = r.v
    for c in a.cands:
        if c.type is ET.COUNTRY and c.start > 0 and v.lower[c.start - 1] == "pemerintah":
            a.country_alias.append((c.start - 1, c.end, c.ref or ""))


def fixed_terms(a: Analysis, r: Rules) -> None:
    """A country in a fixed term ("pekerja migran Indonesia") is not a mention (README C5)."""
    v = r.v
    terms = [t.split() for t in r.lex.lists.get("country_fixed_terms", frozenset())]
    keep = []
    for c in a.cands:
        if c.type is ET.COUNTRY:
            fixed = False
            for t in terms:
                n = len(t)
                if c.start >= n and v.lower[c.start - n : c.start] == t:
                    fixed = True
                    break
            if fixed:
                continue
        keep.append(c)
    a.cands = keep


def list_types(a: Analysis, r: Rules) -> None:
    """In "A, B dan C" a weak name takes the type of a typed neighbour (programmes, places).

    Only inside an evident list: joined by "dan"/"serta", or by commas with a
    neighbour on both sides; "di Semarang, Imam Maskur, Kepala ..." is no list.
    """
    v = r.v
    cands = sorted(a.cands, key=lambda c: c.start)

    def sep(x: Cand, y: Cand) -> str | None:
        between = v.lower[x.end : y.start]
        if between in (["dan"], [",", "dan"], ["serta"], [",", "serta"]):
            return "and"
        if between in ([","], [";"]):
            return "comma"
        return None

    links = [sep(x, y) for x, y in itertools.pairwise(cands)]
    changed = True
    while changed:
        changed = False
        for k, link in enumerate(links):
            if link is None:
                continue
            x, y = cands[k], cands[k + 1]
            for weak, strong, wpos in ((x, y, k), (y, x, k + 1)):
                if not (
                    weak.type is ET.PERSON
                    and weak.confidence < 0.85
                    and strong.type in (ET.PROGRAM, ET.PLACE, ET.AGREEMENT)
                ):
                    continue
                in_list = (k > 0 and links[k - 1] is not None) or (
                    k + 1 < len(links) and links[k + 1] is not None
                )
                del wpos
                if link == "and" or in_list:
                    weak.type, weak.rule = strong.type, f"list.{strong.type}"
                    changed = True


_YEARS = re.compile(r"^(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?$")


def period_names(a: Analysis, r: Rules) -> None:
    """ "Tata Kelola Migrasi ... di Indonesia (2022-2023)": a programme named with place and period.

    The place and the years belong to the name; the form without the years is
    an alias, and the place inside it is not a mention of its own.
    """
    v = r.v
    for c in list(a.cands):
        if c.type not in (ET.PROGRAM, ET.EVENT, ET.AGREEMENT):
            continue
        k = c.end
        if k + 1 >= v.n or v.lower[k] != "di":
            continue
        place = _cand_starting(a, k + 1)
        if place is None or place.type not in (ET.PLACE, ET.COUNTRY):
            continue
        p = place.end
        if (
            p + 2 < v.n
            and v.words[p] == "("
            and _YEARS.match(v.words[p + 1])
            and v.words[p + 2] == ")"
        ):
            short = v.span_text(c.start, p)
            c.end = p + 3
            c.name = None
            c.aliases.append(short)
            place.nested = True
