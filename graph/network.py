"""The knowledge graph as a NetworkX graph, and the analyses researchers ask for.

``project`` turns the RDF model (ARCHITECTURE.md) into a ``MultiDiGraph``: one
node per resolved entity (IRI as node id) and one edge per (subject, predicate,
object) with the evidence of every article that states it. Everything else here
is a small pure function over that graph, in the style of ``networkx``:

>>> from graph.store import open_store                                # doctest: +SKIP
>>> G = project(open_store("output"))                                 # doctest: +SKIP
>>> top = centrality(G, "betweenness", type="Person")                 # doctest: +SKIP
>>> hops = shortest_path(G, "Hanif Dhakiri", "IOM")                   # doctest: +SKIP
>>> [(h.source_label, h.predicate, h.target_label) for h in hops]     # doctest: +SKIP

Names typed by a user are matched in Python (``find_node``) or bound into SPARQL,
never pasted into query text.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph.defaults import DATA_NS, ONTOLOGY_NS
from graph.model import EntityType, Predicate
from graph.names import fold
from graph.store.base import Store

__all__ = [
    "MEASURES",
    "AmbiguousName",
    "Hop",
    "NameNotFound",
    "Stats",
    "centrality",
    "collapse",
    "comention",
    "communities",
    "ego",
    "example_graph",
    "find_node",
    "project",
    "short_iri",
    "shortest_path",
    "stats",
    "top_entities",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

_ENTITIES = f"{DATA_NS}graph/entities"
_TYPES = " ".join(f"mo:{t.value}" for t in EntityType)
_PREDICATES = " ".join(f"mo:{p.value}" for p in Predicate)

NODES_QUERY = f"""
SELECT DISTINCT ?entity ?t ?label WHERE {{
  GRAPH <{_ENTITIES}> {{ ?entity a ?t ; skos:prefLabel ?label }}
  VALUES ?t {{ {_TYPES} }}
}}"""

ALIASES_QUERY = f"""
SELECT DISTINCT ?entity ?alias WHERE {{
  GRAPH <{_ENTITIES}> {{ ?entity skos:altLabel ?alias }}
}}"""

MENTIONS_QUERY = """
SELECT ?entity (COUNT(DISTINCT ?article) AS ?n)
WHERE { ?article a mo:Article ; mo:mentions ?entity }
GROUP BY ?entity"""

EDGES_QUERY = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?assertion rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  VALUES ?p {{ {_PREDICATES} }}
}}"""

ARTICLES_QUERY = """
SELECT DISTINCT ?article ?name ?title ?date ?url WHERE {
  ?article a mo:Article .
  OPTIONAL { ?article mo:name ?name }
  OPTIONAL { ?article dct:title ?title }
  OPTIONAL { ?article dct:issued ?date }
  OPTIONAL { ?article schema:url ?url }
}"""

ASSERTIONS_QUERY = f"""
SELECT DISTINCT ?assertion ?s ?p ?o ?article ?sentence ?rule ?confidence ?role WHERE {{
  ?assertion a mo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  VALUES ?p {{ {_PREDICATES} }}
  OPTIONAL {{ ?assertion prov:wasDerivedFrom ?article }}
  OPTIONAL {{ ?assertion mo:evidenceText ?sentence }}
  OPTIONAL {{ ?assertion mo:rule ?rule }}
  OPTIONAL {{ ?assertion mo:confidence ?confidence }}
  OPTIONAL {{ ?position mo:assertion ?assertion ; mo:roleLabel ?role }}
}}"""

