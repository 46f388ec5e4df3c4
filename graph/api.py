"""``KnowledgeGraph``: one small object over the build, the store, SPARQL, NetworkX and views.

The facade notebooks use (and the CLI's building blocks underneath), in the
spirit of kglab: it holds an open store and forwards to the modules that do the
work, so a notebook never needs helpers of its own.

>>> kg = KnowledgeGraph.build(["corpus/sample"], out="output")   # doctest: +SKIP
>>> kg.query("positions").rows[:3]                                  # doctest: +SKIP
>>> G = kg.network()                                                 # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.defaults import DEFAULT_OUT
from graph.model import Extraction
from graph.store.base import QueryResult, Store

if TYPE_CHECKING:  # heavy or optional imports only for type checkers
    import networkx as nx
    import pandas as pd

    from graph.build import BuildReport


class KnowledgeGraph:
    """A built knowledge graph: its store and (for on-disk builds) its output directory."""

    def __init__(self, store: Store, out: Path | None = None, report: BuildReport | None = None):
        self.store = store
        self.out = out
        self.report = report

    # ------------------------------------------------------------------ opening

    @classmethod
    def build(
        cls,
        paths: Sequence[str | Path],
        out: str | Path = DEFAULT_OUT,
        **options: Any,
    ) -> KnowledgeGraph:
        """Build (incrementally) ``paths`` into ``out``; ``options`` go to ``graph.build.build``."""
        from graph.build import build

        report = build([str(p) for p in paths], Path(out), **options)
        store = report.handle
        if store is None:
            from graph.store import open_store

            store = open_store(str(out))
        return cls(store, Path(out), report)

    @classmethod
    def open(cls, location: str | Path | None = None) -> KnowledgeGraph:
        """Open a build directory, an Oxigraph store, an RDF file or a SPARQL endpoint URL."""
        from graph.store import open_store

        location = str(location or DEFAULT_OUT)
        store = open_store(location, read_only=True)
        out = Path(location) if Path(location).is_dir() else None
        return cls(store, out)

    # ------------------------------------------------------------------ querying

    def query(self, name_or_sparql: str, **params: Any) -> QueryResult:
        """A curated query by name (``kg query --list``), a ``.rq`` file, or SPARQL text.

        Parameters are bound, never pasted into the query text.
        """
        from graph.query import run_query

        return run_query(self.store, name_or_sparql, params)

    def frame(self, name_or_sparql: str, **params: Any) -> pd.DataFrame:
        """``query`` as a pandas DataFrame (IRIs and literals as plain strings/values)."""
        import pandas as pd

        result = self.query(name_or_sparql, **params)
        return pd.DataFrame(result.rows, columns=result.columns)

    def curated(self) -> list[Any]:
        """The curated research questions shipped in ``ontology/queries``."""
        from graph.query import curated_queries

        return curated_queries()

    def search(self, text: str, **options: Any) -> list[Any]:
        """Entities, evidence sentences and quotes matching ``text`` (needs an on-disk build)."""
        from graph.search import open_index

        if self.out is None:
            raise ValueError("full-text search needs an on-disk build directory")
        return open_index(self.out).search(text, **options)

    # ------------------------------------------------------------------ analysis and views

    def network(self, **options: Any) -> nx.MultiDiGraph:
        """The NetworkX projection of the graph (``graph.network.project``)."""
        from graph.network import project

        return project(self.store, **options)

    def view(self, path: str | Path, **options: Any) -> Any:
        """Write an offline interactive HTML view (``graph.view.render_store``)."""
        from graph.view import render_store

        return render_store(self.store, Path(path), **options)

    # ------------------------------------------------------------------ what was extracted

    def extractions(self) -> Iterable[Extraction]:
        """Every cached per-article extraction of this build, in article-name order."""
        if self.out is None:
            return []
        files = sorted((self.out / "extractions").glob("*.json"))
        items = [Extraction.from_json(json.loads(f.read_text(encoding="utf-8"))) for f in files]
        return sorted(items, key=lambda x: x.article.name)

    def extraction(self, name: str) -> Extraction:
        """The extraction of one article by its name (file stem or JSONL id) or id."""
        for x in self.extractions():
            if name in (x.article.name, x.article.id):
                return x
        raise KeyError(f"no article named {name!r} in this build")

    # ------------------------------------------------------------------ export and checks

    def export(self, fmt: str = "trig", out: str | Path | None = None) -> bytes | None:
        """Deterministic export (``ttl``, ``trig``, ``nq``, ``jsonld``) to ``out`` or bytes."""
        from graph.store.export import export

        return export(self.store, fmt, out)

    def validate(self) -> Any:
        """SHACL validation report of the whole graph."""
        from graph.validate import validate_store

        return validate_store(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
