"""A projection (``graph.network``) -> one self-contained, offline HTML file.

PyVis builds the vis-network node and edge records; our own template
(``template.html``) renders them with vis-network inlined from the installed
PyVis package, so the file opens from ``file://`` with no network and nothing is
written next to it (PyVis's own ``write_html`` would copy a ``lib/`` folder into
the working directory and its template pulls Bootstrap/TomSelect from CDNs).

Layout is computed here (NetworkX spring layout, fixed seed) and the browser
draws with physics off: vis-network needs about a minute to settle 500 nodes in
a headless browser; drawing precomputed positions takes seconds.

Article text is untrusted. Every string reaches the page as JSON inside a
``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped) and the
template puts it into the DOM with ``textContent`` only; links are made only for
``http(s)`` URLs.
"""

from __future__ import annotations

import functools
import json
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from graph.network import induced
from graph.store.base import Store
from graph.view.layout import layout_positions

VIEW_DIR = Path(__file__).resolve().parent
TEMPLATE_FILE = VIEW_DIR / "template.html"
STYLES_FILE = VIEW_DIR / "styles.yaml"

#: Above this many edges, edge labels are left out (drawing them costs more than they say).
EDGE_LABEL_LIMIT = 300
#: The whole-corpus view keeps at most this many nodes (the most important ones).
MAX_NODES = 5000
#: Evidence sentences kept per edge in the page (the count is always exact).
MAX_EVIDENCE = 5


@dataclass(slots=True)
class ViewReport:
    """What was written: the file, how much of the graph it shows, how long it took."""

    path: str
    nodes: int
    edges: int
    omitted_nodes: int
    bytes: int
    seconds: float
    center: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "nodes": self.nodes,
            "edges": self.edges,
            "omitted_nodes": self.omitted_nodes,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "center": self.center,
        }


@functools.lru_cache(maxsize=4)
def load_styles(path: str | Path = STYLES_FILE) -> dict[str, Any]:
    """The styling table (colour, shape, legend label per type and predicate)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for key in ("types", "predicates", "default_type", "default_predicate", "node_size"):
        if key not in data:
            raise ValueError(f"{path}: missing section {key!r}")
    return data


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the installed PyVis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _importance(G: nx.Graph) -> dict[str, float]:
    """Degree in the view plus articles naming the entity: what node size shows."""
    return {n: float(G.degree(n)) + float(d.get("articles") or 0) for n, d in G.nodes(data=True)}


def _keep_top(G: nx.Graph, max_nodes: int | None, must: Iterable[str] = ()) -> tuple[nx.Graph, int]:
    if not max_nodes or len(G) <= max_nodes:
        return G, 0
    imp = _importance(G)
    keep = set(must)
    for node in sorted(G.nodes, key=lambda x: (-imp[x], str(x))):
        if len(keep) >= max_nodes:
            break
        keep.add(node)
    return induced(G, keep), len(G) - len(keep)


def _http(url: Any) -> str | None:
    """The URL when it is an http(s) link, else None (no javascript:, data:, file:)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


