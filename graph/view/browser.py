"""Open a view in headless Chromium with the network cut: what the browser tests and
``benchmarks/view_bench.py`` share.

Uses Debian's ``/usr/bin/chromium`` (or ``$MIGRASI_KG_CHROMIUM``) through the
``playwright`` package; never downloads a browser. Every wait has a timeout.

>>> from playwright.sync_api import sync_playwright                  # doctest: +SKIP
>>> with sync_playwright() as p:                                     # doctest: +SKIP
...     b = launch(p); page = OfflinePage(b, Path("graph.html"))
...     page.js("kgView.nodes.length"), page.requests, page.errors
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("MIGRASI_KG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
WAIT_MS = 20_000


def launch(playwright: Any, *, timeout_ms: int = WAIT_MS) -> Any:
    """The system Chromium, headless."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), timeout=timeout_ms
    )


class OfflinePage:
    """A view opened from file://, every non-file request aborted and recorded, console
    errors, page errors and dialogs (``alert``) recorded; ready when the page has
    finished its first complete draw (``window.kgView.ready``)."""

    def __init__(self, browser: Any, path: Path, *, timeout_ms: int = WAIT_MS) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.timeout_ms = timeout_ms
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(timeout_ms)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)
        self.page.goto(Path(path).resolve().as_uri(), timeout=timeout_ms)
        self.page.wait_for_function(
            "window.kgView && window.kgView.ready === true", timeout=timeout_ms
        )

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def node_point(self, node: str) -> tuple[float, float]:
        """Page coordinates of a node's centre."""
        x, y = self.js(
            """id => {
              const n = kgView.network, p = n.canvasToDOM(n.getPositions([id])[id]);
              const r = document.getElementById('kg-network').getBoundingClientRect();
              return [r.left + p.x, r.top + p.y];
            }""",
            node,
        )
        return x, y

    def close(self) -> None:
        self.context.close()
