"""Namespaces and the fixed IRIs of the RDF model (ARCHITECTURE.md, "The RDF model").

One place for them so the assembler, the stores, the curated queries and the
search index spell every IRI the same way.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.defaults import DATA_NS, ONTOLOGY_NS
from graph.model import EntityType

MO = Namespace(ONTOLOGY_NS)
MID = Namespace(DATA_NS)
SCHEMA = Namespace("https://schema.org/")
DCT = DCTERMS

__all__ = [
    "DCT",
    "ENTITIES_GRAPH",
    "FOAF",
    "KINDS",
    "MID",
    "MO",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "sparql_prologue",
]

#: The shared graph of resolved entity descriptions.
ENTITIES_GRAPH = MID["graph/entities"]

#: Prefixes known to every query (added when a query does not declare them) and exports.
PREFIXES: dict[str, str] = {
    "mo": ONTOLOGY_NS,
    "mid": DATA_NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
}

#: IRI path segment of entities that are not gazetteer entries, per type.
KINDS: dict[EntityType, str] = {
    EntityType.PERSON: "person",
    EntityType.GOVERNMENT_BODY: "org",
    EntityType.INTERNATIONAL_ORGANIZATION: "org",
    EntityType.CIVIL_SOCIETY: "org",
    EntityType.AGREEMENT: "agreement",
    EntityType.PROGRAM: "program",
    EntityType.EVENT: "event",
    EntityType.COUNTRY: "country",
    EntityType.PLACE: "place",
}


def sparql_prologue(query: str) -> str:
    """PREFIX lines for the known prefixes that ``query`` uses without declaring."""
    import re

    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", query)}
    lines = [
        f"PREFIX {p}: <{iri}>"
        for p, iri in PREFIXES.items()
        if p not in declared and re.search(rf"(?<![\w:<#/.-]){p}:", query)
    ]
    return "\n".join(lines) + ("\n" if lines else "")