#: Curated edges (gazetteer parents) carry no assertion: they are facts of the entities graph.
CURATED_EDGES_QUERY = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  GRAPH <{_ENTITIES}> {{ ?s ?p ?o }}
  VALUES ?p {{ {_PREDICATES} }}
}}"""

POSITIONS_QUERY = """
SELECT DISTINCT ?person ?org ?role ?date ?article WHERE {
  ?position a mo:Position ; org:member ?person ; org:organization ?org ; mo:roleLabel ?role .
  OPTIONAL { ?position dct:date ?date }
  OPTIONAL { ?position prov:wasDerivedFrom ?article }
}"""

QUOTES_QUERY = """
SELECT ?speaker (COUNT(DISTINCT ?quote) AS ?n) WHERE { ?quote a mo:Quote ; mo:spokenBy ?speaker }
GROUP BY ?speaker"""

#: Centrality measures ``centrality`` knows.
MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")


def example_graph() -> nx.MultiDiGraph:
    """A five-entity projection with invented evidence, for the examples in this
    module's docstrings and for trying the API without a store (like
    ``nx.karate_club_graph``).

    >>> G = example_graph()
    >>> G.number_of_nodes(), G.number_of_edges()
    (5, 4)
    """
    G = nx.MultiDiGraph()
    for node, label, etype, aliases in (
        ("mid:person/ani", "Ani Lestari", "Person", ["Ani"]),
        ("mid:org/kemnaker", "Kementerian Ketenagakerjaan", "GovernmentBody", ["Kemnaker"]),
        (
            "mid:org/iom",
            "International Organization for Migration",
            "InternationalOrganization",
            ["IOM"],
        ),
        ("mid:event/forum", "Forum Migrasi Aman", "Event", []),
        ("mid:person/rene", "René Sitompul", "Person", []),
    ):
        G.add_node(
            node, label=label, type=etype, aliases=aliases, articles=1, quotes=0, positions=[]
        )

    def ev(sentence: str) -> list[dict[str, Any]]:
        return [
            {
                "sentence": sentence,
                "article": "mid:article/x1",
                "title": "Contoh",
                "date": "2024-01-02",
            }
        ]

    ids = {n.rsplit("/", 1)[1]: n for n in G}
    for u, pred, v, role, sentence in (
        (
            "ani",
            "holdsRole",
            "kemnaker",
            "Direktur",
            "Ani Lestari, Direktur di Kemnaker, membuka forum.",
        ),
        ("kemnaker", "collaboratesWith", "iom", "", "Kemnaker bekerja sama dengan IOM."),
        ("kemnaker", "organizes", "forum", "", "Kemnaker menyelenggarakan Forum Migrasi Aman."),
        ("rene", "participatesIn", "forum", "", "René Sitompul hadir dalam forum itu."),
    ):
        G.add_edge(
            ids[u],
            ids[v],
            key=pred,
            predicate=pred,
            label=role,
            articles=1,
            curated=False,
            evidence=ev(sentence),
        )
    return G


def short_iri(iri: str) -> str:
    """``mid:person/x`` for a data IRI (what tables print), else the IRI."""
    return "mid:" + iri[len(DATA_NS) :] if iri.startswith(DATA_NS) else iri


def _local(iri: str) -> str:
    """``mo:holdsRole`` -> ``holdsRole`` (the short names the gold format uses)."""
    return iri[len(ONTOLOGY_NS) :] if iri.startswith(ONTOLOGY_NS) else re.split(r"[#/]", iri)[-1]


def _names(values: Iterable[str] | str | None, known: Iterable[str], what: str) -> set[str] | None:
    """A set of short names from a list or comma-separated string (None = everything);
    a name outside ``known`` is a ValueError (a typo must not give an empty graph)."""
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    out = {_local(v.strip()) for v in values if v and v.strip()}
    allowed = list(known)
    if unknown := sorted(out - set(allowed)):
        raise ValueError(f"unknown {what} {', '.join(unknown)} (one of {', '.join(allowed)})")
    return out or None


def _articles(store: Store) -> dict[str, dict[str, Any]]:
    """Article IRI -> {name, title, date, url}: the evidence references of edges."""
    arts: dict[str, dict[str, Any]] = {}
    for art, name, title, date, url in store.query(ARTICLES_QUERY).rows:
        rec = arts.setdefault(str(art), {"article": str(art)})
        for key, value in (("name", name), ("title", title), ("date", date), ("url", url)):
            if value is not None and key not in rec:
                rec[key] = str(value)
    return arts


def project(
    store: Store,
    *,
    types: Iterable[str] | str | None = None,
    predicates: Iterable[str] | str | None = None,
    select: str | None = None,
    bindings: Mapping[str, Any] | None = None,
    nodes: Iterable[str] | None = None,
    evidence_limit: int | None = None,
) -> nx.MultiDiGraph:
    """The store's entities and relations as a ``MultiDiGraph``.

    Nodes are entity IRIs with ``label``, ``type``, ``aliases`` (list), ``articles``
    (number of articles mentioning it), ``quotes`` and ``positions`` (list of
    ``{"role", "organization", "organization_label", "date", "article"}``). Edges are
    keyed by predicate and carry ``predicate``, ``label`` (role titles of a
    ``holdsRole``), ``articles`` (number of supporting articles), ``curated`` and
    ``evidence`` (list of ``{"sentence", "article", "title", "date", "url", "rule",
    "confidence"}``). ``types`` / ``predicates`` keep only those (short names or IRIs);
    ``select`` is a SPARQL SELECT (with ``bindings``) whose first column lists the
    entities to keep, for projecting a part chosen in SPARQL; ``nodes`` keeps only those
    entities (e.g. ``top_entities``). ``evidence_limit`` keeps the first N evidence
    records of each edge (by date, article, sentence; ``evidence_total`` says how many
    there are): memory then follows the projected part, not the corpus. Unknown type or
    predicate names raise ``ValueError``.

    >>> G = project(store, types=["Person", "GovernmentBody"])        # doctest: +SKIP
    >>> G.nodes["https://w3id.org/migrasi-kg/id/kemnaker"]["label"]    # doctest: +SKIP
    'Kementerian Ketenagakerjaan'
    """
    keep_types = _names(types, (t.value for t in EntityType), "entity type")
    keep_preds = _names(predicates, (p.value for p in Predicate), "predicate")
    keep_nodes: set[str] | None = None
    if select is not None:
        keep_nodes = {str(row[0]) for row in store.query(select, bindings).rows if row[0]}
    if nodes is not None:
        chosen = {str(n) for n in nodes}
        keep_nodes = chosen if keep_nodes is None else keep_nodes & chosen
    G = nx.MultiDiGraph()
    rows = sorted(store.query(NODES_QUERY).rows, key=lambda r: (str(r[0]), str(r[2]), str(r[1])))
    labels = {str(entity): str(label) for entity, _t, label in reversed(rows)}
    for entity, t, label in rows:
        node, etype = str(entity), _local(str(t))
        if (keep_types and etype not in keep_types) or (
            keep_nodes is not None and node not in keep_nodes
        ):
            continue
        if node in G:  # two labels or types (should not happen): keep the first, sorted
            continue
        G.add_node(
            node, label=str(label), type=etype, aliases=[], articles=0, quotes=0, positions=[]
        )
    for entity, alias in sorted(
        (r for r in _rows(store, ALIASES_QUERY) if str(r[0]) in G),
        key=lambda r: (str(r[0]), str(r[1])),
    ):
        if alias != G.nodes[str(entity)]["label"]:
            G.nodes[str(entity)]["aliases"].append(str(alias))
    for node, n in _rows(store, MENTIONS_QUERY):
        if str(node) in G:
            G.nodes[str(node)]["articles"] = int(n)
    for speaker, n in store.query(QUOTES_QUERY).rows:
        if str(speaker) in G:
            G.nodes[str(speaker)]["quotes"] = int(n)
    arts = _articles(store)
    _add_positions(G, store, arts, labels)
    _add_edges(G, store, arts, keep_preds, evidence_limit)
    return G


def _rows(store: Store, sparql: str) -> Iterable[tuple[Any, ...]]:
    """A SELECT's rows, streamed when the store can (``iter_rows``), else as a list."""
    stream = getattr(store, "iter_rows", None)
    return stream(sparql) if stream is not None else store.query(sparql).rows


