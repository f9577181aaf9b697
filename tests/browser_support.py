"""What the browser tests share: the built site served on 127.0.0.1, one headless Chromium,
page visits with every request recorded, axe-core, the page-weight budget and the link check.

Why it exists: the whole test session opens every page of the site several ways (its
requests, its links, its weight, its accessibility in both colour schemes), and must do
so within the suite's time budget. So there is one build (`built_site`) and one server,
both begun in the background when collection ends (tests/background_site.py); each page
is loaded once there too (`site_visits`, one Chromium per core sharing out the pages),
checked in the light scheme and again after switching to the dark one, and the per-page
checks read what that load recorded. The other browser tests share one Chromium
(`browser`) and open a fresh tab each (`visit`).

Every request the browser makes goes through `PageVisit`: the site's own URLs pass, any
other host is recorded and aborted, so every browser test is also a run with the network
cut off. The fixtures are made available to all tests by tests/conftest.py.
"""

from __future__ import annotations

import functools
import http.server
import os
import queue
import re
import threading
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from scripts.browser import CHROMIUM_ARGS, find_chromium
from tests.lazy_code_blocks import show_every_code_block
from tests.screen_measures import ScreenReport, measure

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SCHEMES = ("light", "dark")


# --- the pages -----------------------------------------------------------------------


def url_path(page: Path) -> str:
    """The URL path MkDocs (use_directory_urls, its default) serves a docs/ page at."""
    rel = page.relative_to(DOCS).with_suffix("").as_posix()
    if rel == "index":
        return "/"
    if rel.endswith("/index"):
        return "/" + rel[: -len("index")]
    return "/" + rel + "/"


def doc_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def site_pages() -> list[str]:
    """Every page a reader can reach: one per Markdown file in docs/, and the 404 page.

    Read at collection time, so pages that other walkthroughs add are tested without a
    change here; test_site_in_browser.py checks this list against the built site.
    """
    return [url_path(page) for page in doc_pages()] + ["/404.html"]


def page_id(path: str) -> str:
    return path.strip("/") or "index"


