"""Extraction throughput (words/s, articles/s) beside spaCy's ``spacy.blank("id")`` tokenizer.

    .venv/bin/python benchmarks/bench_extract.py [--articles 1000] [--profile]

In ONE run, on the same texts (a generated corpus read as ``kg build`` reads it):
spaCy's default Indonesian tokenizer alone (a blank pipeline: tokenisation only),
the extractor in this process, and the extractor with 2 worker processes
(``graph.extract.parallel``, pool start-up included). The tokenizer runs before
and after the extractor and the mean is used, so a change of machine load during
the run affects both sides. Words are whitespace-separated tokens of the article
text. ``--profile`` adds a cProfile of the extractor: where the time goes, by
pipeline module and by function.

Writes ``results/extract.json`` and ``results/extract.txt``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import generated_corpus, iter_articles, loadavg, reader_name, table, write_result


def _timed(fn: Any) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``fn()``."""
    c, t = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def tokenizer_run(texts: list[str]) -> tuple[float, float]:
    import spacy

    nlp = spacy.blank("id")
    for _ in nlp.pipe(texts[:20]):  # warm up (vocabulary, caches)
        pass

    def run() -> None:
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    return _timed(run)


def extractor_run(articles: list, workers: int) -> tuple[float, float]:
    from graph.extract import Extractor
    from graph.extract.parallel import extract_stream

    if workers == 1:
        ex = Extractor()
        list(ex.pipe(articles[:10]))  # warm up, as the tokenizer

        def run() -> None:
            for _ in extract_stream(articles, workers=1, extractor=ex):
                pass

    else:

        def run() -> None:
            for _ in extract_stream(articles, workers=workers):
                pass

    return _timed(run)


def profile(articles: list, top: int = 20) -> dict[str, Any]:
    """cProfile of the single-process extractor: own time by module and by function."""
    from graph.extract import Extractor

    ex = Extractor()
    list(ex.pipe(articles[:10]))
    prof = cProfile.Profile()
    prof.enable()
    for _ in ex.pipe(articles):
        pass
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values()) or 1.0
    by_module: dict[str, float] = defaultdict(float)
    funcs = []
    for (path, line, name), (_cc, _nc, tottime, cumtime, _callers) in stats.items():
        by_module[_module(path)] += tottime
        funcs.append((tottime, cumtime, f"{_module(path)}:{line}({name})"))
    funcs.sort(reverse=True)
    return {
        "articles": len(articles),
        "profiled_seconds": round(total, 2),
        "share_by_module": {
            m: round(t / total, 3) for m, t in sorted(by_module.items(), key=lambda x: -x[1])[:15]
        },
        "top_functions": [
            {"own_s": round(t, 3), "cum_s": round(c, 3), "function": f} for t, c, f in funcs[:top]
        ],
    }


def _module(path: str) -> str:
    if "/graph/" in path:
        return "graph/" + path.split("/graph/", 1)[1]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0]
    if path.startswith("~") or path.startswith("<"):
        return "builtins"
    return Path(path).name


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    ap.add_argument("--profile", action="store_true", help="add a cProfile of the extractor")
    ap.add_argument("--name", default="extract")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = generated_corpus(args.articles, args.workdir)
    articles = [a for a in iter_articles(corpus) if hasattr(a, "text")]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load_before = loadavg()

    tok1 = tokenizer_run(texts)
    ext1 = extractor_run(articles, 1)
    ext2 = extractor_run(articles, 2)
    tok2 = tokenizer_run(texts)
    tok_wall = (tok1[0] + tok2[0]) / 2
    rows = []
    for label, (wall, cpu), procs in (
        ('spacy.blank("id") tokenizer alone', (tok_wall, (tok1[1] + tok2[1]) / 2), 1),
        ("extractor, 1 process", ext1, 1),
        ("extractor, 2 worker processes", ext2, 2),
    ):
        rows.append(
            {
                "run": label,
                "processes": procs,
                "seconds": round(wall, 2),
                "words_per_s": round(words / wall),
                "words_per_s_per_core": round(words / wall / procs),
                "articles_per_s": round(len(articles) / wall, 1),
                "cpu_s_main_process": round(cpu, 2),
            }
        )
    ratio_1 = rows[1]["words_per_s"] / rows[0]["words_per_s"]
    ratio_2 = rows[2]["words_per_s_per_core"] / rows[0]["words_per_s"]
    result: dict[str, Any] = {
        "articles": len(articles),
        "words": words,
        "corpus": str(corpus),
        "reader": reader_name(),
        "runs": rows,
        "ratio_extractor_1proc_to_tokenizer": round(ratio_1, 3),
        "ratio_extractor_per_core_2proc_to_tokenizer": round(ratio_2, 3),
        "speedup_2_workers": round(rows[0 + 1]["seconds"] / rows[2]["seconds"], 2),
        "tokenizer_runs_s": [round(tok1[0], 2), round(tok2[0], 2)],
        "load_1min_before_after": [load_before, loadavg()],
        "target": ">= 100,000 words/s per core and >= 2x the blank tokenizer",
    }
    text = table(rows) + (
        f"\n{len(articles)} articles, {words:,} words ({reader_name()})\n"
        f"extractor (1 process) / tokenizer: {ratio_1:.2f}x; "
        f"per core with 2 workers / tokenizer: {ratio_2:.2f}x; "
        f"2-worker speed-up: {result['speedup_2_workers']}x\n"
        f"load average (1 min) before/after: {result['load_1min_before_after']}\n"
    )
    if args.profile:
        prof = profile(articles[: min(len(articles), 300)])
        result["profile"] = prof
        text += "\nwhere the extractor's time goes (own time, cProfile):\n"
        text += table([{"module": m, "share": s} for m, s in prof["share_by_module"].items()])
        text += "\n" + table(prof["top_functions"][:15])
    write_result(args.name, result, text)
    return result


if __name__ == "__main__":
    main()
