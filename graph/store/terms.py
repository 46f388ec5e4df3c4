"""RDF terms between rdflib, pyoxigraph, SPARQL text and plain Python values.

Every store converts through these functions, so a literal reads back as the
same Python value from rdflib, Oxigraph and a remote endpoint (store parity),
and a bound parameter is always a well-formed term, never pasted text.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode as RBNode
from rdflib import Literal as RLiteral
from rdflib import URIRef
from rdflib.term import Node

from graph.store.base import IRI, BNode

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_INT_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}


# --------------------------------------------------------------------------- to Python values


def literal_value(lexical: str, datatype: str | None = None, language: str | None = None) -> Any:
    """A literal as a plain Python value: int, float, bool, str (dates stay ISO strings)."""
    if language or not datatype or datatype in (XSD + "string", RDF_LANGSTRING):
        return lexical
    try:
        if datatype in _INT_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
    except ValueError:
        return lexical
    if datatype == XSD + "boolean":
        return lexical.strip() in ("true", "1")
    return lexical


def value_of_ox(term: Any) -> Any:
    """A pyoxigraph term as a plain value (``IRI`` for named nodes)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value, term.language)
    return str(term)


def value_of_rdflib(term: Any) -> Any:
    """An rdflib term as a plain value (``IRI`` for URIRefs)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return IRI(str(term))
    if isinstance(term, RBNode):
        return BNode(str(term))
    if isinstance(term, RLiteral):
        dtype = str(term.datatype) if term.datatype else None
        return literal_value(str(term), dtype, term.language)
    return str(term)


# --------------------------------------------------------------------------- rdflib <-> pyoxigraph


def to_ox(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, RBNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return RBNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RLiteral(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":
            return RLiteral(term.value)
        return RLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def ox_quad(s: Node, p: Node, o: Node, g: str | Node | None) -> ox.Quad:
    graph = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def nquad_line(quad: ox.Quad) -> str:
    """One canonical N-Quads line (Oxigraph's escaping), without the newline."""
    return f"{quad} ."


# --------------------------------------------------------------------------- bound values -> terms


def value_to_ox(value: Any) -> Any:
    """A bound parameter as a pyoxigraph term (raises ValueError on an invalid IRI)."""
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, Node):
        return to_ox(value)
    if isinstance(value, IRI):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        raise ValueError("blank nodes cannot be bound into a query")
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__} into a query")


def value_to_rdflib(value: Any) -> Node:
    return from_ox(value_to_ox(value))


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


_UCHAR_AFTER_BACKSLASH = re.compile(r"\\\\([uU])")


def _spell_u(m: re.Match[str]) -> str:
    return f"\\\\\\U{ord(m.group(1)):08X}"


def sparql_string(s: str) -> str:
    """A double-quoted SPARQL string literal: quotes, backslashes and line breaks escaped.

    SPARQL expands ``\\uXXXX`` escapes before parsing, so in an escaped backslash
    followed by ``u`` the ``u`` is written as ``\\U00000075``: a value such as
    ``\\u0022`` then stays that text on every endpoint, never a quote.
    """
    text = "".join(_ESCAPES.get(c, c) for c in s)
    return '"' + _UCHAR_AFTER_BACKSLASH.sub(_spell_u, text) + '"'


def value_to_sparql(value: Any) -> str:
    """A bound parameter in SPARQL syntax for a VALUES block (validated, escaped)."""
    term = value_to_ox(value)
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"  # pyoxigraph rejected anything that is not a valid IRI
    if isinstance(term, ox.Literal):
        text = sparql_string(term.value)
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value == XSD + "string":
            return text
        return f"{text}^^<{term.datatype.value}>"
    raise TypeError(f"cannot bind {value!r}")
