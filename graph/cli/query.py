"""``kg query``: run a curated query (by name), a .rq file or SPARQL text on the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rich.markup import escape

from graph.cli._common import add_store_option, err, out, store_location

if TYPE_CHECKING:
    from graph.store.base import QueryResult

T = TypeVar("T")
ORDER = 50
FORMATS = ("table", "csv", "tsv", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "query",
        help="run SPARQL or a curated query",
        description="Run a curated query by name (`kg query --list`), a .rq file, or SPARQL "
        "text over the union of all graphs. Parameters are bound, never pasted into the query.",
    )
    p.add_argument(
        "query", nargs="?", metavar="SPARQL|FILE.rq|NAME", help="'-' reads SPARQL from stdin"
    )
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a query parameter (repeatable)",
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="table")
    p.add_argument(
        "--all-columns",
        action="store_true",
        help="table: also show IRI columns that have a label column, and whole sentences",
    )
    p.add_argument(
        "--list", action="store_true", help="list the curated queries and their questions"
    )
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.query import QueryError, curated_queries, parse_param_args, resolve_query, run_query
    from graph.store import StoreNotFound, open_store

    if args.list:
        for q in curated_queries():
            out.print(f"[bold]{q.name}[/bold]")
            out.print(f"  {q.question_en}")
            out.print(f"  {q.question_id}")
            for prm in q.params:
                opt = ", optional" if prm.optional else ""
                out.print(f"  --param {prm.name}=...  ({prm.type}{opt}) {prm.description}")
        return 0
    if not args.query:
        err.print("[red]give a query (SPARQL text, a .rq file or a curated name) or --list[/red]")
        return 2
    text = sys.stdin.read() if args.query == "-" else args.query
    try:
        _, curated = resolve_query(text)
        params = parse_param_args(args.param, curated)
        store = open_store(store_location(args), read_only=True)
        result = run_query(store, text, params)
    except (QueryError, StoreNotFound) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return 2
    except (SyntaxError, RuntimeError, ValueError, TypeError) as exc:
        err.print(f"[red]query failed: {escape(str(exc))}[/red]")
        return 1
    print_result(result, args.format, args.all_columns)
    return 0


def checked_open(args: argparse.Namespace, opener: Callable[[str], T]) -> T | None:
    """``opener(store location)``, or None after telling the user there is no store there;
    also None (with a message) when ``--type`` names no entity type."""
    from graph.store import StoreNotFound

    if (problem := type_problem(getattr(args, "type", None))) is not None:
        err.print(f"[red]{escape(problem)}[/red]")
        return None
    try:
        return opener(store_location(args))
    except StoreNotFound as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        return None


def type_problem(name: str | None) -> str | None:
    """Why ``name`` is not an entity type (None when it is one, or not given)."""
    from graph.model import EntityType

    if name is None or name in {t.value for t in EntityType}:
        return None
    return f"unknown type {name!r} ({', '.join(t.value for t in EntityType)})"


def print_result(result: QueryResult, fmt: str, all_columns: bool = False) -> None:
    from graph.query import compact, render

    if fmt != "table" or result.boolean is not None:
        sys.stdout.write(render(result, "csv" if fmt == "table" else fmt))
        if fmt == "json":
            sys.stdout.write("\n")
        return
    from rich.table import Table

    keep = table_columns(result.columns, all_columns)
    short = {i for i in keep if result.columns[i] in _LONG_TEXT and not all_columns}
    table = Table(show_lines=False)
    for i in keep:
        table.add_column(result.columns[i], overflow="fold", min_width=6)
    for row in result.rows:
        cells = (_clip(compact(row[i])) if i in short else compact(row[i]) for i in keep)
        table.add_row(*map(escape, cells))  # data, not console markup
    out.print(table)
    hidden = len(result.columns) - len(keep)
    note = f"; {hidden} IRI column(s) hidden, --all-columns shows them" if hidden else ""
    err.print(f"{len(result.rows)} row(s){note}")


#: Columns of sentences and quotes: clipped in a table (--all-columns: whole).
_LONG_TEXT = frozenset({"evidence", "sentence", "text", "quote", "title"})


def _clip(text: str, n: int = 120) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def table_columns(columns: list[str], all_columns: bool = False) -> list[int]:
    """Indexes of the columns a table shows: an IRI column ``x`` is left out when the
    result also has ``xLabel`` (or ``xName``), which says the same thing readably.

    >>> table_columns(["person", "personLabel", "role"])
    [1, 2]
    """
    if all_columns:
        return list(range(len(columns)))
    names = set(columns)
    return [
        i for i, c in enumerate(columns) if f"{c}Label" not in names and f"{c}Name" not in names
    ]