def top_entities(store: Store, n: int) -> tuple[list[str], int]:
    """The ``n`` entities a whole-corpus view keeps: most relations (distinct predicate
    and partner, as ``G.degree`` of ``project``) plus articles mentioning them, ties by
    IRI; and how many entities there are. Reads the store in a stream, holding one
    counter per entity, so it can pick the part to ``project(nodes=...)`` from a store
    too big to project whole.

    >>> top, total = top_entities(store, 5000)                        # doctest: +SKIP
    """
    score: Counter[str] = Counter({str(e): 0 for e, _t, _l in store.query(NODES_QUERY).rows})
    edges = itertools.chain(_rows(store, EDGES_QUERY), store.query(CURATED_EDGES_QUERY).rows)
    seen: set[tuple[str, str, str]] = set()
    for s, p, o in edges:
        key = (str(s), str(p), str(o))
        if key in seen or key[0] not in score or key[2] not in score:
            continue
        seen.add(key)
        score[key[0]] += 1
        score[key[2]] += 1
    del seen
    for node, m in _rows(store, MENTIONS_QUERY):
        if str(node) in score:
            score[str(node)] += int(m)
    ranked = sorted(score, key=lambda x: (-score[x], x))
    return ranked[:n], len(score)


def _add_positions(
    G: nx.MultiDiGraph,
    store: Store,
    arts: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str],
) -> None:
    seen: set[tuple[str, ...]] = set()
    # streamed and filtered first: only the projected people's positions are held
    kept = [r for r in _rows(store, POSITIONS_QUERY) if str(r[0]) in G]
    for person, org, role, date, article in sorted(
        kept, key=lambda r: tuple(str(v or "") for v in r)
    ):
        key = (str(person), str(org), str(role), str(article or ""))
        if key in seen:
            continue
        seen.add(key)
        org_label = labels.get(str(org)) or _local(str(org))
        G.nodes[str(person)]["positions"].append(
            {
                "role": str(role),
                "organization": str(org),
                "organization_label": org_label,
                "date": str(date) if date else (arts.get(str(article), {}).get("date")),
                "article": str(article) if article else None,
            }
        )


