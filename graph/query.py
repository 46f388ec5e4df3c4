"""SPARQL over any store: curated queries from ``ontology/queries/*.rq`` and ad-hoc ones.

A curated query file starts with comment lines that say what it answers and
what it takes::

    # Question (en): Who held which position in which body?
    # Pertanyaan (id): Siapa memegang jabatan apa di lembaga mana?
    # Params: org (string, optional) label or alias of the body; person (string, optional) ...

Parameters are BOUND (``Store.query(..., bindings)``), never pasted into the
text, so a value holding quotes, braces or ``#`` cannot change the query. An
``entity`` parameter takes a name, alias (case-insensitive) or IRI and is bound
to every entity that answers to it, so queries start from those nodes instead
of filtering every label of the graph.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.defaults import QUERIES_DIR
from graph.rdf.vocab import PREFIXES
from graph.store.base import IRI, BNode, QueryResult, Store

PARAM_TYPES = ("entity", "string", "iri", "int", "float", "date", "bool")
_PARAM = re.compile(r"^\s*([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(.*?)\s*$")
_HEADER = re.compile(r"^#\s*(Question \(en\)|Pertanyaan \(id\)|Params)\s*:\s*(.*)$")


class QueryError(ValueError):
    """A query or parameter problem the user can fix (message says what and where)."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str = "string"
    optional: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class CuratedQuery:
    name: str  # file stem
    path: Path
    question_en: str
    question_id: str
    params: tuple[Param, ...]
    sparql: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_params(text: str, where: str = "") -> tuple[Param, ...]:
    """The ``# Params:`` line: ``name (type[, optional]) description; ...`` or ``none``."""
    text = text.strip()
    if not text or text.lower() in ("none", "-", "tidak ada"):
        return ()
    params = []
    for part in text.split(";"):
        m = _PARAM.match(part)
        if not m:
            raise QueryError(
                f"{where}: cannot read parameter {part.strip()!r} (want: name (type) text)"
            )
        name, spec, desc = m.groups()
        words = [w.strip().lower() for w in spec.split(",")]
        ptype = words[0] or "string"
        if ptype not in PARAM_TYPES:
            raise QueryError(
                f"{where}: parameter {name!r} has unknown type {ptype!r} ({', '.join(PARAM_TYPES)})"
            )
        params.append(Param(name, ptype, "optional" in words[1:], desc))
    return tuple(params)


def read_curated(path: Path) -> CuratedQuery:
    text = path.read_text(encoding="utf-8")
    head: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            head[m.group(1)] = (head.get(m.group(1), "") + " " + m.group(2)).strip()
    missing = [k for k in ("Question (en)", "Pertanyaan (id)", "Params") if k not in head]
    if missing:
        raise QueryError(
            f"{path.name}: missing header line(s): {', '.join('# ' + k + ':' for k in missing)}"
        )
    return CuratedQuery(
        name=path.stem,
        path=path,
        question_en=head["Question (en)"],
        question_id=head["Pertanyaan (id)"],
        params=parse_params(head["Params"], path.name),
        sparql=text,
    )


def curated_queries(directory: Path = QUERIES_DIR) -> list[CuratedQuery]:
    """Every curated query, sorted by name."""
    return [read_curated(p) for p in sorted(Path(directory).glob("*.rq"))]


def get_curated(name: str, directory: Path = QUERIES_DIR) -> CuratedQuery | None:
    path = Path(directory) / f"{name}.rq"
    return read_curated(path) if path.is_file() else None


# --------------------------------------------------------------------------- parameters


