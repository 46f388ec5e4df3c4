"""Direct quotations and who said them.

Quotation marks in scraped news are inconsistent: “…”, "…", “…" (curly open,
straight close), ”…” and doubled single marks. A quotation is the text between
an opening mark and the next closing mark of any kind within its paragraph.
Attribution, in order: a speech verb after it ("…," kata X / "…," ujar Kepala
BP2MI X), a pronoun verb after it ("…," jelasnya -> the last person named
before the quote), a speaker before it (X menyatakan, "…"), or, for a quote
that continues the previous one's paragraph run, the previous quote's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.mentions import ET, Analysis, Cand, Rules

_MIN_WORDS = 2  # any quotation with an explicit speech verb
_MIN_WORDS_LOOSE = 4  # attributed only by a pronoun or by continuation (quoted names are short)


@dataclass(slots=True)
class QuoteSpan:
    start: int  # offset of the first character inside the marks
    end: int  # offset just after the last character inside the marks
    close: int  # offset just after the closing mark (== end when unclosed)
    speaker: Cand | None = None
    rule: str = ""
    confidence: float = 0.0


_MARKS = re.compile(r"‘’|''|[“«„\"”]")
_CLOSING = re.compile(r"’’|''|[”\"»]")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotation spans in ``text`` (paragraph-bounded; short quoted names excluded)."""
    spans: list[QuoteSpan] = []
    n = len(text)
    pos = 0
    while True:
        m = _MARKS.search(text, pos)
        if m is None:
            break
        i, mark = m.start(), m.group()
        if mark in ('"', "”"):
            prev = text[i - 1] if i else "\n"
            nxt = text[i + 1] if i + 1 < n else ""
            if not ((prev.isspace() or prev in "([:—–-") and (nxt.isalnum() or nxt in "….")):
                pos = i + 1
                continue
        start = i + len(mark)
        para_end = text.find("\n", start)
        para_end = n if para_end < 0 else para_end
        c = _CLOSING.search(text, start, para_end)
        while c is None:
            # typographic convention: an unclosed quote continues when the next paragraph
            # reopens the quotation ("… (no close)\n\n“… ,” kata X.")
            nxt = para_end
            while nxt < n and text[nxt] in "\n \u00a0":
                nxt += 1
            if nxt < n and text[nxt] in '“"' and para_end < n:
                next_end = text.find("\n", nxt + 1)
                next_end = n if next_end < 0 else next_end
                c = _CLOSING.search(text, nxt + 1, next_end)
                para_end = next_end
                continue
            break
        if c is None:
            end = after = para_end
        else:
            end, after = c.start(), c.end()
        inner = text[start:end]
        if len(inner.split()) >= _MIN_WORDS:
            lead = len(inner) - len(inner.lstrip())
            trail = len(inner) - len(inner.rstrip())
            spans.append(QuoteSpan(start + lead, end - trail, after))
        pos = max(after, i + 1)
    return spans


_SPACE = re.compile(r"\s+")


def attribute(a: Analysis, r: Rules, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Give each quotation its speaker; quotes with no named speaker are dropped."""
    v = r.v
    lex = r.lex
    after_verbs = lex.lists.get("speech_verbs_after", frozenset())
    full_verbs = lex.lists.get("speech_verbs", frozenset())
    all_persons = [c for c in a.cands if c.type is ET.PERSON]
    name_parts = {
        w.lower() for c in all_persons if c.end - c.start > 1 for w in v.words[c.start : c.end]
    }
    persons = sorted(
        (c for c in all_persons if not _weak(c) or v.lower[c.start] in name_parts),
        key=lambda c: c.start,
    )
    tok_at = {off: k for k, off in enumerate(v.idx)}

    def token_from(offset: int) -> int | None:
        for off in range(offset, min(offset + 4, len(v.text) + 1)):
            if off in tok_at:
                return tok_at[off]
        k = 0
        while k < v.n and v.idx[k] < offset:
            k += 1
        return k if k < v.n else None

    def person_from(k: int, limit: int) -> Cand | None:
        for p in persons:
            if k <= p.start < limit:
                return p
        return None

    def last_person_before(offset: int) -> Cand | None:
        best = None
        for p in persons:
            if v.idx[p.start] < offset:
                best = p
        return best

    out: list[QuoteSpan] = []
    prev: QuoteSpan | None = None
    for q in spans:
        k = token_from(q.close)
        speaker = None
        if k is not None:
            while k < v.n and (v.words[k] in {",", ".", "—", "–", "-"} or v.space[k]):
                if v.space[k] and "\n" in v.words[k]:
                    break
                k += 1
            if k < v.n:
                w = v.lower[k]
                stop = v.sent_end(k) if k < v.n else v.n
                if w in after_verbs or w in full_verbs:
                    speaker = person_from(k + 1, min(stop, k + 25))
                    if speaker is not None:
                        q.rule, q.confidence = "quote.verb-after", 0.9
                elif w.endswith("nya") and (w[:-3] in after_verbs or w in after_verbs):
                    speaker = last_person_before(q.start)
                    if speaker is not None:
                        q.rule, q.confidence = "quote.pronoun", 0.8
                elif k < v.n and v.words[k][:1].isupper():
                    p = person_from(k, k + 1)
                    if p is not None and p.end < v.n and v.lower[p.end] in full_verbs:
                        speaker, q.rule, q.confidence = p, "quote.name-verb-after", 0.85
        if speaker is None:
            speaker = _speaker_before(a, r, q, persons, full_verbs)
            if speaker is not None:
                q.rule, q.confidence = "quote.verb-before", 0.85
        loose = len(v.text[q.start : q.end].split()) < _MIN_WORDS_LOOSE
        if speaker is not None and loose and q.rule in ("quote.pronoun",):
            speaker = None
        if speaker is None and not loose and prev is not None and prev.speaker is not None:
            between = v.text[prev.close : q.start]
            if (
                not any(prev.close <= v.idx[p.start] < q.start for p in persons)
                and between.count("\n") <= 2
            ):
                speaker, q.rule, q.confidence = prev.speaker, "quote.continued", 0.7
        if speaker is not None:
            q.speaker = speaker
            out.append(q)
            prev = q
    return out


def _weak(c: Cand) -> bool:
    """A lone capitalised word nothing else calls a person (dropped at resolution)."""
    return c.rule == "person.shape" and c.end - c.start == 1


def _speaker_before(a: Analysis, r: Rules, q: QuoteSpan, persons: list[Cand], verbs) -> Cand | None:
    """ "Name, Title, menyatakan, "..." ": the person before a speech verb before the quote."""
    v = r.v
    para_start = v.text.rfind("\n", 0, q.start) + 1
    k = None
    for idx, off in enumerate(v.idx):
        if off >= q.start:
            k = idx
            break
    if k is None:
        return None
    j = k - 1
    while (
        j >= 0
        and v.idx[j] >= para_start
        and (v.words[j] in {",", ":", '"', "“", "”", "‘"} or v.space[j])
    ):
        j -= 1
    if j < 0 or v.idx[j] < para_start or v.lower[j] not in verbs:
        return None
    best = None
    for p in persons:
        if para_start <= v.idx[p.start] and p.end <= j:
            best = p
    return best
