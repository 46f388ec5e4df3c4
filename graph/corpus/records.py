"""Records the corpus reader passes around: a skipped input, a decoded source, run stats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why (one human sentence)."""

    path: str  # file, with ":LINE" for a JSONL line
    reason: str  # e.g. "not text: binary content (NUL bytes)"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class Source:
    """One decoded article before boilerplate removal, with whatever metadata came with it."""

    name: str
    path: str
    format: str  # "txt" | "md" | "html" | "jsonl"
    raw: str  # the decoded text (HTML: the main text trafilatura extracted)
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date from metadata
    source: str | None = None
    encoding: str = "utf-8"


@dataclass(slots=True)
class ReadStats:
    """What a run saw besides articles: ignored files and files that were not UTF-8.

    Pass one to ``iter_corpus(..., stats=...)``; reports and ``kg corpus`` print it.
    """

    ignored: Counter[str] = field(default_factory=Counter)  # kind -> count
    ignored_paths: list[str] = field(default_factory=list)
    encodings: dict[str, str] = field(default_factory=dict)  # path -> encoding (non UTF-8)
    files: int = 0  # corpus files opened

    def ignore(self, path: str, kind: str) -> None:
        self.ignored[kind] += 1
        self.ignored_paths.append(path)
