"""Which files of the given paths are articles, in a deterministic (sorted) order.

Documentation and annotations next to the articles (README, LICENSE, ``*.gold.json``)
are ignored silently but counted; hidden files and folders are passed over.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from graph.corpus.records import ReadStats, Skipped

#: file suffix -> reader format
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SUPPORTED = ", ".join(sorted({".txt", ".md", ".html", ".htm", ".jsonl"}))
_DOC_STEMS = ("readme", "license", "licence", "changelog", "copying", "notice", "authors")


def kind_of(path: Path) -> str:
    """``corpus`` | ``documentation`` | ``annotation`` | ``hidden`` | ``other``."""
    name = path.name.casefold()
    if name.startswith("."):
        return "hidden"
    if name.startswith(_DOC_STEMS):
        return "documentation"
    if name.endswith(".json"):
        return "annotation"
    return "corpus" if path.suffix.casefold() in FORMATS else "other"


def format_of(path: Path) -> str:
    return FORMATS[path.suffix.casefold()]


def iter_files(
    paths: Sequence[str | Path], stats: ReadStats | None = None
) -> Iterator[tuple[Path, str] | Skipped]:
    """(file, format) for every corpus file under ``paths``, else a ``Skipped`` record."""
    stats = stats if stats is not None else ReadStats()
    if isinstance(paths, str | Path):
        paths = [paths]
    for p in sorted({str(p) for p in paths}):
        path = Path(p)
        if path.is_dir():
            found = yield from _walk(path, stats)
            if not found:
                yield Skipped(str(path), f"no corpus files ({SUPPORTED}) in this directory")
        elif path.is_file():
            kind = kind_of(path)
            if kind == "corpus":
                yield path, format_of(path)
            elif kind in ("documentation", "annotation"):
                stats.ignore(str(path), kind)
            else:
                yield Skipped(
                    str(path),
                    f"unsupported file type {path.suffix or '(none)'!r}: "
                    f"expected one of {SUPPORTED}",
                )
        elif path.exists():
            yield Skipped(str(path), "not a regular file or directory")
        else:
            yield Skipped(str(path), "no such file or directory")


def _walk(directory: Path, stats: ReadStats) -> Iterator[tuple[Path, str] | Skipped]:
    """Recursive, sorted by name; returns (as the generator value) whether a file was found."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(directory), f"cannot read directory: {exc.strerror or exc}")
        return True  # reported already
    found = False
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            found = (yield from _walk(path, stats)) or found
            continue
        kind = kind_of(path)
        if kind == "corpus":
            found = True
            yield path, format_of(path)
        elif kind != "hidden":
            stats.ignore(str(path), kind)
    return found
