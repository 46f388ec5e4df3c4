"""SPARQL text helpers: query form, known prefixes, and binding values by a VALUES block.

Only the remote endpoint needs ``bind_values``: Oxigraph and rdflib bind
natively (``substitutions`` / ``initBindings``). The scanner skips comments,
strings and IRIs, so a ``{`` or ``WHERE`` inside them is never mistaken for
syntax, and the bound values themselves are serialised by
``graph.store.terms.value_to_sparql`` (validated IRIs, escaped strings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graph.rdf.vocab import sparql_prologue
from graph.store.base import IRI
from graph.store.terms import value_to_sparql

__all__ = [
    "bind_values",
    "has_keyword",
    "is_multi",
    "query_form",
    "sparql_prologue",
    "with_prologue",
]

#: Bound in place of an empty list of values: an IRI no data uses.
NOTHING = "urn:x-migrasi-kg:nothing"

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def with_prologue(query: str) -> str:
    """``query`` with PREFIX lines for the project prefixes it uses but does not declare."""
    return sparql_prologue(query) + query


def _tokens(query: str) -> Iterator[tuple[int, str]]:
    """(offset, token) of the syntax-relevant tokens: words, braces; skips the rest."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
        elif c in "\"'":
            triple = query[i : i + 3] in ('"""', "'''")
            quote = query[i : i + 3] if triple else c
            j = i + len(quote)
            while j < n and query[j : j + len(quote)] != quote:
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
        elif c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", query[i:])
            if m:
                i += m.end()
            else:
                i += 1
        elif c in "{}":
            yield i, c
            i += 1
        elif c.isalpha():
            m = re.match(r"[A-Za-z_][\w-]*", query[i:])
            assert m is not None
            yield i, m.group(0)
            i += m.end()
        else:
            i += 1


def has_keyword(query: str, word: str) -> bool:
    """Whether ``word`` is SPARQL syntax in ``query``: not in a string, IRI or comment,
    not a variable (``?service``) nor part of a prefixed name (``ex:service``)."""
    word = word.upper()
    for pos, tok in _tokens(query):
        if tok.upper() != word:
            continue
        before = query[pos - 1] if pos else " "
        after = query[pos + len(tok) : pos + len(tok) + 1]
        if before not in "?$:" and after != ":":
            return True
    return False


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE (or an update keyword) of a query text."""
    for _, tok in _tokens(query):
        up = tok.upper()
        if up in ("PREFIX", "BASE"):
            continue
        if up in (
            "SELECT",
            "ASK",
            "CONSTRUCT",
            "DESCRIBE",
            "INSERT",
            "DELETE",
            "LOAD",
            "CLEAR",
            "CREATE",
            "DROP",
            "COPY",
            "MOVE",
            "ADD",
            "WITH",
        ):
            return up
    return "SELECT"


def _where_brace(query: str) -> int | None:
    """Offset of the ``{`` that opens the outermost WHERE clause, or None."""
    depth = 0
    first_brace: int | None = None
    after_where = False
    form = query_form(query)
    seen_template = False
    for pos, tok in _tokens(query):
        if tok == "{":
            if depth == 0:
                if after_where:
                    return pos
                if form == "CONSTRUCT" and not seen_template:
                    seen_template = True  # CONSTRUCT { template } WHERE { ... }
                elif first_brace is None:
                    first_brace = pos
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok.upper() == "WHERE":
            after_where = True
    return first_brace


def bind_values(query: str, bindings: Mapping[str, Any] | None) -> str:
    """``query`` with ``VALUES`` blocks binding ``bindings`` at the top of its WHERE clause.

    A list, tuple or set value binds the variable to each of its members (an empty
    one matches nothing). Names must be plain variable names; values are serialised
    as validated terms, so a value can never change the query's structure.
    """
    if not bindings:
        return query
    blocks = []
    for name, value in bindings.items():
        if not _VAR.match(name):
            raise ValueError(f"invalid parameter name {name!r} (letters, digits, _)")
        values = sorted(value, key=str) if is_multi(value) else [value]
        if not values:  # matches nothing (rdflib cannot evaluate an empty VALUES block)
            values = [IRI(NOTHING)]
        blocks.append(f"VALUES ?{name} {{ {' '.join(value_to_sparql(v) for v in values)} }}")
    block = " ".join(blocks)
    at = _where_brace(query)
    if at is None:
        return f"{query}\n{block}\n"
    return f"{query[: at + 1]} {block}\n{query[at + 1 :]}"


def is_multi(value: Any) -> bool:
    """A binding with several alternative values (list, tuple, set)."""
    return isinstance(value, list | tuple | set | frozenset)
