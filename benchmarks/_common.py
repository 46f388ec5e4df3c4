"""What every benchmark script shares: machine info, corpus loading, peak RSS, results.

Results go to ``benchmarks/results/{name}.json`` (numbers + machine info) and
``benchmarks/results/{name}.txt`` (the same as a table for people).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
sys.path.insert(0, str(PROJECT_DIR))

PACKAGES = (
    "spacy",
    "rdflib",
    "pyoxigraph",
    "pyshacl",
    "datasketch",
    "dask",
    "distributed",
    "numpy",
    "psutil",
)


def machine_info() -> dict[str, Any]:
    """CPU, cores, RAM, Python, package versions and the load while we measure."""
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = importlib.metadata.version(p)
        except importlib.metadata.PackageNotFoundError:
            versions[p] = None
    return {
        "cpu": cpu,
        "cores_logical": psutil.cpu_count(logical=True),
        "cores_physical": psutil.cpu_count(logical=False),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": versions,
        "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "time": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def loadavg() -> float:
    """1-minute load average: other people's jobs on a shared machine distort timings."""
    return round(os.getloadavg()[0], 2)


# --------------------------------------------------------------------------- corpus


def generated_corpus(n: int, workdir: Path, seed: int = 1) -> Path:
    """``workdir/corpus-{n}-s{seed}.jsonl``, generated once (deterministic)."""
    from generate import write  # benchmarks/ is on sys.path when a script runs

    path = workdir / f"corpus-{n}-s{seed}.jsonl"
    if not path.exists():
        tmp = workdir / f".corpus-{n}-s{seed}.part.jsonl"
        write(n, tmp, seed=seed)
        tmp.rename(path)
    return path


def iter_articles(path: Path, limit: int | None = None) -> Iterator[Any]:
    """Articles of a generated JSONL corpus, as ``kg build`` would read them.

    Uses the corpus reader (``graph.corpus.iter_corpus``: boilerplate removed) when
    it is installed, else builds ``Article`` records from the JSON fields.
    """
    reader = _corpus_reader()
    if reader is not None:
        for n, item in enumerate(reader([str(path)]), 1):
            yield item
            if limit is not None and n >= limit:
                return
        return
    from graph.model import Article

    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            d = json.loads(line)
            text = d["text"]
            yield Article(
                id=hashlib.sha256(d["url"].encode()).hexdigest()[:16],
                name=d["id"],
                text=text,
                title=d.get("title"),
                url=d.get("url"),
                published=d.get("published"),
                published_how="metadata",
                source=d.get("source"),
                path=f"{path}:{i + 1}",
                story_span=(0, len(text)),
                content_hash=hashlib.sha256(line.encode()).hexdigest(),
            )


def _corpus_reader() -> Any | None:
    try:
        from graph.corpus import iter_corpus
    except ImportError:
        return None
    return iter_corpus


def reader_name() -> str:
    return "graph.corpus.iter_corpus" if _corpus_reader() is not None else "JSON fields as-is"


# --------------------------------------------------------------------------- memory


class PeakRSS:
    """Samples the resident memory of a process and all its children (every 50 ms).

    >>> with PeakRSS() as peak: ...       # doctest: +SKIP
    >>> peak.mb
    """

    def __init__(self, pid: int | None = None, interval: float = 0.05) -> None:
        self.proc = psutil.Process(pid or os.getpid())
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        total = 0
        with contextlib.suppress(psutil.Error):
            procs = [self.proc, *self.proc.children(recursive=True)]
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return round(self.peak / 2**20, 1)


def run_measured(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` in a fresh process; wall time, CPU time and peak RSS of its whole tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, text=True
    )
    with PeakRSS(proc.pid) as peak:
        out, _ = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return {"wall_s": round(wall, 2), "peak_rss_mb": peak.mb, "stdout": out}


# --------------------------------------------------------------------------- results


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A plain-text table of dict rows (columns in order of first appearance)."""
    if not rows:
        return "(no rows)\n"
    cols = list(columns or dict.fromkeys(k for r in rows for k in r))
    cells = [[_fmt(r.get(c, "")) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(out) + "\n"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def write_result(name: str, data: dict[str, Any], text: str) -> Path:
    """``results/{name}.json`` (with machine info) and ``results/{name}.txt``; prints the text."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    info = machine_info()
    payload = {"benchmark": name, "machine": info, **data}
    (RESULTS_DIR / f"{name}.json").write_text(
        json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    pkgs = ", ".join(f"{k} {v}" for k, v in info["packages"].items() if v)
    header = (
        f"# {name}  ({info['time']})\n"
        f"# {info['cpu']}; {info['cores_usable']} usable cores; {info['ram_gb']} GB RAM; "
        f"Python {info['python']}\n# {pkgs}\n# load average at the end: "
        f"{info['loadavg_1_5_15']}\n\n"
    )
    (RESULTS_DIR / f"{name}.txt").write_text(header + text, encoding="utf-8")
    print(header + text)
    return RESULTS_DIR / f"{name}.json"
