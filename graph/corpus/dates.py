"""An article's publication date from its text, when metadata gives none.

Order: a date the text calls "hari ini"; a dateline ("Jakarta, 22 November 2024",
"Tokyo, 26 Feb 2025"); the first weekday date ("Kamis (8/11/2017)", "Selasa, 14
November 2017"). A weekday date without a year ("Senin (10/6)") is resolved only
when exactly one year fits: the window is bounded below by past years the story
mentions and by era words (``ontology/lexicon/dates.yaml``), above by future years
("akan ... 2018") and by full dates in the page's boilerplate. Dates without a
weekday inside the story are event dates, never the publication date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.defaults import LEXICON_DIR

DATES_FILE = LEXICON_DIR / "dates.yaml"


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: patterns are cached per lexicon
class DateLexicon:
    """Month and weekday names, era words and cue words of ``dates.yaml``."""

    months: dict[str, int]
    weekdays: dict[str, int]
    eras: tuple[tuple[re.Pattern[str], int | None, int | None], ...]
    min_year: int
    max_year: int
    future_before: tuple[str, ...]
    future_after: tuple[str, ...]
    past: tuple[str, ...]
    past_strong: tuple[str, ...]
    today: tuple[str, ...]

    @classmethod
    def load(cls, path: str | Path = DATES_FILE) -> DateLexicon:
        with Path(path).open(encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        cues = data.get("date_cues") or {}
        window = data.get("year_window") or {}
        eras = []
        for word, bounds in (data.get("eras") or {}).items():
            pat = re.compile(rf"(?<!\w){re.escape(str(word))}(?!\w)", re.IGNORECASE)
            eras.append((pat, (bounds or {}).get("min_year"), (bounds or {}).get("max_year")))
        return cls(
            months={str(k).casefold(): int(v) for k, v in (data.get("months") or {}).items()},
            weekdays={str(k).casefold(): int(v) for k, v in (data.get("weekdays") or {}).items()},
            eras=tuple(eras),
            min_year=int(window.get("min_year", 1990)),
            max_year=int(window.get("max_year", 2100)),
            future_before=tuple(cues.get("future_before") or ()),
            future_after=tuple(cues.get("future_after") or ()),
            past=tuple(cues.get("past") or ()),
            past_strong=tuple(cues.get("past_strong") or ()),
            today=tuple(cues.get("today") or ()),
        )


@functools.lru_cache(maxsize=4)
def default_lexicon(path: str = str(DATES_FILE)) -> DateLexicon:
    return DateLexicon.load(path)


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Patterns:
    full: re.Pattern[str]  # 22 November 2024 / 26 Feb 2025
    numeric: re.Pattern[str]  # (8/11/2017) / (10/6)
    weekday_date: re.Pattern[str]  # Kamis (8/11/2017) / Selasa, 14 November 2017 / Senin (10/6)
    dateline: re.Pattern[str]  # Jakarta, 22 November 2024 / Rabu, 8 Mei 2024 at a line start
    today: re.Pattern[str]
    year: re.Pattern[str]


@functools.lru_cache(maxsize=4)
def _patterns(lex: DateLexicon) -> _Patterns:
    month = rf"(?P<mon>(?i:{_alt(lex.months)}))\.?"
    wd = rf"(?P<wd>(?i:{_alt(lex.weekdays)}))"
    full = rf"(?P<d>\d{{1,2}})\s+{month}\s+(?P<y>(?:19|20)\d\d)(?!\d)"
    num = r"\(\s*(?P<nd>\d{1,2})\s*/\s*(?P<nm>\d{1,2})(?:\s*/\s*(?P<ny>(?:19|20)?\d\d))?\s*\)"
    # a dateline place: capitalised words ("Jakarta", "Nusa Dua", "JAKARTA (ANTARA)")
    place = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z(][\w.'’()-]*)){0,4}"
    return _Patterns(
        full=re.compile(rf"(?<!\w){full}", re.IGNORECASE),
        numeric=re.compile(num),
        weekday_date=re.compile(rf"(?<!\w){wd}\s*(?:,\s*|\s+)(?:{num}|{full})", re.IGNORECASE),
        dateline=re.compile(rf"^[ \t]*(?:{place}\s*,\s*)?(?:{wd}\s*,?\s*)?{full}", re.MULTILINE),
        today=re.compile(
            rf"(?:{_alt(lex.today)})\s*,?\s*(?:{wd}\s*(?:,\s*|\s+))?(?:{num}|{full})",
            re.IGNORECASE,
        ),
        year=re.compile(r"(?<![\w/.,\-–—])((?:19|20)\d\d)(?![\w/]|\s*[-–—]\s*\d)"),
    )


def _month_day(m: re.Match[str], lex: DateLexicon) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a match of ``full`` or ``numeric`` groups."""
    gd = m.groupdict()
    if gd.get("d"):
        year, month, day = int(gd["y"]), lex.months[gd["mon"].casefold()], int(gd["d"])
    elif gd.get("nd"):
        ny = gd.get("ny")
        year = (2000 + int(ny) if len(ny) == 2 else int(ny)) if ny else None
        month, day = int(gd["nm"]), int(gd["nd"])
    else:
        return None
    return year, month, day


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_dates(text: str, lex: DateLexicon | None = None) -> list[tuple[dt.date, int]]:
    """Every explicit calendar date of ``text`` ("22 November 2024", "(22/11/2024)") and where."""
    lex = lex or default_lexicon()
    pats = _patterns(lex)
    found: list[tuple[dt.date, int]] = []
    for pat in (pats.full, pats.numeric):
        for m in pat.finditer(text):
            ymd = _month_day(m, lex)
            if ymd and ymd[0] is not None and (d := _valid(*ymd)):  # type: ignore[arg-type]
                found.append((d, m.start()))
    return sorted(found, key=lambda x: x[1])


