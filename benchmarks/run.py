"""Run the benchmark suite: ``make bench`` (quick tier) or ``make bench-full``.

    .venv/bin/python benchmarks/run.py            # quick tier: 1k articles, a few minutes
    .venv/bin/python benchmarks/run.py --full     # + 10k and 100k builds, ~1M-triple SPARQL

Quick tier: extraction throughput beside spaCy's blank ``id`` tokenizer (1k
articles, 1 and 2 processes), a clean ``kg build`` of 1k articles with 2
workers (wall time, peak RSS), curated SPARQL latency on that build beside
rdflib in memory, and the HTML view benchmark when ``benchmarks/view_bench.py``
and Chromium are there. Full tier: the extraction profile, builds of 10k
(1 and 2 workers, Dask local) and 100k articles (2 workers), SPARQL at ~1M
triples. Every script writes ``results/NAME.json`` + ``results/NAME.txt``;
this runner adds ``results/summary.txt``. Never part of ``make test``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BENCH_DIR, RESULTS_DIR, loadavg, machine_info

#: ~1M triples: the generated articles give about 370 triples each.
MILLION_TRIPLE_ARTICLES = 2700


def step(name: str, args: list[str], log: list[str]) -> bool:
    """Run one benchmark script; a failure is reported and the suite goes on."""
    t = time.perf_counter()
    print(f"\n=== {name}: {' '.join(args)}  (load {loadavg()})", flush=True)
    proc = subprocess.run([sys.executable, *args], cwd=BENCH_DIR.parent)
    took = time.perf_counter() - t
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    log.append(f"{name:<28} {took:8.1f} s  {status}")
    return proc.returncode == 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", action="store_true", help="also the 10k/100k tiers (hours)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    args = ap.parse_args(argv)
    wd = ["--workdir", str(args.workdir)]
    b = str(BENCH_DIR)
    log: list[str] = []
    t0 = time.perf_counter()
    step("extraction 1k", [f"{b}/bench_extract.py", "--articles", "1000", *wd], log)
    step(
        "build 1k (2 workers)",
        [f"{b}/bench_build.py", "--tiers", "1000", "--workers", "2", "--keep", *wd],
        log,
    )
    build_1k = args.workdir / "build-1000-w2"
    sparql = [f"{b}/bench_sparql.py", "--articles", "1000", "--repeat", "5", *wd]
    if (build_1k / "graph.trig").exists():
        sparql += ["--build", str(build_1k)]
    step("sparql 1k vs rdflib", sparql, log)
    view = BENCH_DIR / "view_bench.py"
    if view.exists() and Path("/usr/bin/chromium").exists():
        step("html view", [str(view), "--sizes", "100", "1000", "5000", "--repeat", "1"], log)
    elif view.exists():
        log.append(f"{'html view':<28} skipped: /usr/bin/chromium not found")
    if args.full:
        step(
            "extraction profile",
            [
                f"{b}/bench_extract.py",
                "--articles",
                "1000",
                "--profile",
                "--name",
                "extract-profile",
                *wd,
            ],
            log,
        )
        step(
            "build 10k (1, 2 workers, dask)",
            [
                f"{b}/bench_build.py",
                "--tiers",
                "10000",
                "--workers",
                "1",
                "2",
                "--dask",
                "--name",
                "build-10k",
                *wd,
            ],
            log,
        )
        step(
            "build 100k (2 workers)",
            [
                f"{b}/bench_build.py",
                "--tiers",
                "100000",
                "--workers",
                "2",
                "--name",
                "build-100k",
                *wd,
            ],
            log,
        )
        step(
            "sparql ~1M triples",
            [
                f"{b}/bench_sparql.py",
                "--articles",
                str(MILLION_TRIPLE_ARTICLES),
                "--repeat",
                "7",
                "--name",
                "sparql-1m",
                *wd,
            ],
            log,
        )
    info = machine_info()
    summary = (
        f"benchmark suite ({'full' if args.full else 'quick'} tier), {info['time']}\n"
        f"{info['cpu']}; {info['cores_usable']} cores; {info['ram_gb']} GB; "
        f"Python {info['python']}\n\n"
        + "\n".join(log)
        + f"\n\ntotal {time.perf_counter() - t0:.0f} s; results in {RESULTS_DIR}\n"
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / ("summary-full.txt" if args.full else "summary.txt")).write_text(summary)
    print("\n" + summary)
    return 0 if all(line.endswith("ok") for line in log if "skipped" not in line) else 1


if __name__ == "__main__":
    sys.exit(main())
