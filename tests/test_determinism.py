"""Byte-identical outputs whatever the order and the worker count (issue 9, point 3).

``test_reliability.py::test_order_and_workers_do_not_change_a_single_byte`` compares
the stores' sorted N-Quads; here the files a researcher publishes are compared too
(``graph.trig``, ``graph.ttl``, ``graph.html``), and a rebuild of an unchanged corpus
must not change a byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fixtures_kg import store_nquads

from graph.build import build
from graph.defaults import SAMPLE_CORPUS_DIR

OUTPUTS = ("graph.trig", "graph.ttl", "graph.html")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_exports_and_view_are_byte_identical_across_order_and_workers(tmp_path: Path) -> None:
    texts = sorted(SAMPLE_CORPUS_DIR.glob("m0*.txt"))[:8]
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    build(texts, forward, workers=1)
    # the same files in another order, from another directory, with two workers
    other = tmp_path / "other"
    other.mkdir()
    for f in reversed(texts):
        shutil.copy(f, other / f.name)
    build(sorted(other.iterdir(), reverse=True), backward, workers=2)
    assert store_nquads(forward) == store_nquads(backward)
    first = _outputs(forward)
    assert first == _outputs(backward)
    assert len(first["graph.trig"]) > 10_000

    # an unchanged corpus built again: nothing extracted, not a byte changed
    again = build(texts, forward, workers=2)
    assert again.extracted == 0 and again.graphs_written == 0
    assert _outputs(forward) == first
