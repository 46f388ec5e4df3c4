"""Interactive, offline HTML views of the knowledge graph (PyVis + our own template).

>>> from graph.view import render_store                                     # doctest: +SKIP
>>> render_store(open_store("output"), "graph.html")                        # doctest: +SKIP
ViewReport(path='graph.html', nodes=412, edges=903, ...)
"""

from graph.view.render import (
    MAX_NODES,
    ViewReport,
    build_html,
    layout_positions,
    load_styles,
    render_graph,
    render_store,
    view_data,
)

__all__ = [
    "MAX_NODES",
    "ViewReport",
    "build_html",
    "layout_positions",
    "load_styles",
    "render_graph",
    "render_store",
    "view_data",
]