def expand_iri(value: str) -> IRI:
    """``mid:kemnaker`` or ``<https://...>`` or ``https://...`` -> an IRI."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    prefix, _, local = v.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        v = PREFIXES[prefix] + local
    return IRI(v)


ENTITY_LOOKUP = """
SELECT DISTINCT ?e WHERE {
  { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l }
  FILTER(LCASE(STR(?l)) = LCASE(STR(?text)))
}
"""


def looks_like_iri(value: str) -> bool:
    v = value.strip()
    prefix, sep, local = v.partition(":")
    return (v.startswith("<") and v.endswith(">")) or (
        bool(sep) and (prefix in PREFIXES or local.startswith("//")) and " " not in v
    )


def resolve_entity(store: Store, value: Any) -> list[IRI]:
    """Every entity whose name or alias is ``value`` (case-insensitive), or the IRI given."""
    if isinstance(value, IRI):
        return [value]
    text = str(value)
    if looks_like_iri(text):
        return [expand_iri(text)]
    rows = store.query(ENTITY_LOOKUP, {"text": text}).rows
    return sorted({IRI(r[0]) for r in rows if isinstance(r[0], IRI)})


def coerce(value: str, ptype: str, name: str = "") -> Any:
    """A command-line string as the Python value of a parameter type."""
    try:
        if ptype == "iri":
            return expand_iri(value)
        if ptype == "int":
            return int(value)
        if ptype == "float":
            return float(value)
        if ptype == "bool":
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
        if ptype == "date":
            import datetime as dt

            return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"parameter {name!r}: {value!r} is not a valid {ptype}") from None
    return value


def parse_param_args(pairs: Iterable[str], query: CuratedQuery | None = None) -> dict[str, Any]:
    """``["name=value", ...]`` -> bindings, typed by the query's ``# Params:`` when curated."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: expected name=value")
        declared = query.param(name) if query else None
        if query is not None and declared is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(
                f"query {query.name!r} has no parameter {name!r} (parameters: {known})"
            )
        ptype = declared.type if declared else "string"
        out[name] = value if ptype == "entity" else coerce(value, ptype, name)
    return out


# --------------------------------------------------------------------------- running


def resolve_query(
    name_or_sparql: str, directory: Path = QUERIES_DIR
) -> tuple[str, CuratedQuery | None]:
    """A curated name, a ``.rq`` file path, or SPARQL text -> (SPARQL, curated query or None)."""
    s = name_or_sparql.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]+", s):
        cq = get_curated(s, directory)
        if cq is None:
            names = ", ".join(q.name for q in curated_queries(directory))
            raise QueryError(
                f"no curated query {s!r} (have: {names}); `kg query --list` shows them"
            )
        return cq.sparql, cq
    if s.endswith(".rq") and "\n" not in s:
        path = Path(s)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        try:
            cq = read_curated(path)
        except QueryError:
            return path.read_text(encoding="utf-8"), None
        return cq.sparql, cq
    return name_or_sparql, None


def run_query(
    store: Store, name_or_sparql: str, params: Mapping[str, Any] | None = None
) -> QueryResult:
    """Run a curated query (by name or file) or SPARQL text with bound parameters."""
    sparql, cq = resolve_query(name_or_sparql)
    bindings = dict(params or {})
    if cq is not None:
        unknown = sorted(set(bindings) - {p.name for p in cq.params})
        if unknown:
            raise QueryError(f"query {cq.name!r} has no parameter(s) {', '.join(unknown)}")
        missing = [p.name for p in cq.params if not p.optional and p.name not in bindings]
        if missing:
            raise QueryError(
                f"query {cq.name!r} needs --param {' --param '.join(m + '=...' for m in missing)}"
            )
        for p in cq.params:
            if p.name not in bindings:
                continue
            if p.type == "entity":
                bindings[p.name] = resolve_entity(store, bindings[p.name])
            elif isinstance(bindings[p.name], str) and p.type != "string":
                bindings[p.name] = coerce(bindings[p.name], p.type, p.name)
    return store.query(sparql, bindings)


# --------------------------------------------------------------------------- output


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _json_value(v: Any) -> Any:
    if isinstance(v, IRI):
        return {"type": "uri", "value": str(v)}
    if isinstance(v, BNode):
        return {"type": "bnode", "value": str(v)}
    return v


def render(result: QueryResult, fmt: str) -> str:
    """A result as csv, tsv or json text (tables are drawn by the CLI)."""
    if result.boolean is not None:
        return (
            json.dumps({"boolean": result.boolean})
            if fmt == "json"
            else str(result.boolean).lower()
        )
    if fmt == "json":
        rows = [
            {c: _json_value(v) for c, v in zip(result.columns, row, strict=True) if v is not None}
            for row in result.rows
        ]
        return json.dumps({"columns": result.columns, "rows": rows}, ensure_ascii=False, indent=1)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        cells = [_cell(v) for v in row]
        if fmt == "tsv":
            cells = [c.replace("\t", " ").replace("\n", " ") for c in cells]
        writer.writerow(cells)
    return buf.getvalue()


def compact(value: Any) -> str:
    """An IRI shortened with the project prefixes (for tables)."""
    if isinstance(value, IRI):
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns):
                return f"{prefix}:{value[len(ns) :]}"
        return f"<{value}>"
    return _cell(value)