def _add_edges(
    G: nx.MultiDiGraph,
    store: Store,
    arts: Mapping[str, Mapping[str, Any]],
    keep_preds: set[str] | None,
    evidence_limit: int | None = None,
) -> None:
    """Edges between nodes of ``G`` with their evidence, from the assertion rows read in
    a stream; with ``evidence_limit`` each edge holds at most that many records at any
    time (plus its article set), so memory follows the edges, not the evidence."""
    Order = tuple[str, str, str, str]
    evidence: dict[tuple[str, str, str], list[tuple[Order, dict[str, Any]]]] = defaultdict(list)
    roles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    totals: Counter[tuple[str, str, str]] = Counter()
    seen: set[str] = set()
    for assertion, s, p, o, article, sentence, rule, confidence, role in _rows(
        store, ASSERTIONS_QUERY
    ):
        if str(s) not in G or str(o) not in G:
            continue
        key = (str(s), _local(str(p)), str(o))
        if role:
            roles[key].add(str(role))
        if str(assertion) in seen:  # one row per role label of the same assertion
            continue
        seen.add(str(assertion))
        ref = dict(arts.get(str(article), {"article": str(article)})) if article else {}
        ref.pop("name", None)
        ev = {
            "sentence": str(sentence) if sentence is not None else "",
            **ref,
            "rule": str(rule) if rule is not None else "",
            "confidence": float(confidence) if confidence is not None else None,
        }
        order = (ev.get("date") or "", ev.get("article") or "", ev["sentence"], str(assertion))
        bucket = evidence[key]
        bucket.append((order, ev))
        totals[key] += 1
        if ev.get("article"):
            sources[key].add(ev["article"])
        if evidence_limit is not None and len(bucket) > 4 * evidence_limit + 16:
            bucket.sort(key=lambda x: x[0])
            del bucket[evidence_limit:]
    curated = {
        (str(s), _local(str(p)), str(o)) for s, p, o in store.query(CURATED_EDGES_QUERY).rows
    }
    for key in sorted(set(evidence) | curated):
        s, pred, o = key
        if s not in G or o not in G or (keep_preds and pred not in keep_preds):
            continue
        evs = [ev for _order, ev in sorted(evidence.get(key, []), key=lambda x: x[0])]
        limited = {} if evidence_limit is None else {"evidence_total": totals[key]}
        G.add_edge(
            s,
            o,
            key=pred,
            predicate=pred,
            label="; ".join(sorted(roles.get(key, ()))),
            articles=len(sources.get(key, ())),
            curated=key in curated,
            evidence=evs if evidence_limit is None else evs[:evidence_limit],
            **limited,
        )