def view_data(
    G: nx.MultiDiGraph,
    *,
    styles: Mapping[str, Any] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    edge_labels: bool | None = None,
    center: str | None = None,
    seed: int = 42,
) -> dict[str, Any]:
    """Everything the page needs as plain JSON: vis-network nodes/edges (built with
    PyVis), per-node and per-edge details, the article table and the legend."""
    styles = styles or load_styles()
    pos = positions if positions is not None else layout_positions(G, seed=seed)
    imp = _importance(G)
    top = max(imp.values(), default=1.0) or 1.0
    size = styles["node_size"]
    net = _network()
    articles: dict[str, int] = {}
    article_rows: list[list[Any]] = []

    def article_ref(ev: Mapping[str, Any]) -> int:
        key = ev.get("article") or ""
        if key not in articles:
            articles[key] = len(article_rows)
            article_rows.append(
                [ev.get("title") or "", ev.get("date") or "", _http(ev.get("url")) or ""]
            )
        return articles[key]

    info: dict[str, Any] = {}
    type_counts: dict[str, int] = {}
    for node, d in sorted(G.nodes(data=True), key=lambda x: str(x[0])):
        etype = d.get("type") or ""
        st = styles["types"].get(etype, styles["default_type"])
        type_counts[etype] = type_counts.get(etype, 0) + 1
        x, y = pos.get(node, (0.0, 0.0))
        value = size["min"] + (size["max"] - size["min"]) * math.sqrt(imp[node] / top)
        net.add_node(
            str(node),
            label=str(d.get("label") or node),
            shape=st["shape"],
            color=st["color"],
            value=round(value, 2),
            x=x,
            y=y,
            kgType=etype,
            **({"borderWidth": 4} if node == center else {}),
        )
        info[str(node)] = {
            "t": etype,
            "a": list(d.get("aliases") or ()),
            "n": int(d.get("articles") or 0),
            "q": int(d.get("quotes") or 0),
            "p": [
                [p.get("role") or "", p.get("organization_label") or "", p.get("date") or ""]
                for p in d.get("positions") or ()
            ],
        }
    show_labels = (
        edge_labels if edge_labels is not None else G.number_of_edges() <= EDGE_LABEL_LIMIT
    )
    einfo: dict[str, Any] = {}
    pred_counts: dict[str, int] = {}
    edges = (
        G.edges(data=True, keys=True)
        if G.is_multigraph()
        else ((u, v, None, d) for u, v, d in G.edges(data=True))
    )
    for i, (u, v, _k, d) in enumerate(
        sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    ):
        pred = d.get("predicate") or ""
        st = styles["predicates"].get(pred, styles["default_predicate"])
        pred_counts[pred] = pred_counts.get(pred, 0) + 1
        n_art = int(d.get("articles") or 0)
        eid = f"e{i}"
        text = st["label"] + (f" ({d['label']})" if d.get("label") else "")
        net.add_edge(
            str(u),
            str(v),
            id=eid,
            color=st["color"],
            width=round(1 + math.log2(1 + n_art), 2),
            **({"dashes": True} if st.get("dashes") else {}),
            kgPred=pred,
            **({"label": text} if show_labels else {}),
        )
        evidence = list(d.get("evidence") or ())
        einfo[eid] = {
            "p": pred,
            "l": d.get("label") or "",
            "n": n_art,
            "c": bool(d.get("curated")),
            "m": d.get("evidence_total", len(evidence)),
            "ev": [[e.get("sentence") or "", article_ref(e)] for e in evidence[:MAX_EVIDENCE]],
        }
    nodes, vis_edges, *_ = net.get_network_data()
    for e in vis_edges:
        e.pop("arrows", None)  # PyVis adds one per edge; the global edge option says it once
    return {
        "nodes": nodes,
        "edges": vis_edges,
        "info": info,
        "einfo": einfo,
        "articles": article_rows,
        "center": center,
        "legend": {
            "types": [
                {
                    "key": t,
                    **styles["types"].get(t, styles["default_type"]),
                    "count": type_counts[t],
                }
                for t in _ordered(type_counts, styles["types"])
            ],
            "predicates": [
                {
                    "key": p,
                    **styles["predicates"].get(p, styles["default_predicate"]),
                    "count": pred_counts[p],
                }
                for p in _ordered(pred_counts, styles["predicates"])
            ],
        },
        "options": _vis_options(len(nodes), len(vis_edges), size),
    }


def _network() -> Any:
    """A PyVis network whose node-id membership test is a set lookup (PyVis checks a
    list, which is quadratic for thousands of nodes and edges)."""
    from pyvis.network import Network

    class _Ids(list):  # type: ignore[type-arg]
        def __init__(self) -> None:
            super().__init__()
            self._set: set[Any] = set()

        def append(self, item: Any) -> None:
            self._set.add(item)
            super().append(item)

        def __contains__(self, item: object) -> bool:
            return item in self._set

    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _Ids()
    return net


def _ordered(counts: Mapping[str, int], table: Mapping[str, Any]) -> list[str]:
    """Keys present, in the styling table's order, unknown ones last."""
    known = [k for k in table if k in counts]
    return known + sorted(k for k in counts if k not in table)


