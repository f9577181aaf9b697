"""The site's diagrams are drawn ahead of time, and the built site loads nothing from other hosts.

Each diagram is a source in diagrams/<name>.mmd, drawn by the site's own copy of mermaid
(diagrams/vendor/mermaid/, made by scripts/vendor_mermaid.py) into diagrams/<name>.md,
which a page includes (scripts/diagrams.py). So the built pages hold their diagrams as
SVG and no page loads mermaid. Material for MkDocs must never see class "mermaid" either,
or it would fetch mermaid from a CDN.

These checks are static, on the sources and on one strict build (the
`built_site` fixture): no browser and no network are needed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

VENDOR = PurePosixPath("diagrams/vendor/mermaid")
ENTRY = VENDOR / "mermaid.esm.min.mjs"

# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender",
}
MERMAID_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*mermaid\b", re.MULTILINE)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
MJS_SPECIFIER = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+\.mjs)["']""")


def is_same_host(url: str) -> bool:
    """True for a URL the browser resolves against the site itself (or a data: URI)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    return not parts.scheme and not parts.netloc and not url.startswith("//")


class Page(HTMLParser):
    """Collects what one HTML page loads, and which elements have which classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str]] = []  # (what, url)
        self.classes: list[tuple[str, set[str]]] = []  # (tag, class tokens)
        self.diagrams: list[dict[str, str]] = []  # the attributes of each <svg> in a div.diagram
        self.ids: dict[str, str] = {}  # id -> the tag that has it
        self._previous: tuple[str, set[str]] = ("", set())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        classes = set(attr.get("class", "").split())
        self.classes.append((tag, classes))
        if "src" in attr and tag in {"script", "img", "iframe", "source", "audio", "video", "embed", "track", "input"}:
            self.loads.append((f"<{tag} src>", attr["src"]))
        for candidate in attr.get("srcset", "").split(","):
            if candidate.strip():
                self.loads.append((f"<{tag} srcset>", candidate.split()[0]))
        if tag == "link" and FETCHING_RELS & set(attr.get("rel", "").lower().split()):
            self.loads.append((f"<link rel={attr.get('rel')}>", attr.get("href", "")))
        if tag == "object" and "data" in attr:
            self.loads.append(("<object data>", attr["data"]))
        for target in CSS_URL.findall(attr.get("style", "")):
            self.loads.append((f"<{tag} style> url()", next(filter(None, target), "")))
        if "id" in attr:
            self.ids[attr["id"]] = tag
        previous_tag, previous_classes = self._previous
        if tag == "svg" and previous_tag == "div" and "diagram" in previous_classes:
            self.diagrams.append(attr)
        self._previous = (tag, classes)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert pages, f"no HTML in {site}"
    return pages


def built_page_for(source: Path, docs: Path, site: Path) -> Path:
    """The HTML that mkdocs (use_directory_urls, its default) builds from a Markdown file."""
    relative = source.relative_to(docs).with_suffix("")
    if relative.name in {"index", "README"}:
        return site / relative.parent / "index.html"
    return site / relative / "index.html"


# --- the vendored renderer ---------------------------------------------------------


def test_vendored_mermaid_is_complete(project_root: Path) -> None:
    vendor = project_root / VENDOR
    entry = project_root / ENTRY
    assert entry.is_file(), f"missing {entry}: run scripts/vendor_mermaid.py"
    version = (vendor / "VERSION").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"VERSION is not an exact version: {version!r}"
    assert "MIT" in (vendor / "LICENSE").read_text(encoding="utf-8")

    script = (project_root / "scripts" / "vendor_mermaid.py").read_text(encoding="utf-8")
    assert f'DEFAULT_VERSION = "{version}"' in script, "vendor_mermaid.py pins another version"

    # Every module import resolves inside the folder and none names another host.
    for module in vendor.rglob("*.mjs"):
        for specifier in MJS_SPECIFIER.findall(module.read_text(encoding="utf-8")):
            assert specifier.startswith(("./", "../")), f"{module.name} imports {specifier}"
            target = (module.parent / specifier).resolve()
            assert target.is_file(), f"{module.name} imports missing {specifier}"
            assert target.is_relative_to(vendor.resolve()), f"{module.name} imports {specifier}"


