"""XSS end to end (issue 9, point 5): an article carrying markup, built with ``kg build``,
opened as ``graph.html`` in headless Chromium from file:// with the network cut.

The payloads travel the real way: extraction puts them into quotes and evidence
sentences, the build writes them into the store and the view. Nothing may run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.build import build
from graph.view.browser import CHROMIUM, WAIT_MS, OfflinePage, launch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
ARTICLE = (
    "Jakarta - Direktur Jenderal IOM, Amy Pope, mengatakan, "
    f'"Kami {IMG} mendukung pelindungan pekerja migran," katanya.\n\n'
    "Menteri Ketenagakerjaan Yassierli bekerja sama dengan IOM "
    f"{SCRIPT} untuk memperkuat migrasi aman, Senin (3/3).\n"
)
#: a feed record whose metadata is hostile: its title is shown where Amy Pope's
#: evidence is listed; its URL must never become a link
TITLE = "<svg onload=alert(3)>Judul</svg>"
RECORD = {
    "id": "<b onmouseover=alert(4)>feed</b>",
    "url": "javascript:alert(5)",
    "title": TITLE,
    "text": "Jakarta - Direktur Jenderal IOM, Amy Pope, bertemu Menteri Ketenagakerjaan "
    "Yassierli di Jakarta, Selasa (4/3), membahas pelindungan pekerja migran.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "berita-xss.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "feed.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    out = root / "out"
    report = build([corpus], out, workers=1, exports=False, validate=False)
    assert report.articles == 2 and report.quotes == 1 and not report.skipped
    return out


def test_payloads_reach_the_page_only_as_text(built: Path, artifacts_dir: Path) -> None:
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert IMG not in html and SCRIPT not in html  # escaped in the file itself
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page = OfflinePage(browser, built / "graph.html")
        try:
            ids = page.js("kgView.network.body.data.nodes.getIds()")
            pope = next(
                n
                for n in ids
                if page.js(f"kgView.network.body.data.nodes.get({n!r}).label").startswith(
                    "Amy Pope"
                )
            )
            x, y = page.node_point(pope)
            page.page.mouse.click(x, y)
            page.page.wait_for_function(
                "id => kgView.network.getSelectedNodes().includes(id)", arg=pope, timeout=WAIT_MS
            )
            details = page.page.inner_text("#kg-details")
            assert IMG in details  # the quotation, shown as the text it is
            assert TITLE in details  # the hostile title too
            assert page.js("document.querySelectorAll('svg, b').length") == 0
            hrefs = page.js("Array.from(document.querySelectorAll('a')).map(a => a.href)")
            assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
            page.page.screenshot(path=str(artifacts_dir / "xss-build.png"))
            assert page.js("document.querySelectorAll('img').length") == 0
            assert page.js("document.querySelectorAll('script').length") == 3
            handlers = "[onerror],[onload],[onmouseover]"
            assert page.js(f"document.querySelectorAll({handlers!r}).length") == 0
            assert page.dialogs == [] and page.errors == [] and page.requests == []
        finally:
            page.close()
            browser.close()
