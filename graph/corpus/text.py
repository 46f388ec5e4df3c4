"""Plain-text and Markdown articles: one file, one article, named by the file stem."""

from __future__ import annotations

from pathlib import Path

from graph.corpus.decode import NotText, decode_bytes
from graph.corpus.records import ReadStats, Skipped, Source


def read_bytes(path: Path, max_bytes: int) -> bytes | Skipped:
    """The file's bytes, or why not (too large is decided from its size, before reading)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
    if size > max_bytes:
        return Skipped(
            str(path), f"file is too large: {size:,} bytes, over the limit of {max_bytes:,} bytes"
        )
    if size == 0:
        return Skipped(str(path), "empty file")
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        return Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:  # grew since stat
        return Skipped(str(path), f"file is too large: over the limit of {max_bytes:,} bytes")
    return data


def read_decoded(path: Path, max_bytes: int, stats: ReadStats) -> tuple[str, str] | Skipped:
    """(text, encoding) of a whole file, or a ``Skipped`` naming the file and the reason."""
    data = read_bytes(path, max_bytes)
    if isinstance(data, Skipped):
        return data
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        return Skipped(str(path), str(exc))
    if decoded.converted:
        stats.encodings[str(path)] = decoded.encoding
    if not decoded.text.strip():
        return Skipped(str(path), "empty file (only whitespace)")
    return decoded.text, decoded.encoding


def text_source(path: Path, fmt: str, text: str, encoding: str) -> Source:
    """A plain-text or Markdown file is its own article text."""
    return Source(name=path.stem, path=str(path), format=fmt, raw=text, encoding=encoding)
