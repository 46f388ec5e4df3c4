"""``kg entities``: list resolved entities, or pairs that look like unmerged duplicates."""

from __future__ import annotations

import argparse

from graph.cli._common import add_store_option

ORDER = 57

ENTITIES_QUERY = """
SELECT ?entity ?type ?label (GROUP_CONCAT(DISTINCT ?alt; separator=" | ") AS ?aliases)
       (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  GRAPH <https://w3id.org/migrasi-kg/id/graph/entities> {
    ?entity a ?t ; skos:prefLabel ?label .
    OPTIONAL { ?entity skos:altLabel ?alt }
  }
  VALUES ?t { mo:Person mo:GovernmentBody mo:InternationalOrganization mo:CivilSociety
              mo:Agreement mo:Program mo:Event mo:Country mo:Place }
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  FILTER(!BOUND(?only) || ?type = STR(?only))
  OPTIONAL { ?article mo:mentions ?entity }
}
GROUP BY ?entity ?type ?label
ORDER BY ?type DESC(?articles) ?label
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "entities",
        help="list entities, or likely duplicates to check",
        description="List the resolved entities (type, label, aliases, number of articles). "
        "--duplicates lists pairs that may be one thing resolution kept apart (similar names, "
        "shared name tokens, acronym vs expansion), for a human to check.",
    )
    p.add_argument("--type", "-t", default=None, metavar="T", help="only this entity type")
    p.add_argument("--duplicates", action="store_true", help="list likely unmerged duplicate pairs")
    p.add_argument("--limit", "-n", type=int, default=0, help="at most N rows (0 = all)")
    p.add_argument("--format", "-f", choices=("table", "csv", "tsv", "json"), default="table")
    add_store_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.cli.query import checked_open, print_result
    from graph.rdf.resolve import EntitySummary, likely_duplicates
    from graph.store import open_store
    from graph.store.base import QueryResult

    store = checked_open(args, lambda loc: open_store(loc, read_only=True))
    if store is None:
        return 2
    res = store.query(ENTITIES_QUERY, {"only": args.type} if args.type else None)
    if not args.duplicates:
        if args.limit:
            res.rows = res.rows[: args.limit]
        print_result(res, args.format)
        return 0
    summaries = [
        EntitySummary(str(e), t, label, tuple(a for a in (alts or "").split(" | ") if a))
        for e, t, label, alts, _n in res.rows
    ]
    pairs = likely_duplicates(summaries, limit=args.limit or None)
    table = QueryResult(
        columns=["score", "reason", "labelA", "typeA", "labelB", "typeB", "entityA", "entityB"],
        rows=[
            (p.score, p.reason, p.a.label, p.a.type, p.b.label, p.b.type, p.a.iri, p.b.iri)
            for p in pairs
        ],
    )
    print_result(table, args.format)
    return 0