# --------------------------------------------------------------------------- names


class NameNotFound(LookupError):
    """No node has that name; ``suggestions`` are near matches."""

    def __init__(self, name: str, suggestions: list[tuple[str, str]]) -> None:
        self.name, self.suggestions = name, suggestions
        hint = (
            f"; did you mean {', '.join(repr(lab) for _n, lab in suggestions[:5])}?"
            if suggestions
            else ""
        )
        super().__init__(f"no entity named {name!r}{hint}")


class AmbiguousName(LookupError):
    """Several nodes carry that name; ``candidates`` are (node, label, type)."""

    def __init__(self, name: str, candidates: list[tuple[str, str, str]]) -> None:
        self.name, self.candidates = name, candidates
        listed = "; ".join(f"{lab} ({t}, {n})" for n, lab, t in candidates)
        super().__init__(f"{name!r} is ambiguous: {listed}")


def find_node(G: nx.Graph, name: str) -> str:
    """The node whose label or alias matches ``name``, ignoring case, punctuation and
    accents; a node id (IRI) is accepted as is. A name several nodes carry (as label
    or alias) raises ``AmbiguousName``; no match raises ``NameNotFound`` with
    suggestions.

    >>> G = example_graph()
    >>> find_node(G, "KEMNAKER"), find_node(G, "rene sitompul")
    ('mid:org/kemnaker', 'mid:person/rene')
    """
    if name in G:
        return name
    key = fold(name)
    found = [
        n
        for n, d in G.nodes(data=True)
        if key and key in {fold(d.get("label")), *(fold(a) for a in d.get("aliases") or ())}
    ]
    if len(found) == 1:
        return found[0]
    if found:
        cands = sorted((n, G.nodes[n]["label"], G.nodes[n]["type"]) for n in found)
        raise AmbiguousName(name, sorted(cands, key=lambda c: (fold(c[1]) != key, c[1], c[0])))
    words = set(key.split())
    near = [
        (n, d["label"])
        for n, d in G.nodes(data=True)
        if key and (key in fold(d.get("label")) or words & set(fold(d.get("label")).split()))
    ]
    raise NameNotFound(name, sorted(near, key=lambda x: (len(x[1]), x[1]))[:10])


# --------------------------------------------------------------------------- analysis