def built_file(site: Path, path: str) -> Path:
    """The file the static server answers a URL path with (a folder means its index.html)."""
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def built_html_pages(site: Path) -> list[str]:
    """URL paths of the HTML pages in a build (all but the theme's own assets)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        paths.append("/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel)
    return paths


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


@functools.cache
def ids_in(html_file: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(html_file.read_text(encoding="utf-8"))
    parser.close()
    return frozenset(parser.ids)


def pages_whose_html_matches(site: Path, pattern: str) -> list[str]:
    """URL paths of built pages whose HTML matches a regular expression, in page order."""
    regex = re.compile(pattern)
    found = []
    for path in site_pages():
        html = built_file(site, path)
        if html.is_file() and regex.search(html.read_text(encoding="utf-8")):
            found.append(path)
    return found


# --- serving the build and driving the browser ---------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticSite:
    """A built site served on 127.0.0.1 with a port the system picks. Its threads (the
    server's and one per request) are named ``thread_name``."""

    def __init__(self, folder: Path, thread_name: str = "static site") -> None:
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = _NamedThreadsServer(("127.0.0.1", 0), handler)
        self.server.thread_name = thread_name
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name=thread_name, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class _NamedThreadsServer(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer whose per-request threads (daemons, as its own are) carry a name."""

    thread_name = "static site"
    block_on_close = False  # a request thread still sending when the server closes is a daemon

    def process_request(self, request, client_address):
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address),
                                  name=f"{self.thread_name} request", daemon=True)
        thread.start()


@pytest.fixture(scope="session")
def site_url(background_site):
    """The newest series' site, served with the others side by side (``/6.1/``), as
    published: its version selector reads ``/versions.json``. No trailing slash."""
    return background_site.url()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    assert executable, "no Chromium for the browser tests: run `python -m scripts.browser ensure`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Transfer:
    url: str
    kind: str  # html, css, js, font, image, data or other: see resource_kind()
    bytes: int


FONT_EXTENSIONS = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp"}


def resource_kind(url: str, resource_type: str, content_type: str) -> str:
    """Sort a response into the page-weight categories, by what the browser took it for."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    content_type = content_type.split(";")[0].strip().lower()
    if resource_type == "font" or suffix in FONT_EXTENSIONS or content_type.startswith("font/"):
        return "font"
    if resource_type == "image" or suffix in IMAGE_EXTENSIONS or content_type.startswith("image/"):
        return "image"
    if resource_type == "document" or content_type == "text/html":
        return "html"
    if resource_type == "stylesheet" or suffix == ".css":
        return "css"
    if resource_type == "script" or suffix in {".js", ".mjs"} or "javascript" in content_type:
        return "js"
    if suffix == ".json" or content_type == "application/json":
        return "data"
    return "other"


class PageVisit:
    """A browser tab on the site, with every request, failed request, console error and
    byte transferred recorded.

    By default the tab is in a fresh browser context: an empty cache, so its first load
    is a first visit. With `cache=False` the tab never uses its cache, so that it can go
    from page to page (cheaper than a new tab each time) and every load still transfers
    what a first visit does; `forget()` starts a new record between pages.
    """

    def __init__(self, browser, site_url: str, color_scheme: str = "light", cache: bool = True, **context_options):
        self.site_url = site_url
        self.context = browser.new_context(color_scheme=color_scheme, **context_options)
        self.local: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.transfers: list[Transfer] = []
        self._requests: set = set()  # the requests of the current record
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        if not cache:
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.page.on("request", lambda r: self._requests.add(r))
        self.page.on("requestfailed", self._failed)
        self.page.on("requestfinished", self._finished)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def forget(self) -> None:
        """Start a new record, and clear the site's storage (where Material keeps the
        colour scheme a reader chose), so that the next page opens as on a first visit."""
        if self.page.url.startswith(self.site_url + "/"):
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        for record in (self.local, self.foreign, self.failed, self.errors, self.transfers):
            record.clear()
        self._requests.clear()

    def _route(self, route):
        url = route.request.url
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(self.site_url))
        if url.startswith(origin):  # the site, or its sibling series and versions.json
            self.local.append(url)
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def _failed(self, request):
        if request in self._requests:
            self.failed.append(f"{request.url}: {request.failure}")

    def _finished(self, request):
        response = request.response()
        if response is None or request not in self._requests:
            return
        sizes = request.sizes()
        kind = resource_kind(request.url, request.resource_type, response.headers.get("content-type", ""))
        self.transfers.append(Transfer(request.url, kind, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        if response.status >= 400:
            self.failed.append(f"{request.url}: HTTP {response.status}")

    def open(self, path: str, until: str = "networkidle"):
        """Load a page and wait until it has loaded ("load"; its diagrams are drawn in the
        HTML already), and then either until the network has been quiet for half a second
        ("networkidle": every request of the first load is finished and counted) or just
        until Material's search has loaded its index ("ready": quicker, for checks that do
        not count requests)."""
        response = self.page.goto(self.site_url + path)
        assert response is not None and (response.ok or path == "/404.html"), f"{path}: HTTP {response and response.status}"
        if until == "networkidle":
            self.page.wait_for_load_state("networkidle")
        elif until != "load":
            assert until == "ready", until
            self.page.wait_for_function(
                """() => !/Initializing/.test(
                       document.querySelector('.md-search-result__meta')?.textContent ?? '')"""
            )
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, site_url):
    """Open a PageVisit (closed after the test): `visit(color_scheme="dark")`."""
    visits = []

    def open_visit(**kwargs):
        v = PageVisit(browser, site_url, **kwargs)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


# --- axe-core ------------------------------------------------------------------------

BLOCKING_IMPACTS = ("serious", "critical")


def settle(page) -> None:
    """Wait until no transition or finite animation is running: colours caught halfway
    through a fade are not the colours a reader sees. (Material pulses an annotation
    marker for ever; endless animations are not waited for.)"""
    page.wait_for_function(
        """() => document.getAnimations().every(a =>
               a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)""",
        timeout=10_000,
    )


def axe_violations(page, within: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core, with every rule it has on, on the page as it is now (or only on the
    parts matching the selectors `within`), once it has settled; return the serious and
    critical violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    settle(page)
    results = page.evaluate(
        """within => axe.run(within.length ? {include: within.map(s => [s])} : document,
                             {resultTypes: ['violations']})""",
        list(within),
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def shown_to_a_reader(locator) -> bool:
    """Whether an element the locator finds is on screen for a reader once transitions
    have ended: laid out, not `visibility: hidden` and not fully transparent. (Playwright's
    is_visible() counts an element at opacity 0 as visible, as a closed annotation's note
    is while Material sets it up.) No element found is not shown; nothing is waited for."""
    settle(locator.page)
    return locator.evaluate_all(
        """es => es.some(e => { const s = getComputedStyle(e);
                  return e.getClientRects().length > 0 && s.visibility !== 'hidden' && Number(s.opacity) > 0; })"""
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:5]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


# --- one load per page and scheme, shared by the per-page checks ----------------------


@dataclass
class PageReport:
    """What one first load of one page showed, in one colour scheme."""

    path: str
    scheme: str
    local: list[str]  # every request to the site itself
    foreign: list[str]  # every request to another host (aborted)
    failed: list[str]
    errors: list[str]  # console errors and uncaught exceptions
    transfers: list[Transfer]  # the first load's responses, before any check ran
    links: list[dict]  # {href: absolute URL, raw: the attribute, cls: its class}
    dom_ids: set[str]
    diagram_containers: int  # <div class="diagram"> in the HTML as built
    diagrams_shown: int  # visible SVG images named by their <title>, in such containers
    # Each code block title naming a file under snippets/: its text and its link (or None).
    snippet_titles: list[dict] = field(default_factory=list)
    # The theme's links to the repository: href, and whether the theme's component marker is left.
    source_links: list[dict] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)  # axe: serious and critical
    screens: ScreenReport | None = None  # the layout at 1280 and 390 px (tests/screen_measures.py)

    def weight(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for t in self.transfers:
            totals[t.kind] = totals.get(t.kind, 0) + t.bytes
        return totals


class SiteVisits:
    """Loads each page that the session's tests ask about once (all of them in the
    background, from the start of the session: tests/background_site.py), and keeps what
    each load showed; the per-page tests only read reports.

    Each page is loaded in the light scheme (a first load, whose requests are counted)
    and checked; then the reader's toggle in the header switches it to the dark scheme
    (the diagrams' own stylesheets follow it), and axe checks it again; last, the tab is
    resized to measure the layout on a wide screen and on a phone. (Loading
    the page again for the dark scheme would double the time for no more coverage: a
    first load in the dark scheme is tested on the landing page and in the interactive
    states.)

    Almost all of the time goes to the browser's renderer, one process per tab, so the
    pages are shared out between tabs in as many Chromiums as the machine has cores (at
    most four), each driven from a thread of its own (Playwright's objects belong to the
    thread that made them). Each tab goes from page to page without a cache: a new tab
    per page would cost a new renderer process every time.
    """

    def __init__(self, site_url: str, site: Path, paths: list[str], stop: threading.Event | None = None,
                 thread_prefix: str = "site visits"):
        self.site_url = site_url
        self.site = site
        self.paths = list(dict.fromkeys(paths))
        self.reports: dict[tuple[str, str], PageReport] = {}
        self.failures: dict[str, str] = {}
        self.workers = max(1, min(4, os.cpu_count() or 1))
        self.stop = stop or threading.Event()  # set: each browser ends after its current page
        self.thread_prefix = thread_prefix

    def visit_all(self) -> None:
        """Load every page of ``paths`` not loaded yet."""
        self._visit([p for p in self.paths if (p, "light") not in self.reports and p not in self.failures])

    def report(self, path: str, scheme: str = "light") -> PageReport:
        assert scheme in SCHEMES, scheme
        if path not in self.paths:
            self.paths.append(path)
        if (path, scheme) not in self.reports and path not in self.failures:
            self._visit([p for p in self.paths if (p, "light") not in self.reports and p not in self.failures])
        if path in self.failures:
            pytest.fail(f"{path}: the browser could not check the page:\n{self.failures[path]}", pytrace=False)
        return self.reports[(path, scheme)]

    def _visit(self, paths: list[str]) -> None:
        todo: queue.Queue[str] = queue.Queue()
        for path in paths:
            todo.put(path)
        threads = [threading.Thread(target=self._work, args=(todo,), name=f"{self.thread_prefix}: page visits {n}")
                   for n in range(min(self.workers, len(paths)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _work(self, todo: queue.Queue) -> None:
        from playwright.sync_api import sync_playwright

        try:
            executable = find_chromium()
            assert executable, "no Chromium for the browser tests: run `python -m scripts.browser ensure`"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                tab = PageVisit(browser, self.site_url, color_scheme="light", cache=False)
                try:
                    while not self.stop.is_set():
                        try:
                            path = todo.get_nowait()
                        except queue.Empty:
                            return
                        try:
                            light, dark = self._load(tab, path)
                            self.reports[(path, "light")], self.reports[(path, "dark")] = light, dark
                        except Exception:
                            self.failures[path] = traceback.format_exc()
                finally:
                    tab.close()
                    browser.close()
        except Exception:
            failure = traceback.format_exc()
            while not todo.empty():
                self.failures[todo.get_nowait()] = failure

    def _load(self, v: PageVisit, path: str) -> tuple[PageReport, PageReport]:
        v.forget()
        page = v.open(path, until="load")
        # Every code block set up, as after a reader has scrolled through the page.
        show_every_code_block(page)
        # axe runs while the network settles (it sends no request), then the first
        # load is recorded, counted only once the network has been quiet.
        violations = axe_violations(page)
        page.wait_for_load_state("networkidle")
        light = self._record(v, path, "light")
        light.violations = violations

        switch_to_dark_scheme(page)
        dark = self._record(v, path, "dark")
        dark.violations = axe_violations(page)
        dark.failed, dark.errors, dark.foreign = list(v.failed), list(v.errors), list(v.foreign)
        # The layout does not depend on the scheme: measured once, on the tab as it is.
        light.screens = dark.screens = measure(page)
        return light, dark

    def _record(self, v: PageVisit, path: str, scheme: str) -> PageReport:
        page = v.page
        html = built_file(self.site, path).read_text(encoding="utf-8")
        return PageReport(
            path=path,
            scheme=scheme,
            local=list(v.local),
            foreign=list(v.foreign),
            failed=list(v.failed),
            errors=list(v.errors),
            transfers=list(v.transfers),
            links=page.eval_on_selector_all(
                "a[href]", "as => as.map(a => ({href: a.href, raw: a.getAttribute('href'), cls: a.className}))"
            ),
            dom_ids=set(page.eval_on_selector_all("[id], a[name]", "es => es.map(e => e.id || e.getAttribute('name'))")),
            diagram_containers=len(re.findall(r'<div class="diagram"', html)),
            diagrams_shown=page.eval_on_selector_all(
                "div.diagram > svg[role=img]",
                """svgs => svgs.filter(svg => {
                    const box = svg.getBoundingClientRect();
                    const title = document.getElementById(svg.getAttribute('aria-labelledby'));
                    return box.width > 0 && box.height > 0 && title && title.parentNode === svg
                        && title.textContent.trim() !== '';
                }).length""",
            ),
            snippet_titles=page.eval_on_selector_all(
                ".highlight > span.filename",
                """ts => ts.filter(t => t.textContent.trim().startsWith('snippets/')).map(t => ({
                       text: t.textContent.trim(),
                       link: t.querySelector('a') && t.querySelector('a').getAttribute('href')}))""",
            ),
            source_links=page.eval_on_selector_all(
                "a.md-source",
                "as => as.map(a => ({href: a.getAttribute('href'), component: a.getAttribute('data-md-component')}))",
            ),
        )


def switch_to_dark_scheme(page) -> None:
    """Click the header's colour-scheme toggle, as a reader does, and wait until the page
    is dark (the diagrams need no redrawing: their stylesheets hold both schemes)."""
    page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")


@pytest.fixture(scope="session")
def site_visits(background_site) -> SiteVisits:
    """The reports of the pages that this session's selected tests ask about, loaded in
    the background from the start of the session (tests/background_site.py)."""
    return background_site.visits()


def pages_to_visit(items) -> list[str]:
    """The pages the per-page tests among ``items`` ask SiteVisits about, in their order."""
    return [
        item.callspec.params["path"]
        for item in items
        if "site_visits" in getattr(item, "fixturenames", ()) and "path" in getattr(getattr(item, "callspec", None), "params", {})
    ]


# --- checks on what a load recorded ---------------------------------------------------

# Bytes transferred on a first load, per page and per kind of file. The test server sends
# files as they are (no compression), so these are the uncompressed sizes: a server that
# compresses sends less. Generous for a long walkthrough page (many excerpts, a call tree,
# a diagram), tight enough that a regression shows: a web font, a diagram renderer (the
# diagrams are drawn ahead of time, so no page loads one), an image or a script that is
# suddenly huge.
BUDGET = {
    "html": 500_000,  # the landing page, eight excerpts and its diagram's SVG: about 130 kB
    "css": 200_000,  # Material's stylesheet and palette with ours: about 160 kB
    "js": 200_000,  # Material's bundle with our scripts: about 130 kB; no diagram renderer
    "font": 0,  # none: the theme uses the reader's system fonts (`font: false`)
    "image": 100_000,  # the favicon (2 kB); icons are inline SVG
    "data": 1_000_000,  # the search index, which grows with the whole site: 25 kB for five pages
    "other": 50_000,
}
def over_budget(weight: dict[str, int], budget: dict[str, int]) -> list[str]:
    """One line per kind of file that went over its budget (or has none)."""
    problems = []
    for kind, used in sorted(weight.items()):
        allowed = budget.get(kind)
        if allowed is None:
            problems.append(f"{kind}: {used:,} bytes of a kind the budget does not know")
        elif used > allowed:
            problems.append(f"{kind}: {used:,} bytes, over its budget of {allowed:,}")
    return problems


def link_problems(report: PageReport, site_url: str, site: Path) -> list[str]:
    """Links on the page to the site itself whose page, file or #anchor does not exist.

    Links to other hosts are not followed (the tests have no network). An annotation
    marker's href names the tooltip Material creates while the annotation is open, so
    the marker's own fragment is left out; the annotation test opens one.
    """
    problems = []
    page_file = built_file(site, report.path)
    for link in report.links:
        href, raw = link["href"], link["raw"] or ""
        if "md-annotation__index" in (link["cls"] or ""):
            continue
        if raw.startswith(("javascript:", "mailto:", "tel:")):
            continue
        if not href.startswith(site_url + "/"):
            continue
        parts = urlsplit(href)
        target = built_file(site, parts.path[len(urlsplit(site_url).path):])
        if not target.is_file():
            problems.append(f"{raw}: no {target.relative_to(site)} in the build")
            continue
        fragment = unquote(parts.fragment)
        if not fragment or target.suffix != ".html":
            continue
        ids = report.dom_ids if target == page_file else ids_in(target)
        if fragment not in ids:
            problems.append(f"{raw}: {target.relative_to(site)} has no id {fragment!r}")
    return sorted(set(problems))


# --- the reader's interactions, shared by the feature and accessibility tests ----------

# A Django function the walkthroughs quote, to search for.
SEARCH_TERM = "load_middleware"
# A code annotation in the built HTML: a marker such as "# (1)!" in a code comment.
ANNOTATED_CODE = r'<span class="c[^"]*">[^<]*\(1\)!?</span>'
CONTENT_TABS = r'<div class="tabbed-set'


def first_page_with(site: Path, pattern: str, what: str) -> str:
    pages = pages_whose_html_matches(site, pattern)
    assert pages, f"no page of the site has {what}, so it cannot be tested"
    return pages[0]


def search(page, term: str):
    """Put a query into Material's search box; return the result links once the results
    for the whole query show (the term highlighted in them)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(term)
    page.keyboard.press("End")  # Material searches when a key is released
    page.wait_for_function(
        "term => [...document.querySelectorAll('.md-search-result mark')].some(m => m.textContent.includes(term))",
        arg=term,
        timeout=10_000,
    )
    return page.locator(".md-search-result__link")


def open_first_annotation(page):
    """Click the first code annotation's marker; return its tooltip once it shows."""
    show_every_code_block(page)
    page.wait_for_selector(".md-annotation")
    marker = page.locator(".md-annotation").first
    marker.scroll_into_view_if_needed()
    marker.click()
    tooltip = marker.locator(".md-tooltip")
    tooltip.wait_for(state="visible")
    return marker, tooltip


def tab_panels(page):
    """The first set of content tabs: its labels and its panels."""
    tabs = page.locator(".tabbed-set").first
    return tabs.locator(".tabbed-labels > label"), tabs.locator(".tabbed-content > .tabbed-block")
