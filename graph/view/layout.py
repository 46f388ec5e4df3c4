"""Node positions for the HTML view, computed once in Python (fixed seed).

Each connected component is laid out on its own and the components are packed
in rows, largest first, so small groups and isolated entities do not fly to the
corners of one huge canvas. Components under ``SMALL`` nodes use NetworkX's
spring layout; larger ones a Fruchterman-Reingold whose repulsion only looks at
neighbours within a cutoff (a k-d tree): 5,000 nodes / 20,000 edges in about
1.5 s where ``nx.spring_layout`` took 70 s.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: Components at least this large use the k-d tree layout.
SMALL = 400
#: Average distance between neighbouring nodes, in screen pixels.
SPACING = 140.0

__all__ = ["SPACING", "layout_positions"]


def layout_positions(
    G: nx.Graph, *, seed: int = 42, spacing: float = SPACING
) -> dict[str, tuple[float, float]]:
    """Node -> (x, y) in pixels; deterministic for a given graph and seed.

    >>> pos = layout_positions(nx.path_graph(3)); sorted(pos)
    [0, 1, 2]
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(map(str, c))))
    boxes = []
    for comp in comps:
        # a copy with sorted nodes and edges: a subgraph view iterates its node set in
        # hash order, which changes from one Python process to the next
        nodes = sorted(comp, key=str)
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(sorted((sorted((u, v), key=str) for u, v in H.edges(nodes)), key=str))
        pts = _component(sub, seed) * spacing
        boxes.append((list(sub.nodes), pts))
    return _pack(boxes, spacing)


def _component(H: nx.Graph, seed: int) -> np.ndarray:
    """Positions of one connected component, in units of the node spacing."""
    n = len(H)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.8, -0.3], [0.8, 0.3]])  # tilted: long labels do not collide
    if n < SMALL:
        pos = nx.spring_layout(H, seed=seed, iterations=100, method="force")
        pts = np.array([pos[v] for v in H.nodes], dtype=float)
        return _unit_spacing(pts)
    return _kdtree_fr(H, seed)


def _unit_spacing(pts: np.ndarray) -> np.ndarray:
    """Centre and scale so that the median distance to the nearest node is one unit."""
    from scipy.spatial import cKDTree

    nearest = cKDTree(pts).query(pts, k=2)[0][:, 1]
    median = float(np.median(nearest))
    return (pts - pts.mean(axis=0)) / (median if median > 1e-9 else 1.0)


def _kdtree_fr(H: nx.Graph, seed: int, iterations: int = 80) -> np.ndarray:
    """Fruchterman-Reingold variant: unit-strength attraction along edges, repulsion
    ``c / d`` only between nodes closer than 3 units (found with a k-d tree), ``c``
    growing with the mean degree so dense graphs do not collapse into a ball."""
    from scipy.spatial import cKDTree

    n = len(H)
    index = {v: i for i, v in enumerate(H.nodes)}
    edges = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64)
    degree = max(2.0 * len(edges) / n, 1.0)
    strength = 4.0 * degree
    side = math.sqrt(n * degree)
    pos = (np.random.default_rng(seed).random((n, 2)) - 0.5) * side
    temperature, cutoff = side / 4, 3.0

    def spread(i: np.ndarray, j: np.ndarray, f: np.ndarray) -> np.ndarray:
        """Sum ``f`` onto ``i`` and ``-f`` onto ``j`` (bincount: np.add.at is slow)."""
        return np.stack(
            [np.bincount(i, f[:, k], n) - np.bincount(j, f[:, k], n) for k in (0, 1)], axis=1
        )

    for it in range(iterations):
        disp = -pos * (0.5 / side)  # weak gravity keeps the component round
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            disp += spread(
                pairs[:, 0], pairs[:, 1], d * (strength / np.maximum((d * d).sum(1), 1e-4))[:, None]
            )
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            disp -= spread(edges[:, 0], edges[:, 1], d)
        length = np.maximum(np.sqrt((disp * disp).sum(1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(side / 4 * (1 - (it + 1) / iterations), 0.05)
    return _unit_spacing(pos)


def _pack(boxes: list[tuple[list, np.ndarray]], spacing: float) -> dict:
    """Place component layouts in rows (shelf packing), about as wide as tall."""
    sizes = []
    for _nodes, pts in boxes:
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        sizes.append((hi - lo + spacing, lo))
    total_area = sum(float(w * h) for (w, h), _lo in sizes)
    row_width = max(math.sqrt(total_area) * 1.2, max((float(s[0][0]) for s in sizes), default=0.0))
    out: dict = {}
    x = y = row_h = 0.0
    for (nodes, pts), ((w, h), lo) in zip(boxes, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        shift = np.array([x, y]) - lo + spacing / 2
        for node, (px, py) in zip(nodes, pts + shift, strict=True):
            out[node] = (round(float(px), 1), round(float(py), 1))
        x += float(w)
        row_h = max(row_h, float(h))
    return out
