"""Cut page boilerplate (menus, related-headline lists, credits, blurbs) from a page's text.

Markers are data (``ontology/boilerplate.yaml``); this module holds only the line
rules that use them. The kept text is the coordinate system of every later offset,
so characters are never rewritten: whole lines are kept or dropped, nothing else.
Conservative by design: a body paragraph is only cut when a marker or a clear
structure (headline list, teaser repeat, "Tentang <Org>" blurb) says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from graph.defaults import BOILERPLATE_FILE
from graph.names import norm

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$|[\"”’]$")
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪►]|\d{1,2}[.)])(?:\s+(?P<rest>\S.*))?$")
_LEAD = re.compile(r"^\s*(?:[-–—•·*▪►]+|\d{1,2}[.)])\s*")


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """The markers of ``ontology/boilerplate.yaml``, normalised for matching."""

    tail_markers: frozenset[str]
    inline_tail_markers: frozenset[str]
    inline_prefixes: tuple[str, ...]
    inline_lines: frozenset[str]
    credit_labels: tuple[str, ...]
    credit_patterns: tuple[re.Pattern[str], ...]
    byline_patterns: tuple[re.Pattern[str], ...]
    title_labels: tuple[str, ...]
    head_markers: frozenset[str]
    menu_separators: tuple[str, ...]
    about_prefixes: tuple[str, ...]
    list_intro_words: tuple[str, ...] = ()
    end_markers: frozenset[str] = frozenset()
    source: str = ""

    @classmethod
    def from_dict(cls, data: dict, source: str = "") -> BoilerplateRules:
        def words(key: str) -> list[str]:
            value = data.get(key) or []
            if not isinstance(value, list):
                raise ValueError(f"{source or 'boilerplate rules'}: {key!r} must be a list")
            return [str(v) for v in value if v is not None]

        def regexes(key: str) -> tuple[re.Pattern[str], ...]:
            try:
                return tuple(re.compile(p, re.IGNORECASE) for p in words(key))
            except re.error as exc:
                raise ValueError(f"{source}: {key}: bad regular expression: {exc}") from None

        return cls(
            tail_markers=frozenset(marker_key(w) for w in words("tail_markers")),
            inline_tail_markers=frozenset(marker_key(w) for w in words("inline_tail_markers")),
            inline_prefixes=tuple(_prefix_key(w) for w in words("inline_prefixes")),
            inline_lines=frozenset(w.strip().casefold() for w in words("inline_lines")),
            credit_labels=tuple(w.casefold() for w in words("credit_labels")),
            credit_patterns=regexes("credit_patterns"),
            byline_patterns=regexes("byline_patterns"),
            title_labels=tuple(norm(w) for w in words("title_labels")),
            head_markers=frozenset(marker_key(w) for w in words("head_markers")),
            menu_separators=tuple(words("menu_separators")),
            about_prefixes=tuple(w.casefold() for w in words("about_prefixes")),
            list_intro_words=tuple(norm(w) for w in words("list_intro_words")),
            end_markers=frozenset(marker_key(w) for w in words("end_markers")),
            source=source,
        )

    @classmethod
    def load(cls, path: str | Path = BOILERPLATE_FILE) -> BoilerplateRules:
        path = Path(path)
        with path.open(encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of marker lists")
        return cls.from_dict(data, source=str(path))


@functools.lru_cache(maxsize=4)
def default_rules(path: str = str(BOILERPLATE_FILE)) -> BoilerplateRules:
    return BoilerplateRules.load(path)


def marker_key(line: str) -> str:
    """A line as a marker: no bullet/number, no trailing colon, case and spacing folded.

    >>> marker_key(" - Baca Juga : ")
    'baca juga'
    """
    s = _LEAD.sub("", line).strip().rstrip(":").strip()
    return " ".join(s.casefold().split())


def _prefix_key(prefix: str) -> str:
    return " ".join(prefix.casefold().split())


@dataclass(frozen=True, slots=True)
class Cut:
    """A part of the page that is not story: raw offsets, why, and its text."""

    start: int
    end: int
    reason: str
    text: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "reason": self.reason, "text": self.text}


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Kept story text, where it lies in the raw text, and every cut."""

    text: str
    span: tuple[int, int]
    cuts: tuple[Cut, ...] = ()
    segments: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @property
    def boilerplate(self) -> str:
        """All cut text (used to bound dates: a sidebar shows when a page was captured)."""
        return "\n".join(c.text for c in self.cuts)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str  # without "\r"

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(raw: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for piece in raw.split("\n"):
        end = pos + len(piece)
        out.append(_Line(pos, end, piece.rstrip("\r")))
        pos = end + 1
    return out


# --------------------------------------------------------------------------- line kinds


def is_body(text: str) -> bool:
    """A story paragraph rather than a headline, label or menu item."""
    s = text.strip().rstrip("\u00a0 ")
    n = len(s.split())
    return n >= 30 or (n >= 10 and bool(_SENTENCE_END.search(s)))


def is_headline_like(text: str, max_words: int = 25) -> bool:
    s = text.strip()
    if not s or len(s.split()) > max_words or s.endswith((".", ":", ",", ";")):
        return False
    return any(c.isalpha() for c in s)


def is_credit(text: str, rules: BoilerplateRules) -> bool:
    """``Pewarta: Nama``, ``(rdp/dhn)``, ``COPYRIGHT © ...``: the page's own credits."""
    s = text.strip()
    if not s:
        return False
    low = s.casefold()
    for label in rules.credit_labels:
        if low.startswith(label):
            rest = low[len(label) :].lstrip()
            if rest.startswith(":") and len(s.split()) <= 12:
                return True
    return any(p.search(s) for p in rules.credit_patterns)


def is_byline(text: str, rules: BoilerplateRules) -> bool:
    return any(p.search(text.strip()) for p in rules.byline_patterns)


def is_title_label(text: str, rules: BoilerplateRules) -> bool:
    n = norm(text)
    return any(n == lab or n.startswith(lab + " ") for lab in rules.title_labels)


def _inline_drop(text: str, rules: BoilerplateRules) -> bool:
    s = text.strip()
    if s.casefold() in rules.inline_lines:
        return True
    low = " ".join(s.casefold().split())
    return any(low.startswith(p) for p in rules.inline_prefixes)


def _glued_marker(text: str, rules: BoilerplateRules) -> bool:
    """``Siapa KamiOrganisasi ...``: a menu label glued to its blurb by a lost line break."""
    s = text.strip()
    for i in range(2, min(len(s), 40)):
        if s[i].isupper() and s[i - 1].islower() and marker_key(s[:i]) in rules.head_markers:
            return True
    return False


def _menu_separated(text: str, rules: BoilerplateRules) -> bool:
    """``Beranda › Tentang kami › Berita``, ``Topik: a | b | c``: a breadcrumb or menu row."""
    for sep in rules.menu_separators:
        if sep in text:
            parts = [p.strip() for p in text.split(sep)]
            if len(parts) >= 2 and all(0 < len(p.split()) <= 5 for p in parts if p):
                return True
    return False


# --------------------------------------------------------------------------- head


def _story_start(lines: list[_Line], rules: BoilerplateRules, limit: int = 80) -> int:
    """Index of the first story line after a site menu at the top (0 when there is none)."""
    has_marker = False
    last_menu = -1
    seen: set[str] = set()
    prev = ""  # previous non-blank line
    for i, line in enumerate(lines[:limit]):
        if line.blank:
            continue
        s = line.text.strip()
        key = marker_key(s)
        menu = False
        if key in rules.head_markers or _menu_separated(s, rules) or _glued_marker(s, rules):
            has_marker = menu = True
        elif (_BULLET.match(s) and len(s.split()) <= 7) or (norm(s) and norm(s) in seen):
            menu = True
        elif is_body(s):
            if has_marker and marker_key(prev) in rules.head_markers:
                menu = True  # a blurb under a menu label ("Siapa Kami" / "IOM merupakan ...")
            else:
                break
        if menu:
            last_menu = i
        seen.add(norm(s))
        prev = s
    else:
        return 0  # no body paragraph near the top: leave the page alone
    if not has_marker or last_menu < 0:
        return 0
    j = last_menu + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j


# --------------------------------------------------------------------------- tail


def _first_body(lines: list[_Line], start: int) -> int:
    for i in range(start, len(lines)):
        if is_body(lines[i].text):
            return i
    return len(lines)


def _next_nonblank(lines: list[_Line], i: int, stop: int) -> int:
    while i < stop and lines[i].blank:
        i += 1
    return i


#: Characters that open the items of a bulleted list of links.
_BULLETS = frozenset("•·▪►-*")


def _tail_start(lines: list[_Line], start: int, rules: BoilerplateRules, dropped: set[int]) -> int:
    """Index of the first line of a trailing list marker (len(lines) when none).

    An inline-capable marker ("Baca Juga:") followed by one headline and then more
    story only drops those two lines (added to ``dropped``).
    """
    stop = len(lines)
    i = _first_body(lines, start) + 1
    while i < stop:
        key = marker_key(lines[i].text)
        if key and key in rules.end_markers:
            return i  # an author box: whatever follows is about the writer
        if key and key in rules.tail_markers:
            if key in rules.inline_tail_markers:
                # the marker, one headline or a short bulleted list of them, then story
                items = []
                h = _next_nonblank(lines, i + 1, stop)
                while h < stop and len(items) < 6:
                    text = lines[h].text.strip()
                    bullet = text[:1] in _BULLETS
                    if not (bullet or (not items and is_headline_like(text))):
                        break
                    items.append(h)
                    h = _next_nonblank(lines, h + 1, stop)
                    if not bullet:
                        break
                if items and h < stop and is_body(lines[h].text):
                    dropped.update((i, *items))
                    i = h
                    continue
            nxt = _next_nonblank(lines, i + 1, stop)
            if nxt < stop and is_body(lines[nxt].text):
                i += 1  # a story subheading ("Rekomendasi" / paragraph), not a list
                continue
            return i
        i += 1
    return stop


def _kept_nonblank(lines: list[_Line], lo: int, hi: int, dropped: set[int]) -> list[int]:
    return [i for i in range(lo, hi) if i not in dropped and not lines[i].blank]


def _trailing_headlines(idx: list[int], lines: list[_Line], rules: BoilerplateRules) -> int:
    """Start (position in ``idx``) of a trailing run of bullet/numbered headlines, else -1.

    Items must look like headlines (three words or more, no closing period or
    semicolon); a list the story introduces ("berikut", "syaratnya:") is story.
    """
    k = len(idx)
    items = 0
    while k > 0:
        m = _BULLET.match(lines[idx[k - 1]].text)
        if m:
            rest = m.group("rest")
            if rest and not (is_headline_like(rest) and len(rest.split()) >= 3):
                return -1
            items += bool(rest)
            k -= 1
            continue
        bare = k >= 2 and _BULLET.match(lines[idx[k - 2]].text)
        if bare and not bare.group("rest") and is_headline_like(lines[idx[k - 1]].text):
            items += 1  # "-" on its own line, then the headline
            k -= 2
            continue
        break
    if items < 2 or k == len(idx):
        return -1
    if k > 0 and _introduces_list(lines[idx[k - 1]].text, rules):
        return -1
    return k


def _introduces_list(text: str, rules: BoilerplateRules) -> bool:
    s = text.rstrip()
    if s.endswith(":"):
        return True
    low = f" {norm(s)} "
    return any(f" {w} " in low for w in rules.list_intro_words)


def is_repeat(paragraph: str, earlier: str) -> bool:
    """``paragraph`` repeats ``earlier``: verbatim, or a teaser that copies its opening.

    A teaser copies at least 8 words (and 60 %) of its opening run from the earlier
    paragraph and uses hardly a word the earlier one does not have.

    >>> lead = "Jakarta - Ali dan Budi menggelar rapat besar di kantor desa, Senin. Rapat air."
    >>> is_repeat("Ali dan Budi menggelar rapat besar di kantor desa soal air.", lead)
    True
    """
    words = norm(paragraph).split()
    if len(words) < 8:
        return False
    target = norm(earlier)
    if " ".join(words) in target:
        return True
    head = max(8, round(len(words) * 0.6))
    if f" {' '.join(words[:head])} " not in f" {target} ":
        return False
    vocab = set(target.split())
    return sum(w in vocab for w in words) >= 0.85 * len(words)


def _teaser_repeat(idx: list[int], lines: list[_Line]) -> bool:
    """The last paragraph repeats an earlier one (a teaser of the lead)."""
    if len(idx) < 3:
        return False
    last = lines[idx[-1]].text
    return any(is_repeat(last, lines[i].text) for i in idx[:-1])


def _about_blurb(idx: list[int], lines: list[_Line], rules: BoilerplateRules) -> int:
    """Position in ``idx`` of a closing "Tentang <Org>" heading whose blurb names <Org>."""
    for k in range(max(0, len(idx) - 4), len(idx) - 1):
        s = lines[idx[k]].text.strip()
        low = s.casefold()
        for p in rules.about_prefixes:
            if low.startswith(p + " ") and is_headline_like(s, max_words=10):
                org = norm(s[len(p) :])
                nxt = norm(lines[idx[k + 1]].text)
                # "Organisasi Perburuhan Internasional (ILO) adalah ...": the blurb defines it
                opening = nxt.split()[:12]
                defines = f" {org} " in f" {' '.join(opening)} " and bool(
                    {"adalah", "merupakan", "is"} & set(opening)
                )
                if org and (nxt.startswith(org) or defines) and k > 0:
                    return k
    return -1


# --------------------------------------------------------------------------- main


def clean_text(raw: str, rules: BoilerplateRules | None = None) -> CleanResult:
    """Keep the story part of ``raw``: drop menus, lists of other headlines, credits, blurbs."""
    rules = rules or default_rules()
    lines = _lines(raw)
    n = len(lines)
    reasons: dict[int, str] = {}

    head = _story_start(lines, rules)
    for i in range(head):
        reasons[i] = "site menu"
    dropped: set[int] = set(range(head))
    inline_tail: set[int] = set()
    tail = _tail_start(lines, head, rules, inline_tail)
    for i in inline_tail:
        reasons[i] = "inline link"
    dropped |= inline_tail
    for i in range(tail, n):
        reasons[i] = f"list after {lines[tail].text.strip()!r}"
        dropped.add(i)
    for i in range(head, tail):
        if i not in dropped and _inline_drop(lines[i].text, rules):
            reasons[i] = "inline boilerplate"
            dropped.add(i)

    # trailing structure, repeated until stable: credits, headline lists, teaser, blurb
    changed = True
    while changed:
        changed = False
        idx = _kept_nonblank(lines, head, n, dropped)
        if len(idx) <= 1:
            break
        last = idx[-1]
        if is_credit(lines[last].text, rules):
            cut_from, why = len(idx) - 1, "credit"
        elif (k := _trailing_headlines(idx, lines, rules)) >= 0:
            cut_from, why = k, "headline list"
        elif _teaser_repeat(idx, lines):
            cut_from, why = len(idx) - 1, "teaser repeat"
        elif (k := _about_blurb(idx, lines, rules)) >= 0:
            cut_from, why = k, "about blurb"
        else:
            break
        for i in range(idx[cut_from], n):
            if i not in dropped:
                dropped.add(i)
                reasons[i] = why
        changed = True

    return _assemble(raw, lines, dropped, reasons)


def _assemble(
    raw: str, lines: list[_Line], dropped: set[int], reasons: dict[int, str]
) -> CleanResult:
    kept = [i for i, ln in enumerate(lines) if i not in dropped and not ln.blank]
    if not kept:
        return CleanResult("", (0, 0), (Cut(0, len(raw), "no story", raw),) if raw else ())
    first, last = kept[0], kept[-1]
    start, end = lines[first].start, lines[last].end
    segments: list[tuple[int, int]] = []
    seg_start = start
    i = first
    while i <= last:
        if i in dropped and not lines[i].blank:
            # drop this run of dropped lines and the blank lines after it
            j = i
            while j <= last and (j in dropped or lines[j].blank):
                j += 1
            segments.append((seg_start, lines[i].start))
            seg_start = lines[j].start
            i = j
        else:
            i += 1
    segments.append((seg_start, end))
    text = "".join(raw[s:e] for s, e in segments)
    return CleanResult(
        text=text,
        span=(start, end),
        cuts=tuple(_cuts(raw, lines, dropped, reasons, start, end)),
        segments=tuple(segments),
    )


def _cuts(
    raw: str,
    lines: list[_Line],
    dropped: set[int],
    reasons: dict[int, str],
    start: int,
    end: int,
) -> list[Cut]:
    """Group dropped lines into runs with one reason each."""
    out: list[Cut] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            s, e = lines[run[0]].start, lines[run[-1]].end
            if raw[s:e].strip():
                out.append(Cut(s, e, reasons.get(run[0], "boilerplate"), raw[s:e]))
            run.clear()

    for i in sorted(dropped):
        if lines[i].blank:
            continue
        if run and (reasons.get(run[0]) != reasons.get(i) or not _adjacent(lines, run[-1], i)):
            flush()
        run.append(i)
    flush()
    return out


def _adjacent(lines: list[_Line], a: int, b: int) -> bool:
    return all(lines[k].blank for k in range(a + 1, b))


def cut_summary(cuts: Sequence[Cut]) -> str:
    """``site menu (412 chars), credit (38 chars)`` for tables."""
    totals: dict[str, int] = {}
    for c in cuts:
        totals[c.reason] = totals.get(c.reason, 0) + len(c.text)
    return ", ".join(f"{k} ({v} chars)" for k, v in totals.items())
