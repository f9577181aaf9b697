"""The PEP 3333 pages link to wsgiref's source through labels ([text][wsgiref-run]) whose
targets the engine writes from the `link_only` entries of excerpts/pep3333.toml into
excerpts/links/pep3333.md, checked against the installed standard library by
tests/test_generated_files.py.

Markdown leaves a reference to an undefined label as plain text, silently. These checks
make that an error: every label a page uses is defined in the file the page includes,
every defined label is used, and the built pages contain no unresolved reference.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.includes import includes_in

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs" / "pep3333").glob("*.md"))
LINKS = "excerpts/links/pep3333.md"
USED = re.compile(r"\]\[(wsgiref-[a-z-]+)\]")
DEFINED = re.compile(r"^\[(wsgiref-[a-z-]+)\]: (\S+)", re.MULTILINE)


def defined() -> dict[str, str]:
    return dict(DEFINED.findall((ROOT / LINKS).read_text(encoding="utf-8")))


def test_every_label_a_page_uses_is_defined_in_a_file_the_page_includes():
    labels = defined()
    for page in PAGES:
        used = set(USED.findall(page.read_text(encoding="utf-8")))
        if not used:
            continue
        assert LINKS in {inc.path for inc in includes_in(page, ROOT)}, f"{page.name} uses labels but does not include {LINKS}"
        assert used <= set(labels), f"{page.name}: undefined labels {sorted(used - set(labels))}"


def test_every_defined_label_is_used_by_some_page():
    used = set().union(*(USED.findall(page.read_text(encoding="utf-8")) for page in PAGES))
    assert set(defined()) <= used, f"labels no page uses: {sorted(set(defined()) - used)}"


def test_the_built_pages_have_no_unresolved_reference_and_link_to_cpython(built_site):
    for page in PAGES:
        html = (built_site / "pep3333" / ("" if page.stem == "index" else page.stem) / "index.html").read_text(encoding="utf-8")
        assert not re.search(r"\]\[wsgiref-", html), f"{page.name}: an unresolved [text][label] reference"
        assert not re.search(r"\[wsgiref-[a-z-]+\]:", html), f"{page.name}: a link definition shown as text"
        for label in set(USED.findall(page.read_text(encoding="utf-8"))):
            assert f'href="{defined()[label]}"' in html, f"{page.name}: no link to {label}"
