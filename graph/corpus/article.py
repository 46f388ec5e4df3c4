"""A decoded ``Source`` -> ``Article``: cleaned text, title, date, stable id and hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from graph.corpus.boilerplate import (
    BoilerplateRules,
    CleanResult,
    clean_text,
    default_rules,
    is_body,
    is_byline,
    is_credit,
    is_headline_like,
    is_title_label,
)
from graph.corpus.dates import find_published
from graph.corpus.records import Skipped, Source
from graph.defaults import MAX_ARTICLE_CHARS
from graph.model import Article

_DATELINE_ONLY = re.compile(r"^[^\W\d][\w .'’()-]{0,40},\s*(?:\w+,?\s+)?\d{1,2}\s+\w+\.?\s+\d{4}$")


@dataclass(frozen=True, slots=True)
class Read:
    """An article together with what produced it (for reports and ``kg corpus --show``)."""

    article: Article
    source: Source
    clean: CleanResult

    @property
    def raw_chars(self) -> int:
        return len(self.source.raw)


def find_title(
    text: str, rules: BoilerplateRules | None = None, markdown: bool = False
) -> str | None:
    """The headline: a short line near the top followed by something that is not a headline.

    Press-release labels ("SIARAN PERS"), bylines, credits and datelines are never the
    title; a letterhead line ("Biro Humas Pemprov NTT") above the headline is passed over.
    """
    rules = rules or default_rules()
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]

    def candidate(s: str) -> bool:
        if markdown:
            s = s.lstrip("#").strip()
        return (
            is_headline_like(s)
            and not is_body(s)
            and not is_title_label(s, rules)
            and not is_credit(s, rules)
            and not is_byline(s, rules)
            and not _DATELINE_ONLY.match(s)
        )

    for i, line in enumerate(lines[:12]):
        if is_body(line):
            return None
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if candidate(line) and not candidate(nxt) and not is_title_label(nxt, rules):
            return line.lstrip("#").strip() if markdown else line
    return None


def digest(*parts: str | None) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def make_article(src: Source, rules: BoilerplateRules | None = None) -> Read | Skipped:
    """Clean ``src`` and fill every ``Article`` field; ``Skipped`` when no story is left."""
    clean = clean_text(src.raw, rules)
    text = clean.text
    if not _has_words(text):  # zero-width and directional marks are not whitespace
        if _has_words(src.raw):
            return Skipped(src.path, "no story text left after removing boilerplate")
        return Skipped(src.path, "no story text: only spaces, punctuation or invisible characters")
    if len(text) > MAX_ARTICLE_CHARS:
        return Skipped(
            src.path,
            f"story text is too long: {len(text):,} characters, over {MAX_ARTICLE_CHARS:,}",
        )
    title = src.title or find_title(text, rules, markdown=src.format == "md")
    if src.published:
        published, how = src.published, "metadata"
    else:
        published, how = find_published(text, clean.boilerplate)
    key = src.url or text
    article = Article(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        name=src.name,
        text=text,
        title=title,
        url=src.url,
        published=published,
        published_how=how,
        source=src.source,
        path=src.path,
        story_span=clean.span,
        content_hash=digest(text, title, src.url, published, src.source),
        urls=(src.url,) if src.url else (),
    )
    return Read(article, src, clean)
