"""How big the HTML view gets and how fast headless Chromium draws it.

Synthetic graphs of 100, 1,000 and 5,000 entities (about 4 relations each,
every type and predicate, one or two evidence sentences per relation) go
through ``graph.view.render_graph``; the page is opened from file:// with the
network cut and timed until vis-network has finished its first complete draw
(physics is off, positions come from Python, so that draw is the stable state).
Target: 5,000 nodes stable in under 3 s.

    .venv/bin/python benchmarks/view_bench.py [--sizes 100 1000 5000] [--repeat 3]

Writes ``benchmarks/results/view.json`` and ``view.md``. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))

import networkx as nx  # noqa: E402

from graph.model import EntityType, Predicate  # noqa: E402

TIMEOUT_MS = 120_000
WORDS = [
    "pekerja",
    "migran",
    "perlindungan",
    "kementerian",
    "badan",
    "nasional",
    "penempatan",
    "luar",
    "negeri",
    "kerja",
    "sama",
    "perjanjian",
    "bilateral",
    "program",
    "pelatihan",
    "forum",
    "regional",
    "dialog",
    "konsultasi",
]


def synthetic_graph(n: int, per_node: int = 4, seed: int = 7) -> nx.MultiDiGraph:
    """A projection-shaped graph: preferential attachment, so a few hubs like real news."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, max(1, per_node // 2), seed=seed)
    G = nx.MultiDiGraph()
    types, preds = list(EntityType), list(Predicate)
    for v in base:
        name = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 4)))
        G.add_node(
            f"n{v}",
            label=f"{name} {v}",
            type=rng.choice(types).value,
            aliases=[f"A{v}"] if rng.random() < 0.3 else [],
            articles=rng.randint(1, 20),
            quotes=0,
            positions=[],
        )
    edges = list(base.edges())
    while len(edges) < per_node * n:  # top up to ~per_node relations per entity
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v:
            edges.append((u, v))
    for i, (u, v) in enumerate(edges):
        pred = preds[i % len(preds)].value
        evidence = [
            {
                "sentence": " ".join(rng.choice(WORDS) for _ in range(18)) + ".",
                "article": f"a{rng.randrange(n)}",
                "title": "Judul berita " + str(i),
                "date": "2024-05-01",
                "url": f"https://berita.example.id/{i}",
            }
            for _ in range(rng.randint(1, 2))
        ]
        G.add_edge(
            f"n{u}",
            f"n{v}",
            key=f"{pred}{i}",
            predicate=pred,
            label="",
            articles=len(evidence),
            evidence=evidence,
        )
    return G


def time_page(browser, path: Path) -> dict:
    """ms from navigation start to the first complete draw, and to apply a type filter."""
    from graph.view.browser import OfflinePage

    t0 = time.perf_counter()
    page = OfflinePage(browser, path, timeout_ms=TIMEOUT_MS)
    wall = (time.perf_counter() - t0) * 1000
    ready = page.js("kgView.readyAt")
    filter_ms = page.js(
        """() => new Promise(done => {
             const t = performance.now();
             kgView.network.once('afterDrawing', () => done(performance.now() - t));
             document.querySelector('#kg-types input').click();
           })"""
    )
    search_ms = page.js(
        """() => { const t = performance.now(); const id = kgView.find(kgView.nodes.get()[0].label);
                   kgView.focusNode(id); return performance.now() - t; }"""
    )
    page.close()
    return {
        "ready_ms": ready,
        "wall_ms": wall,
        "filter_ms": filter_ms,
        "search_ms": search_ms,
        "errors": page.errors + page.dialogs,
        "requests": page.requests,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from graph.view.browser import CHROMIUM, launch

    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    from _common import loadavg, machine_info
    from playwright.sync_api import sync_playwright

    from graph.view import render_graph

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p, timeout_ms=TIMEOUT_MS)
        for n in args.sizes:
            G = synthetic_graph(n)
            path = Path(tmp) / f"view-{n}.html"
            t = time.perf_counter()
            report = render_graph(G, path, max_nodes=None)
            render_s = time.perf_counter() - t
            runs = [time_page(browser, path) for _ in range(args.repeat)]
            row = {
                "nodes": report.nodes,
                "edges": report.edges,
                "html_mb": round(report.bytes / 1e6, 2),
                "render_s": round(render_s, 2),
                "ready_ms_median": round(statistics.median(r["ready_ms"] for r in runs)),
                "ready_ms_runs": [round(r["ready_ms"]) for r in runs],
                "wall_ms_median": round(statistics.median(r["wall_ms"] for r in runs)),
                "filter_ms_median": round(statistics.median(r["filter_ms"] for r in runs)),
                "search_ms_median": round(statistics.median(r["search_ms"] for r in runs), 1),
                "load_1m": loadavg(),  # other jobs on a shared machine slow everything down
                "errors": sorted({e for r in runs for e in r["errors"]}),
                "requests": sorted({u for r in runs for u in r["requests"]}),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
        version = browser.version
        browser.close()
    result = {
        "benchmark": "view",
        "chromium": version,
        "machine": machine_info(),
        "target": "5000 nodes stable < 3000 ms",
        "rows": rows,
    }
    out = BENCH_DIR / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "view.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    m = result["machine"]
    lines = [
        "# HTML view: size and time until stable (headless Chromium)",
        "",
        f"{m['cpu']}, {m['cores_usable']} usable cores, {m['ram_gb']} GB RAM, "
        f"Python {m['python']}, Chromium {version}, load {m['loadavg_1_5_15']}, {m['time']}.",
        "Synthetic graphs (~4 relations per entity), layout precomputed in Python, physics off. "
        "`ready` = ms from navigation start to vis-network's first complete draw "
        f"(median of {args.repeat}); `render` = Python layout + HTML.",
        "",
        "| nodes | edges | HTML MB | render s | ready ms | wall ms | filter ms | search ms "
        "| load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['nodes']} | {r['edges']} | {r['html_mb']} | {r['render_s']} "
            f"| {r['ready_ms_median']} | {r['wall_ms_median']} | {r['filter_ms_median']} "
            f"| {r['search_ms_median']} | {r['load_1m']} |"
        )
    (out / "view.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
