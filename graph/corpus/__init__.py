"""Read a news corpus into ``Article`` records: formats, encodings, boilerplate, dates.

``iter_corpus(paths)`` streams articles (``graph.model.Article``) and ``Skipped``
records for inputs that could not be read, in sorted path order, one file at a
time: folders recursively, ``.txt``/``.md``, ``.html`` (trafilatura), ``.jsonl``.
README/LICENSE/CHANGELOG files and ``*.json`` annotations are ignored (counted in
``ReadStats``). Boilerplate markers are data: ``ontology/boilerplate.yaml``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from graph.corpus.article import Read, find_title, make_article
from graph.corpus.boilerplate import BoilerplateRules, CleanResult, Cut, clean_text, default_rules
from graph.corpus.dates import find_published
from graph.corpus.files import iter_files
from graph.corpus.html import html_source
from graph.corpus.jsonl import read_jsonl
from graph.corpus.records import ReadStats, Skipped, Source
from graph.corpus.text import read_decoded, text_source
from graph.defaults import MAX_FILE_BYTES
from graph.model import Article

__all__ = [
    "MAX_FILE_BYTES",
    "BoilerplateRules",
    "CleanResult",
    "Cut",
    "Read",
    "ReadStats",
    "Skipped",
    "Source",
    "clean_text",
    "find_published",
    "find_title",
    "iter_corpus",
    "iter_reads",
    "read_corpus",
    "summarise",
]

#: whole-file formats: decoded text -> Source (JSONL is streamed line by line instead)
_WHOLE_FILE = {"txt": text_source, "md": text_source, "html": html_source}


def iter_sources(
    paths: Sequence[str | Path], *, max_bytes: int = MAX_FILE_BYTES, stats: ReadStats | None = None
) -> Iterator[Source | Skipped]:
    """Decoded sources (before cleaning) and skip records, file by file."""
    stats = stats if stats is not None else ReadStats()
    for item in iter_files(paths, stats):
        if isinstance(item, Skipped):
            yield item
            continue
        path, fmt = item
        stats.files += 1
        try:
            if fmt == "jsonl":
                yield from read_jsonl(path, fmt, max_bytes, stats)
                continue
            got = read_decoded(path, max_bytes, stats)
            yield got if isinstance(got, Skipped) else _WHOLE_FILE[fmt](path, fmt, *got)
        except Exception as exc:  # a reader bug must not stop a corpus run
            yield Skipped(str(path), f"could not be read: {type(exc).__name__}: {exc}")


def iter_reads(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    boilerplate: BoilerplateRules | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Read | Skipped]:
    """Like ``iter_corpus`` but each article comes with its source and cuts (for reports)."""
    rules = boilerplate or default_rules()
    for src in iter_sources(paths, max_bytes=max_bytes, stats=stats):
        if isinstance(src, Skipped):
            yield src
            continue
        try:
            yield make_article(src, rules)
        except Exception as exc:
            yield Skipped(src.path, f"could not be cleaned: {type(exc).__name__}: {exc}")


def iter_corpus(
    paths: Sequence[str | Path],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    boilerplate: BoilerplateRules | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Article | Skipped]:
    """Stream articles and skip records, in a deterministic order (sorted paths)."""
    for item in iter_reads(paths, max_bytes=max_bytes, boilerplate=boilerplate, stats=stats):
        yield item if isinstance(item, Skipped) else item.article


def read_corpus(paths: Sequence[str | Path], **kw: Any) -> tuple[list[Article], list[Skipped]]:
    """All articles and skip records of ``paths`` (small corpora, tests, notebooks)."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_corpus(paths, **kw):
        (skipped if isinstance(item, Skipped) else articles).append(item)  # type: ignore[arg-type]
    return articles, skipped


def summarise(
    articles: Iterable[Article], skipped: Iterable[Skipped], stats: ReadStats | None = None
) -> dict[str, Any]:
    """Counts for build summaries: articles, characters, dates by how, skipped, ignored."""
    arts = list(articles)
    skips = list(skipped)
    how = Counter(a.published_how for a in arts)
    out: dict[str, Any] = {
        "articles": len(arts),
        "characters": sum(len(a.text) for a in arts),
        "with_title": sum(1 for a in arts if a.title),
        "with_url": sum(1 for a in arts if a.url),
        "published": {k: how[k] for k in ("metadata", "text", "inferred", "unknown") if how[k]},
        "skipped": len(skips),
        "skipped_inputs": [{"path": s.path, "reason": s.reason} for s in skips],
    }
    if stats is not None:
        out["files"] = stats.files
        out["ignored"] = dict(stats.ignored)
        out["encodings"] = dict(stats.encodings)
    return out
