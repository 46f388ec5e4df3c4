"""What every ``kg`` command shares: consoles, progress, the ``--store`` option."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from rich.console import Console

from graph.defaults import DEFAULT_OUT

T = TypeVar("T")

#: Messages, warnings and progress go to stderr; results (tables, data) to stdout.
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def progress(items: Iterable[T], *, total: int | None = None, label: str = "") -> Iterator[T]:
    """Yield ``items`` with a progress bar on a terminal, silently otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _state_file() -> Path:
    base = os.environ.get("MIGRASI_KG_STATE") or os.path.join(
        os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state"), "migrasi-kg"
    )
    return Path(base) / "last-build.json"


def remember_build(out_dir: Path) -> None:
    """Record ``out_dir`` as the default ``--store`` of later commands (per working dir)."""
    path = _state_file()
    try:
        data = json.loads(path.read_text()) if path.exists() else {}
    except (OSError, ValueError):
        data = {}
    data[str(Path.cwd())] = str(out_dir.resolve())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1))
    except OSError:
        pass  # a read-only home must not fail a build


def last_build() -> str:
    """The last ``kg build --out`` directory used from this working dir, else ``output/``."""
    try:
        data = json.loads(_state_file().read_text())
        return data.get(str(Path.cwd()), str(DEFAULT_OUT))
    except (OSError, ValueError):
        return str(DEFAULT_OUT)


def add_store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=None,
        metavar="PATH|URL",
        help="build directory, Oxigraph store directory, RDF file, or SPARQL endpoint URL "
        "(default: the last `kg build --out` directory, else output/)",
    )


def store_location(args: argparse.Namespace) -> str:
    return args.store or last_build()
