"""Every page under docs/ is in `nav`, and every `nav` entry is a page.

MkDocs reports a page left out of `nav` only through its `validation` settings, which
Zensical does not read; this check holds under either builder and names the page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.site_config import load_config, nav_pages

ROOT = Path(__file__).resolve().parent.parent


def check(root: Path = ROOT) -> list[str]:
    config = load_config(root)
    docs = root / config.get("docs_dir", "docs")
    listed = nav_pages(config.get("nav"))
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    problems = [f"{docs.relative_to(root).as_posix()}/{page}: not in nav in mkdocs.yml" for page in pages if page not in listed]
    problems += [f"mkdocs.yml: nav lists {entry}, which is not a page under docs/" for entry in listed if entry not in pages]
    problems += [f"mkdocs.yml: nav lists {entry} more than once" for entry in sorted(set(listed)) if listed.count(entry) > 1]
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "Every page is in nav, and every nav entry is a page.")
    sys.exit(1 if found else 0)
