"""The built site in headless Chromium: it loads nothing from any host but its own, and
diagrams render from the site's own copy of mermaid, only on pages that have one.

Every request the browser makes is routed through the test: requests to the site's own
server go through, any other is recorded and aborted, so the check is also a run with the
network cut off.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from scripts.browser import CHROMIUM_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def url_path(page: Path) -> str:
    rel = page.relative_to(ROOT / "docs").with_suffix("").as_posix()
    if rel == "index":
        return "/"
    return "/" + (rel[: -len("index")] if rel.endswith("/index") else rel + "/")


def has_diagram(page: Path) -> bool:
    return "```mermaid" in page.read_text()


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    assert executable, "no Chromium for the browser tests: run `python -m scripts.browser ensure`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageVisit:
    """Open one page with every request, failure and console error recorded."""

    def __init__(self, browser, site_url: str, color_scheme: str = "light"):
        self.site_url = site_url
        self.context = browser.new_context(color_scheme=color_scheme)
        self.local: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.site_url + "/"):
            self.local.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def open(self, path: str):
        self.page.goto(self.site_url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    visits = []

    def open_visit(**kwargs):
        v = PageVisit(browser, site_url, **kwargs)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_page_loads_only_from_its_own_host_without_errors(visit, page):
    v = visit()
    browser_page = v.open(url_path(page))
    if has_diagram(page):
        browser_page.wait_for_selector("div.diagram svg", timeout=20_000)
    # The foreign list is the heart of it; a blocked request would also show up as failed.
    assert v.foreign == [], f"{page.name} asked other hosts for: {v.foreign}"
    assert v.failed == [], f"{page.name}: failed requests: {v.failed}"
    assert v.errors == [], f"{page.name}: console errors: {v.errors}"
    loaded_mermaid = any("/vendor/mermaid/" in url for url in v.local)
    assert loaded_mermaid == has_diagram(page), (
        f"{page.name}: mermaid {'not ' if has_diagram(page) else ''}loaded, "
        f"but the page {'has' if has_diagram(page) else 'has no'} diagram"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_renders_as_svg_with_the_network_cut_off(visit, scheme):
    v = visit(color_scheme=scheme)
    page = v.open("/")
    svg = page.wait_for_selector("div.diagram svg", timeout=20_000)
    assert svg.is_visible()
    assert "Request thread" in page.inner_text("div.diagram")
    assert page.get_attribute("div.diagram", "aria-label") == "One request through Django's development server"
    assert v.foreign == [] and v.errors == []