def _vis_options(n_nodes: int, n_edges: int, size: Mapping[str, Any]) -> dict[str, Any]:
    big = n_nodes > 1000 or n_edges > 3000
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "physics": {
            "enabled": False,
            "stabilization": False,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120, "damping": 0.3},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
        },
        "nodes": {
            "scaling": {
                "min": size["min"],
                "max": size["max"],
                "label": {
                    "enabled": True,
                    "min": 11,
                    "max": 26,
                    "drawThreshold": 5,
                    "maxVisible": 30,
                },
            },
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            # arrow heads double the drawing time of 20,000 edges and are unreadable there
            "arrows": {"to": {"enabled": not big, "scaleFactor": 0.5}},
            # "horizontal": vis 9.1.2 misplaces rotated labels of exactly leftward edges
            "font": {
                "size": 10,
                "align": "horizontal",
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
            },
            "selectionWidth": 2,
        },
    }


def _script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def build_html(data: Mapping[str, Any], *, title: str = "migrasi-kg", subtitle: str = "") -> str:
    """The page: our template with vis-network and the view data inlined."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=FileSystemLoader(str(VIEW_DIR)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    js, css = _vis_assets()
    return env.get_template(TEMPLATE_FILE.name).render(
        title=title,
        subtitle=subtitle,
        vis_js=Markup(js),
        vis_css=Markup(css),
        data_json=Markup(_script_json(data)),
    )


def render_graph(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str = "migrasi-kg",
    center: str | None = None,
    max_nodes: int | None = MAX_NODES,
    edge_labels: bool | None = None,
    seed: int = 42,
    styles: Mapping[str, Any] | None = None,
    omitted: int = 0,
) -> ViewReport:
    """Write ``G`` (a ``graph.network.project`` result or part of it) as an HTML view.
    ``omitted``: entities already left out of ``G`` (said in the subtitle).

    >>> render_graph(ego(G, "IOM", 2), "iom.html", title="IOM")         # doctest: +SKIP
    """
    t0 = time.perf_counter()
    shown, dropped = _keep_top(G, max_nodes, [center] if center else [])
    omitted += dropped
    data = view_data(shown, styles=styles, edge_labels=edge_labels, center=center, seed=seed)
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    subtitle = f"{n_nodes} entities, {n_edges} relations"
    if omitted:
        subtitle += f" ({omitted} less connected entities left out)"
    html = build_html(data, title=title, subtitle=subtitle)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written page behind
    return ViewReport(
        path=str(path),
        nodes=n_nodes,
        edges=n_edges,
        omitted_nodes=omitted,
        bytes=path.stat().st_size,
        seconds=time.perf_counter() - t0,
        center=center,
    )


def render_store(
    store: Store,
    path: str | Path,
    *,
    entity: str | None = None,
    depth: int = 1,
    types: Iterable[str] | str | None = None,
    predicates: Iterable[str] | str | None = None,
    title: str | None = None,
    **options: Any,
) -> ViewReport:
    """Project ``store`` and write the whole-corpus view, or with ``entity`` (a name or
    IRI, see ``graph.network.find_node``) its ego network of radius ``depth``.

    This is what ``kg build`` calls to write ``OUT/graph.html``.

    >>> render_store(store, "kemnaker.html", entity="Kemnaker", depth=2)  # doctest: +SKIP
    """
    from graph.network import ego, find_node, project, top_entities

    max_nodes = options.get("max_nodes", MAX_NODES)
    if entity is None and types is None and predicates is None and max_nodes:
        # the whole corpus: choose the entities first, project only them (bounded memory)
        top, total = top_entities(store, max_nodes)
        G = project(store, nodes=top, evidence_limit=MAX_EVIDENCE)
        options["omitted"] = total - len(G)
    else:
        G = project(store, types=types, predicates=predicates)
    center = None
    if entity is not None:
        center = find_node(G, entity)
        G = ego(G, center, depth)
        title = title or f"{G.nodes[center]['label']} (radius {depth})"
    return render_graph(
        G, path, title=title or "migrasi-kg: all entities", center=center, **options
    )
