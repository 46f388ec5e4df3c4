"""HTML pages: main text and metadata by trafilatura (no hand-written tag rules).

trafilatura drops navigation, asides and footers; the boilerplate cleaner then
handles what pages put inside the article element itself ("Baca juga:" lines).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph.corpus.records import Skipped, Source

#: A page whose main text has fewer words is a menu, an error page or broken markup.
MIN_MAIN_WORDS = 5


def extract_html(html: str) -> tuple[str | None, dict[str, str | None]]:
    """(main text or None, metadata) of an HTML page; raises on a page lxml cannot parse."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
        # metadata only: a date guessed from the page text would hide "how" it was found
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None, {}
    meta = {
        "title": _s(getattr(doc, "title", None)),
        "url": _s(getattr(doc, "url", None)),
        "published": iso_date(getattr(doc, "date", None)),
        "source": _s(getattr(doc, "sitename", None)) or _s(getattr(doc, "hostname", None)),
    }
    return _s(getattr(doc, "text", None)), meta


def _s(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime string, None when it is not one."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def html_source(path: Path, fmt: str, html: str, encoding: str) -> Source | Skipped:
    """The page's main text and metadata, or why there is none."""
    try:
        text, meta = extract_html(html)
    except RecursionError:
        return Skipped(str(path), "malformed HTML: nested too deeply to parse")
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        return Skipped(str(path), f"malformed HTML: {type(exc).__name__}: {exc}")
    if not text or sum(any(c.isalpha() for c in w) for w in text.split()) < MIN_MAIN_WORDS:
        return Skipped(str(path), "no main text found in the HTML")
    return Source(
        name=path.stem,
        path=str(path),
        format=fmt,
        raw=text,
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("published"),
        source=meta.get("source"),
        encoding=encoding,
    )