def find_published(
    text: str, boilerplate: str = "", lexicon: DateLexicon | None = None
) -> tuple[str | None, str]:
    """(ISO date or None, how) with how one of "text", "inferred", "unknown"."""
    lex = lexicon or default_lexicon()
    pats = _patterns(lex)
    head = "\n".join(text.split("\n")[:15])
    for pat, where in ((pats.today, text), (pats.dateline, head)):
        for m in pat.finditer(where):
            ymd = _month_day(m, lex)
            if ymd and ymd[0] is not None and (d := _valid(*ymd)):  # type: ignore[arg-type]
                return d.isoformat(), "text"
    m = pats.weekday_date.search(text)
    if not m:
        return None, "unknown"
    ymd = _month_day(m, lex)
    if ymd is None:
        return None, "unknown"
    year, month, day = ymd
    if year is not None:
        d = _valid(year, month, day)
        return (d.isoformat(), "text") if d else (None, "unknown")
    weekday = lex.weekdays[m.group("wd").casefold()]
    years = candidate_years(text, boilerplate, month, day, weekday, lex)
    if len(years) == 1:
        return dt.date(years[0], month, day).isoformat(), "inferred"
    return None, "unknown"


def candidate_years(
    text: str, boilerplate: str, month: int, day: int, weekday: int, lex: DateLexicon
) -> list[int]:
    """Years in which ``day``/``month`` falls on ``weekday`` and that the text allows."""
    lo, hi = year_bounds(text, lex)
    latest = max((d for d, _ in full_dates(boilerplate, lex)), default=None)
    if latest is not None:
        hi = min(hi, latest.year)
    out = []
    for y in range(lo, hi + 1):
        d = _valid(y, month, day)
        if d and d.weekday() == weekday and (latest is None or d <= latest):
            out.append(y)
    return out


def year_bounds(text: str, lex: DateLexicon) -> tuple[int, int]:
    """(lowest, highest) year the story can have been written in."""
    lo, hi = lex.min_year, lex.max_year
    for pat, min_year, max_year in lex.eras:
        if pat.search(text):
            lo = max(lo, min_year or lo)
            hi = min(hi, max_year or hi)
    for year, tense in year_mentions(text, lex):
        if tense == "past":
            lo = max(lo, year)
        elif tense == "future":
            hi = min(hi, year - 1)
    for d, pos in full_dates(text, lex):
        if not _in_future_clause(text, pos, lex):
            lo = max(lo, d.year)
    return lo, hi


def _clause_before(text: str, pos: int, width: int = 80) -> str:
    before = text[max(0, pos - width) : pos]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind(", "))
    return before[cut + 1 :] if cut >= 0 else before


def _has_word(s: str, words: tuple[str, ...]) -> bool:
    low = s.casefold()
    return any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", low) for w in words)


def _in_future_clause(text: str, pos: int, lex: DateLexicon) -> bool:
    if pos < 0:
        return False
    return _has_word(_clause_before(text, pos), lex.future_before)


def year_mentions(text: str, lex: DateLexicon) -> list[tuple[int, str]]:
    """Years with a tense cue: ("past" | "future"); years in ranges or names are left out.

    >>> text = "yang pada tahun 2017 mengadopsi; akan digelar pada awal tahun 2018"
    >>> year_mentions(text, default_lexicon())
    [(2017, 'past'), (2018, 'future')]
    """
    pats = _patterns(lex)
    out: list[tuple[int, str]] = []
    for m in pats.year.finditer(text):
        year = int(m.group(1))
        before = text[max(0, m.start() - 40) : m.start()].casefold()
        after = text[m.end() : m.end() + 20].casefold()
        words = re.findall(r"[\w-]+", before)
        cue = _cue_before(words, lex)
        if _has_word(after.split(".")[0][:15], lex.future_after) or (
            _in_future_clause(text, m.start(), lex) and cue not in lex.past_strong
        ):
            out.append((year, "future"))
        elif cue:
            out.append((year, "past"))
    return out


_FILLERS = frozenset({"tahun", "awal", "akhir", "pertengahan", "medio"})


def _cue_before(words: list[str], lex: DateLexicon) -> str | None:
    """The cue that ends ``words``, allowing fillers ("sejak awal tahun"); strong cues first."""
    found: list[str] = []
    for skip in range(3):
        if skip and words[len(words) - skip] not in _FILLERS:
            break
        rest = words[: len(words) - skip]
        for cue in lex.past:
            n = len(cue.split())
            if rest[-n:] == cue.split():
                found.append(cue)
        if skip + 1 > len(words) - 1:
            break
    strong = [c for c in found if c in lex.past_strong]
    return (strong or found or [None])[0]
