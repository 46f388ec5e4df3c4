"""``kg build`` wall time and peak memory for 1k / 10k / 100k generated articles.

    .venv/bin/python benchmarks/bench_build.py --tiers 1000 --workers 1 2
    .venv/bin/python benchmarks/bench_build.py --tiers 10000 100000 --workers 2

Each build is a clean ``kg build CORPUS.jsonl --out OUT --workers N`` (the command
users run: extraction, resolution, Oxigraph store, search index, exports,
validation, HTML view when installed) in a fresh process; its resident memory and
that of all its children (worker processes) is sampled every 50 ms. The peak of
each stage is read off the sampled curve with the stage timings of ``build.json``.

Writes ``results/build.json`` / ``results/build.txt`` (``--name`` to change).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from _common import PROJECT_DIR, PeakRSS, generated_corpus, loadavg, table, write_result

STAGES = ("extract", "resolve", "store", "search", "count", "export", "validate", "view")


class Curve(PeakRSS):
    """PeakRSS that also keeps the (time, bytes) samples."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(pid, interval)
        self.t0 = time.perf_counter()
        self.points: list[tuple[float, int]] = []

    def sample(self) -> int:
        v = super().sample()
        self.points.append((time.perf_counter() - self.t0, v))
        return v


def stage_peaks(points: list[tuple[float, int]], timings: dict[str, float]) -> dict[str, float]:
    """Peak MB within each stage (stages run in ``STAGES`` order after start-up)."""
    ends, total = [], 0.0
    for s in STAGES:
        if s in timings:
            total += timings[s]
            ends.append((s, total))
    if not ends or not points:
        return {}
    offset = points[-1][0] - total  # start-up (imports) before the first stage
    peaks: dict[str, float] = {}
    start = offset
    for s, end in ends:
        vals = [v for t, v in points if start <= t <= end + offset]
        if vals:
            peaks[s] = round(max(vals) / 2**20, 1)
        start = end + offset
    return peaks


def run_build(corpus: Path, out: Path, workers: int, extra: list[str]) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out),
           "--workers", str(workers), *extra]  # fmt: skip
    load = loadavg()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with Curve(proc.pid) as curve:
        _, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-3000:]}")
    rep = json.loads((out / "build.json").read_text(encoding="utf-8"))
    return {
        "wall_s": round(wall, 1),
        "peak_rss_mb": curve.mb,
        "peak_rss_mb_by_stage": stage_peaks(curve.points, rep.get("timings", {})),
        "timings_s": rep.get("timings"),
        "articles": rep.get("articles"),
        "syndicated_copies": sum(len(v) for v in (rep.get("syndicated") or {}).values()),
        "triples": rep.get("triples"),
        "entities": rep.get("entities"),
        "validation": rep.get("validation"),
        "load_1min_before_after": [load, loadavg()],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tiers", type=int, nargs="+", default=[1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dask", action="store_true", help="also build with --dask local")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    ap.add_argument("--keep", action="store_true", help="keep the build directories")
    ap.add_argument("--name", default="build")
    ap.add_argument("extra", nargs="*", help="more `kg build` options (after --)")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in args.tiers:
        corpus = generated_corpus(n, args.workdir)
        variants = [(w, []) for w in args.workers]
        if args.dask:
            variants.append((max(args.workers), ["--dask", "local"]))
        for workers, extra in variants:
            out = args.workdir / f"build-{n}-w{workers}{'-dask' if extra else ''}"
            label = f"{n} articles, {'dask local ' if extra else ''}{workers} worker(s)"
            print(f"building {label} ...", file=sys.stderr, flush=True)
            r = run_build(corpus, out, workers, [*extra, *args.extra])
            r.update({"tier": n, "workers": workers, "dask": bool(extra), "out": str(out)})
            runs.append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(out, ignore_errors=True)
    rows = [
        {
            "articles": r["tier"],
            "workers": f"{r['workers']}{' (dask)' if r['dask'] else ''}",
            "wall_s": r["wall_s"],
            "peak_rss_mb": r["peak_rss_mb"],
            "triples": r["triples"],
            **{f"{s}_s": (r["timings_s"] or {}).get(s, "") for s in STAGES},
            "load": r["load_1min_before_after"],
        }
        for r in runs
    ]
    text = table(rows)
    stage_rows = [
        {"articles": r["tier"], "workers": r["workers"], **r["peak_rss_mb_by_stage"]} for r in runs
    ]
    text += "\npeak RSS by stage (MB):\n" + table(stage_rows)
    result = {
        "runs": runs,
        "ram_total_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "targets": "10k articles < 3 min with 2 workers, 2 workers beat 1; peak RSS < 1.5 GB "
        "and within 20% between 10k and 100k",
    }
    write_result(args.name, result, text)
    return result


if __name__ == "__main__":
    main()
