"""RDF assembly: extractions + cross-article entity resolution -> named graphs of triples.

>>> from graph.rdf import resolve, records_of, article_triples, entity_triples  # doctest: +SKIP
>>> res = resolve(r for ex in extractions for r in records_of(ex))          # doctest: +SKIP
>>> triples = article_triples(ex, res.article_map(ex.article.id))          # doctest: +SKIP

The model is ARCHITECTURE.md "The RDF model"; IRIs are minted in ``graph.rdf.iris``.
"""

from graph.rdf.assemble import (
    RDF_VERSION,
    article_triples,
    entity_triples,
    role_titles,
    role_triples,
)
from graph.rdf.iris import article_iri
from graph.rdf.resolve import (
    EntityRecord,
    Resolution,
    ResolvedEntity,
    ResolverConfig,
    likely_duplicates,
    records_of,
    resolve,
)
from graph.rdf.vocab import ENTITIES_GRAPH, MID, MO, PREFIXES

__all__ = [
    "ENTITIES_GRAPH",
    "MID",
    "MO",
    "PREFIXES",
    "RDF_VERSION",
    "EntityRecord",
    "Resolution",
    "ResolvedEntity",
    "ResolverConfig",
    "article_iri",
    "article_triples",
    "entity_triples",
    "likely_duplicates",
    "records_of",
    "resolve",
    "role_titles",
    "role_triples",
]
