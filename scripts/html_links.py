"""Check the links of a built site in its HTML: every link to the site itself leads to a
file of the build, and every ``#anchor`` to an element of the page it names.

MkDocs' strict validation checks the Markdown's links; Zensical validates differently,
and neither sees links written by the theme. This check reads what either builder wrote,
so it holds for both, without a browser.
"""

from __future__ import annotations

import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)
            if tag == "a" and name == "href" and value is not None:
                self.links.append((self.getpos()[0], value))


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _target(site: Path, url_path: str) -> Path:
    """The file a static server answers ``url_path`` with (a folder means its index.html)."""
    target = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """``page:LINE: href ...`` for every internal link that leads nowhere, site-wide.

    Links are internal when relative, or absolute under ``site_url`` (the 404 page's
    links are: it is served at any depth)."""
    _parse.cache_clear()
    problems = []
    base = "http://site.invalid/"
    site_url = site_url.rstrip("/") + "/" if site_url else base
    # A site built for a folder (site_url http://host/6.1/, one Django series of several)
    # links to itself absolutely from its 404 page: /6.1/...
    folder = urlsplit(site_url).path.lstrip("/") if site_url != base else ""
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        # The page's own URL: a/index.html is served at a/, 404.html at itself.
        here = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for line, href in _parse(html).links:
            absolute = urljoin(here, href)
            if absolute.startswith(site_url):
                absolute = base + absolute[len(site_url) :]
            elif folder and absolute.startswith(base + folder):  # /6.1/... from a page at any depth
                absolute = base + absolute[len(base + folder) :]
            url = urlsplit(absolute)
            if f"{url.scheme}://{url.netloc}/" != base:
                continue  # another host, mailto:, javascript:
            target = _target(site, url.path)
            if not target.is_file():
                problems.append(f"{rel}:{line}: {href} leads to no file of the build")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in _parse(target).ids:
                problems.append(f"{rel}:{line}: {href}: no element with id {unquote(url.fragment)!r}")
    return problems


if __name__ == "__main__":
    found = broken_links(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), *sys.argv[2:3])
    print("\n".join(found) or "Every internal link and anchor resolves.")
    sys.exit(1 if found else 0)
