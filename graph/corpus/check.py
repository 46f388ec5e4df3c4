"""Measure boilerplate removal and dates against gold files (``kg corpus --check-gold``).

For every ``{id}.gold.json`` of a folder: no ``noise`` string may survive in the kept
text, no gold entity the page spells out may be cut out (its name or one alias still
occurs), the
``published`` date should match, and, when the folder's README has a "story starts"
/ "story ends" table, the kept text must open and close with those strings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.corpus.boilerplate import BoilerplateRules
from graph.names import norm


@dataclass(slots=True)
class GoldCheck:
    """One article measured against its gold file."""

    article: str
    found: bool = True  # an article of that name was read
    noise_surviving: list[str] = field(default_factory=list)
    entities_lost: list[str] = field(default_factory=list)
    published_gold: str | None = None
    published: str | None = None
    published_how: str = "unknown"
    starts_ok: bool | None = None  # None: no README bound for this article
    ends_ok: bool | None = None
    inline_left: list[str] = field(default_factory=list)  # kept lines with an inline prefix

    @property
    def date_ok(self) -> bool:
        return self.published == self.published_gold

    @property
    def ok(self) -> bool:
        return (
            self.found
            and not self.noise_surviving
            and not self.entities_lost
            and self.starts_ok is not False
            and self.ends_ok is not False
            and not self.inline_left
        )

    def to_json(self) -> dict[str, object]:
        return {
            "article": self.article,
            "found": self.found,
            "noise_surviving": self.noise_surviving,
            "entities_lost": self.entities_lost,
            "published_gold": self.published_gold,
            "published": self.published,
            "published_how": self.published_how,
            "date_ok": self.date_ok,
            "starts_ok": self.starts_ok,
            "ends_ok": self.ends_ok,
            "inline_left": self.inline_left,
        }


def occurs(needle: str, haystack_norm: str) -> bool:
    """``needle`` occurs in an already normalised text, on word boundaries."""
    n = norm(needle)
    return bool(n) and f" {n} " in f" {haystack_norm} "


def story_bounds(readme: Path) -> dict[str, tuple[str, str, str]]:
    """``id -> (story starts, story ends, inline prefix)`` from a README table with those columns.

    The inline prefix ("Baca juga:") is "" when the row gives none.
    """
    if not readme.is_file():
        return {}
    bounds: dict[str, tuple[str, str, str]] = {}
    header: list[str] | None = None
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None if not line.strip() else header
            continue
        cells = [c.strip() for c in _cells(line)]
        if header is None:
            header = [c.casefold() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        if {"id", "story starts", "story ends"} <= set(header):
            row = dict(zip(header, cells, strict=False))
            starts, ends = _literal(row["story starts"]), _literal(row["story ends"])
            inline = _literal(row.get("inline boilerplate", ""))
            if row["id"] and starts and ends:
                bounds[row["id"]] = (starts, ends, inline)
    return bounds


def _cells(line: str) -> list[str]:
    """Table cells, keeping ``|`` inside backticks."""
    out, cur, code = [], "", False
    for ch in line.strip().strip("|"):
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _literal(cell: str) -> str:
    m = re.fullmatch(r"`(.*)`", cell.strip())
    return m.group(1) if m else ""


def check_gold(directory: str | Path, rules: BoilerplateRules | None = None) -> list[GoldCheck]:
    """Read ``directory`` and measure every article that has a gold file."""
    from graph.corpus import iter_reads

    directory = Path(directory)
    golds = {p.name[: -len(".gold.json")]: p for p in sorted(directory.glob("*.gold.json"))}
    bounds = story_bounds(directory / "README.md")
    reads = {
        r.article.name: r
        for r in iter_reads([directory], boilerplate=rules)
        if not hasattr(r, "reason") and r.article.name in golds  # Skipped records have a reason
    }
    out: list[GoldCheck] = []
    for name, path in golds.items():
        gold = json.loads(path.read_text(encoding="utf-8"))
        read = reads.get(name)
        row = GoldCheck(article=name, published_gold=gold.get("published"))
        if read is None:
            row.found = False
            out.append(row)
            continue
        art = read.article
        text, raw = norm(art.text), norm(read.source.raw)
        row.noise_surviving = [n for n in gold.get("noise", []) if occurs(n, text)]
        for e in gold.get("entities", []):
            forms = [e["name"], *e.get("aliases", [])]
            # an entity the page never spells out (implied) cannot be cut out
            if any(occurs(f, raw) for f in forms) and not any(occurs(f, text) for f in forms):
                row.entities_lost.append(e["name"])
        row.published, row.published_how = art.published, art.published_how
        if name in bounds:
            starts, ends, inline = bounds[name]
            row.starts_ok = art.text.lstrip().startswith(starts)
            row.ends_ok = art.text.rstrip().endswith(ends)
            if inline:
                row.inline_left = [
                    ln for ln in art.text.split("\n") if ln.strip().startswith(inline)
                ]
        out.append(row)
    return out
