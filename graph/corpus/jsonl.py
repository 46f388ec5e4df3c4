"""JSON Lines feeds: one article per line (``text`` required; ``id``, ``url``, ``title``,
``published``, ``source`` optional). A bad line is skipped with its line number; the
others are read. The file is streamed, so a feed may be larger than memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from graph.corpus.decode import NotText, decode_bytes
from graph.corpus.html import iso_date
from graph.corpus.records import ReadStats, Skipped, Source

_CHUNK = 1 << 20


def _lines(f, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes is None for a line over ``max_bytes``."""
    lineno = 0
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line without holding it
                more = f.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def read_jsonl(
    path: Path, fmt: str, max_bytes: int, stats: ReadStats
) -> Iterator[Source | Skipped]:
    try:
        f = path.open("rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    records = 0
    with f:
        try:
            for lineno, data in _lines(f, max_bytes):
                where = f"{path}:{lineno}"
                if data is None:
                    yield Skipped(where, f"line is too long: over the limit of {max_bytes:,} bytes")
                    continue
                if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
                    data = data[3:]
                if not data.strip():
                    continue
                records += 1
                yield _record(path, lineno, data, fmt, stats)
        except OSError as exc:
            yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
            return
    if records == 0:
        yield Skipped(str(path), "empty file (no JSON lines)")


def _record(path: Path, lineno: int, data: bytes, fmt: str, stats: ReadStats) -> Source | Skipped:
    where = f"{path}:{lineno}"
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        return Skipped(where, str(exc))
    if decoded.converted:
        stats.encodings[where] = decoded.encoding
    try:
        obj = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"not JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return Skipped(where, f"not a JSON object (a {type(obj).__name__})")
    if "\\u" in decoded.text and (bad := _lone_surrogate(obj)):
        return Skipped(where, f"not valid Unicode: {bad}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        if text is None:
            what = "missing"
        elif isinstance(text, str):
            what = "empty"
        else:
            what = f"not a string ({type(text).__name__})"
        return Skipped(where, f"no article text: field 'text' is {what}")
    ident = obj.get("id")
    name = str(ident).strip() if isinstance(ident, str | int) and str(ident).strip() else None
    return Source(
        name=name or f"{path.stem}-{lineno}",
        path=where,
        format=fmt,
        raw=text,
        title=_field(obj, "title"),
        url=_field(obj, "url"),
        published=iso_date(obj.get("published")),
        source=_field(obj, "source"),
        encoding=decoded.encoding,
    )


def _lone_surrogate(obj: dict) -> str | None:
    """Why the record cannot be text: JSON may escape a lone UTF-16 surrogate
    (``"\\ud800"``), which no encoder can write back (hashes, files, the store)."""
    for key, value in obj.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                code, at = ord(value[exc.start]), exc.start
                return f"field {key!r} holds a lone surrogate \\u{code:04x} at character {at}"
    return None


def _field(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return value.strip() or None if isinstance(value, str) else None
