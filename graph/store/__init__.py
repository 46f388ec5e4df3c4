"""Stores behind one small interface (see ``graph.store.base``).

>>> from graph.store import open_store                       # doctest: +SKIP
>>> store = open_store("output", read_only=True)              # doctest: +SKIP
>>> store.query("SELECT ?s WHERE { ?s a mo:Person }").rows    # doctest: +SKIP

``open_store(location)`` picks the implementation:

- ``None`` -> the default build directory ``output/``;
- ``"memory"`` -> an rdflib Dataset in memory;
- ``http(s)://...`` -> a SPARQL 1.1 endpoint;
- a build directory (``kg build --out``) -> its ``store/`` (embedded Oxigraph), or its
  ``graph.trig`` loaded in memory when it was built with ``--store memory``;
- an Oxigraph directory -> that store; a ``.trig/.nq/.ttl/...`` file -> loaded in memory.
"""

from __future__ import annotations

from pathlib import Path

from graph.defaults import DEFAULT_OUT
from graph.store.base import IRI, BNode, QueryResult, Store, Value

__all__ = ["IRI", "BNode", "QueryResult", "Store", "StoreNotFound", "Value", "open_store"]


class StoreNotFound(FileNotFoundError):
    """No store at the given location (message says how to make one)."""


def open_store(
    location: str | Path | None, *, create: bool = False, read_only: bool = False
) -> Store:
    """Open (or with ``create``, make) the store at ``location``; see the module docstring."""
    loc = str(DEFAULT_OUT) if location is None else str(location)
    if loc.lower() in ("memory", ":memory:"):
        from graph.store.memory import MemoryStore

        return MemoryStore()
    if loc.lower().startswith(("http://", "https://")):
        from graph.store.endpoint import EndpointStore

        return EndpointStore(loc)
    path = Path(loc).expanduser()
    if path.is_file():
        from graph.store.memory import MemoryStore

        return MemoryStore(path)
    from graph.store.layout import BuildDir
    from graph.store.oxigraph import OxigraphStore

    if (path / "CURRENT").exists():
        return OxigraphStore(path, read_only=read_only)
    built_into = _built_into(path)
    if built_into is not None and built_into.lower().startswith(("http://", "https://")):
        from graph.store.endpoint import EndpointStore

        return EndpointStore(built_into)  # `kg build --store URL --out path`
    if built_into == "memory" and (path / "graph.trig").is_file():
        from graph.store.memory import MemoryStore

        return MemoryStore(path / "graph.trig")  # `kg build --store memory --out path`
    published = BuildDir(path).current_store()
    if published is not None:
        # resolve the symlink once: a concurrent build may publish a new generation
        return OxigraphStore(published.resolve(), read_only=read_only)
    if (path / "graph.trig").is_file() and not (path / "store").exists():
        from graph.store.memory import MemoryStore

        return MemoryStore(path / "graph.trig")  # exports without a store
    if create and (not path.exists() or (path.is_dir() and not any(path.iterdir()))):
        path.mkdir(parents=True, exist_ok=True)
        return OxigraphStore(path, create=True)
    if path.is_dir():
        raise StoreNotFound(
            f"{path}: not a store or build directory (no store/ inside); "
            f"run `kg build PATHS --out {path}` first"
        )
    raise StoreNotFound(f"{path}: no such store; run `kg build PATHS --out {path}` first")


def _built_into(build_dir: Path) -> str | None:
    """Where the last ``kg build --out build_dir`` wrote its graphs (from ``build.json``)."""
    import json

    try:
        store = json.loads((build_dir / "build.json").read_text(encoding="utf-8")).get("store")
    except (OSError, ValueError, AttributeError):
        return None
    return store if isinstance(store, str) else None