def test_the_built_site_has_no_diagram_renderer(built_site: Path) -> None:
    """The renderer stays outside docs/: no page loads it, and the site does not ship it."""
    shipped = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
               if "mermaid" in p.name.lower() or p.suffix == ".mjs"]
    assert shipped == [], f"the built site ships a diagram renderer: {shipped}"


# --- the built site loads nothing from another host ----------------------------------


def test_pages_load_only_from_the_site(built_site: Path) -> None:
    offenders = []
    for path in html_pages(built_site):
        for what, url in parse(path).loads:
            if not is_same_host(url):
                offenders.append(f"{path.relative_to(built_site)}: {what} {url}")
    assert not offenders, "pages load from other hosts:\n" + "\n".join(offenders)


def test_css_loads_only_from_the_site(built_site: Path) -> None:
    stylesheets = sorted(built_site.rglob("*.css"))
    assert stylesheets, "no CSS in the built site"
    offenders = []
    for path in stylesheets:
        css = path.read_text(encoding="utf-8")
        urls = [next(filter(None, groups), "") for groups in CSS_URL.findall(css)]
        urls += CSS_IMPORT.findall(css)
        offenders += [
            f"{path.relative_to(built_site)}: {url}" for url in dict.fromkeys(urls) if not is_same_host(url)
        ]
    assert not offenders, "stylesheets load from other hosts:\n" + "\n".join(offenders)


def test_no_page_loads_mermaid(built_site: Path) -> None:
    for path in html_pages(built_site):
        for what, url in parse(path).loads:
            assert "mermaid" not in url, f"{path.relative_to(built_site)}: {what} {url}"


# --- diagrams reach the page as SVG, never as a mermaid fence or class "mermaid" ------


def test_no_page_has_a_mermaid_fence(project_root: Path) -> None:
    offenders = [
        f"{page.relative_to(project_root)}:{page.read_text(encoding='utf-8')[:m.start()].count(chr(10)) + 1}"
        for page in sorted((project_root / "docs").rglob("*.md"))
        for m in MERMAID_FENCE.finditer(page.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "```mermaid fences are no longer drawn: move each one to diagrams/<name>.mmd (with accTitle and "
        "accDescr lines), run `make update KIND=diagrams` and include it with --8<-- \"diagrams/<name>.md\": "
        + ", ".join(offenders)
    )


def test_every_included_diagram_is_a_named_described_svg(project_root: Path, built_site: Path) -> None:
    docs = project_root / "docs"
    pages = [p for p in sorted(docs.rglob("*.md")) if '--8<-- "diagrams/' in p.read_text(encoding="utf-8")]
    assert pages, "no page includes a diagram, so nothing here is tested"
    for source in pages:
        built = built_page_for(source, docs, built_site)
        page = parse(built)
        where = built.relative_to(built_site)
        assert len(page.diagrams) == source.read_text(encoding="utf-8").count('--8<-- "diagrams/'), (
            f"{where}: not every included diagram is an <svg> directly inside <div class=\"diagram\">"
        )
        for svg in page.diagrams:
            assert svg.get("role") == "img", f"{where}: a diagram's <svg> is not role=img"
            assert page.ids.get(svg.get("aria-labelledby", "")) == "title", f"{where}: no <title> names the diagram"
            assert page.ids.get(svg.get("aria-describedby", "")) == "desc", f"{where}: no <desc> describes it"


def test_no_html_has_class_mermaid(built_site: Path) -> None:
    offenders = [
        f"{path.relative_to(built_site)}: <{tag} class={' '.join(sorted(classes))}>"
        for path in html_pages(built_site)
        for tag, classes in parse(path).classes
        if "mermaid" in classes
    ]
    assert not offenders, (
        "class 'mermaid' makes Material for MkDocs load mermaid from a CDN:\n" + "\n".join(offenders)
    )
