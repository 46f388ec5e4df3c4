"""Loader for the knowledge in ``ontology/``: gazetteer, role titles, lexicons, vocabulary.

The extractor and the RDF builder get all domain knowledge from here, as data:
adding a ministry, an alias or a role title is an edit under ``ontology/``, not
a code change. Loading is cached.

CONTRACT (implemented by the ontology work; the extractor relies on these names):

- ``load_ontology(directory=ONTOLOGY_DIR) -> Ontology`` (cached per directory)
- ``Ontology.entries``: tuple of ``GazetteerEntry``
- ``Ontology.entry(id) -> GazetteerEntry``; ``Ontology.iri(id) -> str``
- ``Ontology.roles``: tuple of ``RoleTitle``
- ``Ontology.lexicon(name) -> tuple[str, ...]``: a word list from ``ontology/lexicon/{name}.yaml``
- ``Ontology.domain(p)`` / ``Ontology.range(p)``: frozensets of ``EntityType`` from migrasi.ttl
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import EntityType


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A curated entity: one real-world thing with all the names it goes by."""

    id: str  # IRI local name: mid:{id}
    type: EntityType
    name: str  # canonical Indonesian name
    name_en: str | None = None
    aliases: tuple[str, ...] = ()  # other names and spellings (case-insensitive match)
    acronyms: tuple[str, ...] = ()  # acronyms (case-sensitive match)
    historical: tuple[str, ...] = ()  # former names (matched, kept as altLabel)
    parent: str | None = None  # gazetteer id of the parent organisation (partOf)
    country: str | None = None  # gazetteer id of the country it belongs to / lies in
    wikidata: str | None = None  # "Q123" when known for certain

    def forms(self) -> tuple[str, ...]:
        """Every surface form that should be recognised as this entry."""
        seen: dict[str, None] = {}
        for f in (self.name, self.name_en, *self.aliases, *self.acronyms, *self.historical):
            if f:
                seen.setdefault(f, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class RoleTitle:
    """A position title and what it implies."""

    title: str  # "Menteri Ketenagakerjaan", or a generic head: "Direktur Jenderal"
    abbreviations: tuple[str, ...] = ()  # "Menaker", "Wamenaker"
    implies: str | None = None  # gazetteer id of the organisation the title names
    kind: str = "position"  # "position" | "state" (represents the state) | "rank" (not a position)
