"""The build directory and its store generations (crash-safe publishing).

``<out>/store`` is a symlink to ``<out>/.generations/NNNNNN/store``. A build
copies the current generation (an Oxigraph backup: hard links, cheap), writes
its changes into the copy, writes the copy's ``manifest.json`` (which article
graphs it holds, from which inputs), and only then swaps the symlink in one
atomic ``rename``. A build killed at any point leaves ``<out>/store`` pointing
at the previous, complete generation, and the manifest lives inside the
generation it describes, so the two cannot disagree.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
KEEP_GENERATIONS = 2  # the current one and the one a running server may still read


@dataclass(frozen=True)
class BuildDir:
    """Paths of one build output directory."""

    root: Path

    @property
    def store_link(self) -> Path:
        return self.root / "store"

    @property
    def generations(self) -> Path:
        return self.root / ".generations"

    @property
    def extractions(self) -> Path:
        return self.root / "extractions"

    @property
    def search_index(self) -> Path:
        return self.root / "search.sqlite"

    @property
    def spool(self) -> Path:
        """A clean build's graphs as N-Quads, for its exports (``export.Spool``); removed
        once they are written."""
        return self.root / ".spool.nq"

    @property
    def summary(self) -> Path:
        return self.root / "build.json"

    def current(self) -> Path | None:
        """The directory of the published generation (holds ``store/`` and the manifest)."""
        link = self.store_link
        if link.is_symlink():
            target = link.resolve()
            return target.parent if (target / "CURRENT").exists() else None
        return None

    def current_store(self) -> Path | None:
        """The published Oxigraph directory (a plain ``store/`` of an older layout too)."""
        gen = self.current()
        if gen is not None:
            return gen / "store"
        if self.store_link.is_dir() and (self.store_link / "CURRENT").exists():
            return self.store_link
        return None

    def manifest(self) -> dict[str, Any]:
        gen = self.current()
        if gen is None:
            return {}
        return read_manifest(gen)

    def new_generation(self) -> Path:
        """A fresh, empty generation directory (numbered after the newest one)."""
        self.generations.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name) for p in self.generations.iterdir() if p.name.isdigit()]
        gen = self.generations / f"{max(numbers, default=0) + 1:06d}"
        gen.mkdir()
        return gen

    def publish(self, gen: Path) -> None:
        """Make ``gen`` the current generation with one atomic rename, then prune."""
        link = self.store_link
        if link.exists() and not link.is_symlink():  # plain store/ of an older layout
            link.rename(self.generations / f"legacy-{os.getpid()}")
        tmp = self.root / f".store.{os.getpid()}.tmp"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(os.path.relpath(gen / "store", self.root), tmp)
        os.replace(tmp, link)
        _fsync_dir(self.root)
        self.prune(keep=gen)

    def prune(self, keep: Path | None = None) -> None:
        """Drop unpublished leftovers of killed builds and all but the newest generations."""
        if not self.generations.is_dir():
            return
        current = self.current()
        gens = sorted(p for p in self.generations.iterdir() if p.is_dir())
        complete = [p for p in gens if p.name.isdigit() and (p / MANIFEST).exists()]
        keep_set = set(complete[-KEEP_GENERATIONS:]) | {p for p in (current, keep) if p}
        for p in gens:
            if p not in keep_set:
                shutil.rmtree(p, ignore_errors=True)

    def discard(self, gen: Path) -> None:
        shutil.rmtree(gen, ignore_errors=True)


def read_manifest(gen: Path) -> dict[str, Any]:
    try:
        return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON via a temporary file + rename, so readers see old or new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
