"""Latency of every curated query: embedded Oxigraph beside rdflib's in-memory engine.

    .venv/bin/python benchmarks/bench_sparql.py --articles 1000            # quick tier
    .venv/bin/python benchmarks/bench_sparql.py --articles 2700 --repeat 7  # ~1M triples

Builds (once, cached in the work directory) the graph of a generated corpus with
``kg build``, then runs each query of ``ontology/queries`` ``--repeat`` times on
the build's Oxigraph store and reports the median. The same queries with the same
parameters run on rdflib's in-memory engine (``graph.store.memory.MemoryStore``
loaded from the build's ``graph.trig``: the same data) in a child process with a
time limit, so a query rdflib cannot finish is reported, not waited for. Both
engines must return the same number of rows. Parameters come from the data (the
person with most quotes, a frequent collaboration, ...).

Writes ``results/sparql.json`` / ``results/sparql.txt`` (``--name`` to change).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import PROJECT_DIR, generated_corpus, loadavg, table, write_result

# Parameters of each curated query, chosen from the data by ``choose_params``.
PLAN: dict[str, tuple[str, ...]] = {
    "agreements-of-country": (),
    "article-facts": ("article",),
    "bodies-working-with-io": (),
    "co-mentions": (),
    "edge-evidence": ("subject", "object"),
    "entities-by-articles": (),
    "event-places": (),
    "events": (),
    "org-structure": (),
    "people-with-two-orgs": ("org1", "org2"),
    "position-timeline": ("person",),
    "positions": (),
    "program-orgs": (),
    "quotes-about": ("term",),
    "said-by": ("person",),
}

# ``--focused``: the optional parameters too, bound to a frequent value of the data (the
# question about one person, event, place ... rather than the listing of all of them).
FOCUSED: dict[str, tuple[str, ...]] = {
    "co-mentions": ("entity",),
    "entities-by-articles": ("entityType",),
    "event-places": ("place",),
    "events": ("event",),
    "org-structure": ("org",),
    "positions": ("person",),
    "program-orgs": ("program",),
}

CHOOSE = {
    "place": """SELECT ?label (COUNT(?e) AS ?n) WHERE {
        ?e a mo:Event ; mo:locatedIn ?p . ?p a mo:Place ; skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "event": """SELECT ?label (COUNT(?a) AS ?n) WHERE {
        ?a rdf:object ?e . ?e a mo:Event ; skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "org": """SELECT ?label (COUNT(?u) AS ?n) WHERE {
        ?u mo:partOf ?o . ?o a mo:GovernmentBody ; skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "program": """SELECT ?label (COUNT(?a) AS ?n) WHERE {
        ?a rdf:object ?p . ?p a mo:Program ; skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "person": """SELECT ?label (COUNT(?q) AS ?n) WHERE {
        ?q a mo:Quote ; mo:spokenBy ?p . ?p skos:prefLabel ?label }
        GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1""",
    "pair": """SELECT ?sl ?ol (COUNT(?a) AS ?n) WHERE {
        ?a a mo:Assertion ; rdf:predicate mo:collaboratesWith ; rdf:subject ?s ; rdf:object ?o .
        ?s skos:prefLabel ?sl . ?o skos:prefLabel ?ol }
        GROUP BY ?sl ?ol ORDER BY DESC(?n) ?sl ?ol LIMIT 1""",
    "orgs": """SELECT ?l1 ?l2 (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p mo:holdsRole ?o1 , ?o2 . FILTER(STR(?o1) < STR(?o2))
        ?o1 skos:prefLabel ?l1 . ?o2 skos:prefLabel ?l2 }
        GROUP BY ?l1 ?l2 ORDER BY DESC(?n) ?l1 ?l2 LIMIT 1""",
    "article": """SELECT ?name WHERE { ?a a mo:Article ; mo:name ?name } ORDER BY ?name LIMIT 1""",
}


def choose_params(store: Any, focused: bool = False) -> dict[str, dict[str, Any]]:
    """Parameters for every curated query, taken from the built graph (``focused``: the
    optional ones of ``FOCUSED`` too)."""

    def first(key: str) -> tuple:
        rows = store.query(CHOOSE[key]).rows
        return tuple(str(v) for v in rows[0]) if rows else ()

    person = first("person")
    pair = first("pair")
    orgs = first("orgs")
    article = first("article")
    values = {
        "person": person[0] if person else "",
        "subject": pair[0] if pair else "",
        "object": pair[1] if pair else "",
        "org1": orgs[0] if orgs else "",
        "org2": orgs[1] if orgs else "",
        "article": article[0] if article else "",
        "term": "pekerja migran",
        "entity": person[0] if person else "",
        "entityType": "Person",
    }
    plan = {name: list(params) for name, params in PLAN.items()}
    if focused:
        for key in ("place", "event", "org", "program"):
            got = first(key)
            values[key] = got[0] if got else ""
        for name, params in FOCUSED.items():
            plan[name] += [p for p in params if values[p]]
    return {name: {p: values[p] for p in params} for name, params in plan.items()}


def time_queries(
    store: Any, params: dict[str, dict[str, Any]], repeat: int, budget_s: float = 60.0
) -> dict[str, dict[str, Any]]:
    """Median latency (ms) and row count of each query; fewer repeats past ``budget_s``."""
    from graph.query import run_query

    out: dict[str, dict[str, Any]] = {}
    for name, p in params.items():
        times, rows = [], 0
        for i in range(repeat):
            t = time.perf_counter()
            rows = len(run_query(store, name, p).rows)
            times.append(time.perf_counter() - t)
            if i == 0 and times[0] * repeat > budget_s:
                break  # one slow query must not take the whole run
        out[name] = {
            "median_ms": round(statistics.median(times) * 1000, 2),
            "runs": len(times),
            "rows": rows,
        }
        print(f"  {name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def ensure_build(articles: int, workdir: Path) -> Path:
    """``workdir/sparql-build-{n}``: ``kg build`` of the generated corpus (made once)."""
    out = workdir / f"sparql-build-{articles}"
    if (out / "build.json").exists() and (out / "graph.trig").exists():
        return out
    corpus = generated_corpus(articles, workdir)
    cmd = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out),
           "--workers", "2", "--no-validate"]  # fmt: skip
    subprocess.run(cmd, check=True, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL)
    return out


def rdflib_child(trig: str, params_json: str, repeat: int) -> None:
    """Child process: load ``trig`` into rdflib and time every query (JSON lines out)."""
    from graph.store.memory import MemoryStore

    t = time.perf_counter()
    store = MemoryStore(Path(trig))
    print(json.dumps({"load_s": round(time.perf_counter() - t, 2)}), flush=True)
    for name, p in json.loads(params_json).items():
        res = time_queries(store, {name: p}, repeat)
        print(json.dumps({name: res[name]}), flush=True)


def oxigraph_child(build_dir: str, name: str, params_json: str, repeat: int) -> None:
    """Child process: time one curated query on the Oxigraph store (JSON line out)."""
    from graph.store import open_store

    store = open_store(build_dir, read_only=True)
    res = time_queries(store, {name: json.loads(params_json)}, repeat)
    print(json.dumps(res[name]), flush=True)


def oxigraph_side(
    build_dir: Path, params: dict, repeat: int, limit_s: float
) -> dict[str, dict[str, Any]]:
    """Each query in its own process, stopped after ``limit_s`` seconds: a query that
    runs in Oxigraph's native code cannot be interrupted from Python."""
    out: dict[str, dict[str, Any]] = {}
    for name, p in params.items():
        cmd = [sys.executable, __file__, "--oxigraph-child", str(build_dir), name,
               json.dumps(p), str(repeat)]  # fmt: skip
        try:
            done = subprocess.run(
                cmd, capture_output=True, text=True, timeout=limit_s, cwd=PROJECT_DIR
            )
            out[name] = json.loads(done.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            out[name] = {"median_ms": None, "runs": 0, "rows": None, "stopped_after_s": limit_s}
        print(f"  {name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def rdflib_side(trig: Path, params: dict, repeat: int, limit_s: float) -> dict[str, Any]:
    """What rdflib managed within ``limit_s`` seconds (queries past it: not finished)."""
    cmd = [sys.executable, __file__, "--rdflib-child", str(trig), json.dumps(params),
           str(repeat)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=PROJECT_DIR)
    try:
        out, _ = proc.communicate(timeout=limit_s)
        finished = True
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        finished = False
    got: dict[str, Any] = {}
    for line in out.splitlines():
        got.update(json.loads(line))
    got["finished"] = finished
    return got


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="size of the generated corpus")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    ap.add_argument(
        "--rdflib-limit", type=float, default=900, help="seconds rdflib may take in all"
    )
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument(
        "--focused", action="store_true", help="bind optional parameters too (see FOCUSED)"
    )
    ap.add_argument("--build", type=Path, help="use this `kg build` output instead of building")
    ap.add_argument("--name", default="sparql")
    ap.add_argument(
        "--query-limit", type=float, default=120, help="seconds one Oxigraph query may take"
    )
    ap.add_argument("--rdflib-child", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--oxigraph-child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.oxigraph_child:
        b, name, p, r = args.oxigraph_child
        oxigraph_child(b, name, p, int(r))
        return {}
    if args.rdflib_child:
        rdflib_child(args.rdflib_child[0], args.rdflib_child[1], int(args.rdflib_child[2]))
        return {}
    args.workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(PROJECT_DIR))
    from graph.store import open_store

    build_dir = args.build or ensure_build(args.articles, args.workdir)
    load = [loadavg()]
    store = open_store(build_dir, read_only=True)
    triples = len(store)
    params = choose_params(store, args.focused)
    store.close()
    print(f"Oxigraph, {triples:,} quads:", file=sys.stderr)
    ox = oxigraph_side(build_dir, params, args.repeat, args.query_limit)
    rd: dict[str, Any] = {}
    if not args.no_rdflib:
        print("rdflib in memory:", file=sys.stderr)
        rd = rdflib_side(build_dir / "graph.trig", params, args.repeat, args.rdflib_limit)
    load.append(loadavg())
    rows = []
    for name in PLAN:
        o, r = ox[name], rd.get(name)
        row = {
            "query": name,
            "params": ", ".join(f"{k}={v}" for k, v in params[name].items()) or "-",
            "rows": o["rows"],
            "oxigraph_ms": o["median_ms"]
            if o["median_ms"] is not None
            else f"> {args.query_limit:g} s (stopped)",
            "rdflib_ms": r["median_ms"] if r else "not finished" if rd else "-",
            "ratio": round(r["median_ms"] / max(o["median_ms"], 0.01), 1)
            if r and o["median_ms"] is not None
            else "-",
            "same_rows": (r["rows"] == o["rows"]) if r else "-",
        }
        rows.append(row)
    ratios = [r["ratio"] for r in rows if isinstance(r["ratio"], float)]
    result = {
        "articles": args.articles,
        "quads": triples,
        "repeat": args.repeat,
        "queries": rows,
        "oxigraph_median_of_medians_ms": statistics.median(
            r["oxigraph_ms"] if isinstance(r["oxigraph_ms"], float | int) else float("inf")
            for r in rows
        ),
        "queries_stopped": [r["query"] for r in rows if isinstance(r["oxigraph_ms"], str)],
        "queries_over_50ms": [
            r["query"]
            for r in rows
            if not isinstance(r["oxigraph_ms"], float | int) or r["oxigraph_ms"] > 50
        ],
        "rdflib_load_s": rd.get("load_s"),
        "rdflib_finished_all": rd.get("finished"),
        "ratio_min": min(ratios) if ratios else None,
        "ratio_median": statistics.median(ratios) if ratios else None,
        "load_1min_before_after": load,
        "focused": args.focused,
        "target": "median < 50 ms per query at ~1M triples; >= 30x faster than rdflib",
    }
    text = table(rows) + (
        f"\n{triples:,} quads ({args.articles} generated articles); median of {args.repeat} "
        f"runs{'; optional parameters bound (--focused)' if args.focused else ''}; "
        f"rdflib load {rd.get('load_s')} s; ratio = rdflib / Oxigraph "
        f"(min {result['ratio_min']}, median {result['ratio_median']})\n"
        f"queries over 50 ms on Oxigraph: {result['queries_over_50ms'] or 'none'}\n"
        f"load average (1 min) before/after: {load}\n"
    )
    write_result(args.name, result, text)
    return result


if __name__ == "__main__":
    main()
