"""Mermaid sources drawn to SVG by the site's own copy of mermaid, in the project's Chromium.

Why it exists: the diagrams are drawn ahead of time (``scripts/diagrams.py``), and mermaid
lays a diagram out with a browser's text measurement, so it needs a browser. The mermaid
command line would download a browser of its own, which this project's machines cannot;
the site already vendors mermaid (``diagrams/vendor/mermaid``, made by
``scripts/vendor_mermaid.py``) and its tests already drive Debian's Chromium through
Playwright (``scripts/browser.py``). So one headless Chromium opens an empty page at a
made-up origin whose every request Playwright answers from the vendored folder (no
server, no network), imports mermaid there and renders each source in each theme.

    (light, dark), = render_all([("diagram-index", source)])

The configuration is the site's: narrower actors and gaps than mermaid's defaults, so a
sequence of six participants fits Material's content column at a readable size, and the
font stack of Arial and the fonts made with its metrics (Liberation Sans, which Debian's
Chromium installs, and Arimo), so that the text a reader's browser draws is as wide as the
text mermaid measured. Ids are deterministic, so a render is the same bytes every time on
the same Chromium and fonts.
"""

from __future__ import annotations

import threading
from pathlib import Path

from scripts.browser import CHROMIUM_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "diagrams" / "vendor" / "mermaid"
ENTRY = "mermaid.esm.min.mjs"
ORIGIN = "http://mermaid.invalid"
THEMES = ("default", "dark")  # Material's light ("default") and dark ("slate") schemes
FONT = 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif'
CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "deterministicIds": True,
    "suppressErrorRendering": True,
    "fontFamily": FONT,
    "sequence": {"width": 110, "actorMargin": 24, "messageMargin": 32, "noteMargin": 8},
}

_RENDER = """async ([id, source, theme, config]) => {
  const mermaid = (await import('/%s')).default;
  mermaid.initialize({...config, theme, themeVariables: {fontFamily: config.fontFamily}});
  try {
    return {svg: (await mermaid.render(id, source)).svg};
  } catch (error) {
    return {error: String((error && error.message) || error)};
  }
}""" % ENTRY


class RenderError(Exception):
    """Mermaid could not draw a source; the message is mermaid's (it names the line)."""


def render_all(jobs: list[tuple[str, str]]) -> list[tuple[str, ...] | RenderError]:
    """Each (svg id, source) drawn in each of THEMES, or the error mermaid gave for it.

    The browser is driven from a thread of its own: Playwright's synchronous API allows one
    instance per thread, and the caller's thread may hold one already (a test session's
    browser)."""
    results: list = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            with Renderer() as renderer:
                for svg_id, source in jobs:
                    try:
                        results.append(renderer.render(svg_id, source))
                    except RenderError as exc:
                        results.append(exc)
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="diagram-renderer")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return results


class Renderer:
    """One headless Chromium with mermaid loaded, for as many renders as needed."""

    def __enter__(self) -> "Renderer":
        from playwright.sync_api import sync_playwright

        if not (VENDOR / ENTRY).is_file():
            raise RenderError(f"{VENDOR.relative_to(ROOT)}/{ENTRY} is missing: run scripts/vendor_mermaid.py")
        executable = find_chromium()
        if not executable:
            raise RenderError("no Chromium to draw the diagrams with: run `python -m scripts.browser ensure`")
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            self._page = self._browser.new_page(viewport={"width": 1280, "height": 800})
            self._page.route(f"{ORIGIN}/**", self._answer)
        except BaseException:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    @staticmethod
    def _answer(route) -> None:
        path = route.request.url[len(ORIGIN):].split("?")[0].lstrip("/")
        if not path:
            route.fulfill(body="<!doctype html><html lang=en><title>render</title><body></body></html>",
                          content_type="text/html")
            return
        target = (VENDOR / path).resolve()
        if target.is_relative_to(VENDOR.resolve()) and target.is_file():
            route.fulfill(body=target.read_bytes(), content_type="text/javascript")
        else:
            route.fulfill(status=404, body="")

    def render(self, svg_id: str, source: str) -> tuple[str, ...]:
        """The source drawn in each of THEMES, in that order. Each render has a fresh page,
        so mermaid's element counters start from zero and a render never depends on the
        renders before it."""
        renders = []
        for theme in THEMES:
            self._page.goto(f"{ORIGIN}/")
            result = self._page.evaluate(_RENDER, [svg_id, source, theme, CONFIG])
            if "error" in result:
                raise RenderError(result["error"])
            renders.append(result["svg"])
        return tuple(renders)


def mermaid_version() -> str:
    return (VENDOR / "VERSION").read_text(encoding="utf-8").strip()