def collapse(G: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected weighted graph: one edge per connected pair, ``weight`` =
    distinct supporting articles (at least 1), ``predicates`` = sorted predicate names.

    >>> H = collapse(example_graph())
    >>> H.edges["mid:org/iom", "mid:org/kemnaker"]
    {'weight': 1, 'predicates': ['collaboratesWith']}
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    arts: dict[tuple[str, str], set[str]] = defaultdict(set)
    preds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        key = (u, v) if u <= v else (v, u)
        preds[key].add(d.get("predicate", ""))
        arts[key].update(e.get("article") for e in d.get("evidence") or () if e.get("article"))
    for (u, v), ps in preds.items():
        H.add_edge(u, v, weight=max(1, len(arts[(u, v)])), predicates=sorted(ps))
    return H


def centrality(
    G: nx.Graph, measure: str = "degree", type: str | None = None, top: int | None = None
) -> dict[str, float]:
    """Centrality of every node (computed on the whole graph, undirected), keeping
    only nodes of ``type``; highest first, at most ``top``.

    ``degree`` and ``betweenness`` ignore weights (hops count); ``eigenvector`` and
    ``pagerank`` use article weights, so repeated co-reporting counts.

    >>> G = example_graph()
    >>> centrality(G, "betweenness", top=2)
    {'mid:org/kemnaker': 0.8333333333333333, 'mid:event/forum': 0.5}
    >>> list(centrality(G, "degree", type="Person"))
    ['mid:person/ani', 'mid:person/rene']
    """
    H = collapse(G) if G.is_multigraph() or G.is_directed() else G
    if measure == "degree":
        scores = nx.degree_centrality(H)
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(H)
    elif measure == "eigenvector":
        scores = _eigenvector(H)
    elif measure == "pagerank":
        scores = nx.pagerank(H, weight="weight") if len(H) else {}
    else:
        raise ValueError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")
    keep = [
        (n, float(s)) for n, s in scores.items() if type is None or H.nodes[n].get("type") == type
    ]
    keep.sort(key=lambda x: (-x[1], H.nodes[x[0]].get("label", x[0]), x[0]))
    return dict(keep[:top] if top else keep)


def _eigenvector(H: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component scaled by component size (the
    plain measure is undefined on a disconnected graph and gives 0 to small parts)."""
    scores: dict[str, float] = {}
    n = H.number_of_nodes()
    for comp in nx.connected_components(H):
        if len(comp) < 2:
            scores.update(dict.fromkeys(comp, 0.0))
            continue
        sub = H.subgraph(comp)
        try:
            part = nx.eigenvector_centrality(sub, max_iter=1000, weight="weight")
        except nx.PowerIterationFailedConvergence:
            part = nx.eigenvector_centrality_numpy(sub, weight="weight")
        scores.update({k: v * len(comp) / n for k, v in part.items()})
    return scores


def communities(G: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities of the collapsed graph (article weights), largest first;
    the fixed seed makes the partition the same on every run.

    >>> [sorted(c) for c in communities(example_graph())]
    [['mid:org/iom', 'mid:org/kemnaker', 'mid:person/ani'], ['mid:event/forum', 'mid:person/rene']]
    """
    H = collapse(G) if G.is_multigraph() or G.is_directed() else G
    if not len(H):
        return []
    parts = nx.community.louvain_communities(H, weight="weight", seed=seed, resolution=resolution)
    return sorted((set(c) for c in parts), key=lambda c: (-len(c), min(c)))


@dataclass(slots=True)
class Hop:
    """One step of a path: the relation that links ``source`` to ``target``.

    ``forward`` is False when the stored edge points from ``target`` to ``source``
    (the path walks relations in either direction).
    """

    source: str
    target: str
    source_label: str
    target_label: str
    predicate: str
    forward: bool
    label: str = ""
    articles: int = 0
    evidence: list[dict[str, Any]] = field(default_factory=list)


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> list[Hop]:
    """The fewest-hops chain of relations between two entities (names or node ids,
    see ``find_node``), each hop with the evidence sentences that support it.
    Raises ``nx.NetworkXNoPath`` when they are not connected.

    >>> for h in shortest_path(example_graph(), "Ani", "René Sitompul"):
    ...     print(h.source_label, "|", h.predicate, h.forward, "|", h.evidence[0]["sentence"])
    Ani Lestari | holdsRole True | Ani Lestari, Direktur di Kemnaker, membuka forum.
    Kementerian Ketenagakerjaan | organizes True | Kemnaker menyelenggarakan Forum Migrasi Aman.
    Forum Migrasi Aman | participatesIn False | René Sitompul hadir dalam forum itu.
    """
    src, dst = find_node(G, a), find_node(G, b)
    nodes = nx.shortest_path(G.to_undirected(as_view=True), src, dst)
    return [_hop(G, u, v) for u, v in itertools.pairwise(nodes)]


def _hop(G: nx.MultiDiGraph, u: str, v: str) -> Hop:
    """The best-supported edge between ``u`` and ``v``, either direction."""
    options = [(True, d) for d in (G.get_edge_data(u, v) or {}).values()]
    options += [(False, d) for d in (G.get_edge_data(v, u) or {}).values()]
    forward, d = max(options, key=lambda o: (o[1].get("articles", 0), o[0], o[1]["predicate"]))
    return Hop(
        source=u,
        target=v,
        source_label=G.nodes[u].get("label", u),
        target_label=G.nodes[v].get("label", v),
        predicate=d["predicate"],
        forward=forward,
        label=d.get("label", ""),
        articles=d.get("articles", 0),
        evidence=list(d.get("evidence") or ()),
    )


def ego(G: nx.Graph, node: str, radius: int = 1) -> nx.Graph:
    """The subgraph within ``radius`` hops of ``node`` (a name or node id), following
    relations in both directions; a copy with every attribute.

    >>> sorted(ego(example_graph(), "IOM", 1).nodes)
    ['mid:org/iom', 'mid:org/kemnaker']
    """
    center = find_node(G, node)
    return induced(G, nx.ego_graph(G, center, radius=radius, undirected=True))


def induced(G: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """A copy of the subgraph of ``G`` on ``nodes``, with nodes and edges in ``G``'s order
    (``G.subgraph(nodes).copy()`` follows the hash order of a set, which differs from one
    Python process to the next: views drawn from it would not be byte-identical).

    >>> list(induced(example_graph(), {"mid:org/iom", "mid:org/kemnaker"}))
    ['mid:org/kemnaker', 'mid:org/iom']
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, dict(d))
            for u, v, k, d in G.edges(keys=True, data=True)
            if u in keep and v in keep
        )
    else:
        H.add_edges_from(
            (u, v, dict(d)) for u, v, d in G.edges(data=True) if u in keep and v in keep
        )
    return H


MENTION_PAIRS_QUERY = """
SELECT DISTINCT ?article ?entity WHERE { ?article a mo:Article ; mo:mentions ?entity }"""

SENTENCES_QUERY = """
SELECT DISTINCT ?article ?sentence WHERE {
  ?assertion a mo:Assertion ; prov:wasDerivedFrom ?article ; mo:evidenceText ?sentence .
}"""


def comention(store: Store, level: str = "article", *, graph: nx.Graph | None = None) -> nx.Graph:
    """Who is mentioned with whom: an undirected graph whose edge ``weight`` counts
    the articles (``level="article"``) or sentences (``"sentence"``) naming both.

    Sentence level knows only the sentences the store holds (the evidence of
    assertions) and finds an entity in one when its label or an alias occurs in it
    as whole words (accent- and case-insensitive), among the entities the article
    mentions. ``graph`` (a projection) supplies labels; it is projected when absent.

    >>> C = comention(store, "sentence")                                # doctest: +SKIP
    >>> C.edges[a, b]["weight"]                                         # doctest: +SKIP
    """
    if level not in ("article", "sentence"):
        raise ValueError(f"unknown level {level!r} (article or sentence)")
    P = graph if graph is not None else project(store)
    per_article: dict[str, set[str]] = defaultdict(set)
    for article, entity in store.query(MENTION_PAIRS_QUERY).rows:
        if str(entity) in P:
            per_article[str(article)].add(str(entity))
    units: list[set[str]] = []
    if level == "article":
        units = list(per_article.values())
    else:
        for article, sentence in store.query(SENTENCES_QUERY).rows:
            text = f" {fold(str(sentence))} "
            units.append(
                {e for e in per_article.get(str(article), ()) if _in_text(P.nodes[e], text)}
            )
    C = nx.Graph()
    C.add_nodes_from((n, P.nodes[n]) for unit in per_article.values() for n in unit)
    for unit in units:
        for u, v in itertools.combinations(sorted(unit), 2):
            w = C.edges[u, v]["weight"] + 1 if C.has_edge(u, v) else 1
            C.add_edge(u, v, weight=w)
    return C


def _in_text(node: Mapping[str, Any], folded_text: str) -> bool:
    forms = [node.get("label"), *(node.get("aliases") or ())]
    return any(f" {fold(f)} " in folded_text for f in forms if fold(f))


# --------------------------------------------------------------------------- summary


@dataclass(slots=True)
class Stats:
    """Size and shape of a projection (what ``kg network stats`` prints)."""

    nodes: int
    edges: int
    pairs: int  # connected entity pairs (edges of the collapsed graph)
    components: int
    largest_component: int
    density: float
    isolated: int
    types: dict[str, int]
    predicates: dict[str, int]
    edges_with_evidence: int


def stats(G: nx.MultiDiGraph) -> Stats:
    """Counts per type and predicate, components and density.

    >>> s = stats(example_graph()); s.types["Person"], s.components
    (2, 1)
    """
    H = collapse(G)
    comps = [len(c) for c in nx.connected_components(H)] if len(H) else []
    return Stats(
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        pairs=H.number_of_edges(),
        components=len(comps),
        largest_component=max(comps, default=0),
        density=nx.density(H) if len(H) > 1 else 0.0,
        isolated=sum(1 for n in H if H.degree(n) == 0),
        types=dict(Counter(d.get("type", "") for _n, d in G.nodes(data=True)).most_common()),
        predicates=dict(
            Counter(d.get("predicate", "") for *_e, d in G.edges(data=True)).most_common()
        ),
        edges_with_evidence=sum(1 for *_e, d in G.edges(data=True) if d.get("evidence")),
    )


# --------------------------------------------------------------------------- export


def _flat(value: Any) -> Any:
    """GraphML/GEXF hold only scalars: lists and dicts become JSON text, None is dropped."""
    if isinstance(value, (list, tuple, set, dict)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return value


def _flat_graph(G: nx.Graph) -> nx.Graph:
    H = G.__class__()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{a: _flat(x) for a, x in d.items() if x is not None})
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **{a: _flat(x) for a, x in d.items() if x is not None})
    return H


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """GraphML for Gephi/Cytoscape/yEd; list and dict attributes as JSON text.

    >>> write_graphml(G, "graph.graphml")                               # doctest: +SKIP
    """
    path = Path(path)
    nx.write_graphml(_flat_graph(G), path, encoding="utf-8")
    return path


def write_gexf(G: nx.Graph, path: str | Path) -> Path:
    """GEXF for Gephi; list and dict attributes as JSON text.

    >>> write_gexf(G, "graph.gexf")                                     # doctest: +SKIP
    """
    path = Path(path)
    nx.write_gexf(_flat_graph(G), path, encoding="utf-8")
    return path


NODE_COLUMNS = ("id", "label", "type", "aliases", "articles", "quotes", "positions")
EDGE_COLUMNS = ("source", "target", "predicate", "label", "articles", "curated", "evidence")


def write_csv(G: nx.Graph, directory: str | Path) -> tuple[Path, Path]:
    """``nodes.csv`` and ``edges.csv`` in ``directory`` (created); aliases joined by
    `` | ``, positions and evidence as JSON text.

    >>> write_csv(G, "export/")                                         # doctest: +SKIP
    (PosixPath('export/nodes.csv'), PosixPath('export/edges.csv'))
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_COLUMNS)
        for n, d in sorted(G.nodes(data=True)):
            w.writerow(
                [
                    n,
                    d.get("label", ""),
                    d.get("type", ""),
                    " | ".join(d.get("aliases") or ()),
                    d.get("articles", 0),
                    d.get("quotes", 0),
                    _flat(d.get("positions") or []),
                ]
            )
    with edges_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(EDGE_COLUMNS)
        for u, v, d in sorted(
            G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))
        ):
            w.writerow(
                [
                    u,
                    v,
                    d.get("predicate", ""),
                    d.get("label", ""),
                    d.get("articles", d.get("weight", 0)),
                    d.get("curated", False),
                    _flat(d.get("evidence") or []),
                ]
            )
    return nodes_path, edges_path
