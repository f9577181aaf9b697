"""The strict build, and what it must refuse: missing includes, empty code blocks, stubs
presented as finished pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scripts.live_reload import copy_project
from scripts.site_checks import empty_code_blocks

ROOT = Path(__file__).resolve().parent.parent
def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project, capture_output=True, text=True,
    )


def test_strict_build_has_no_empty_code_block(built_site):
    assert (built_site / "index.html").is_file()
    assert empty_code_blocks(built_site) == []


def test_empty_code_block_is_found_with_page_and_line(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<p>text</p>\n<div class="highlight"><table><tr><td class="linenos"><div class="linenodiv">'
        '<pre><span>1</span></pre></div></td><td class="code"><div><pre><span></span><code>\n'
        '</code></pre></div></td></tr></table></div>\n<pre><code>fine</code></pre>\n'
    )
    assert empty_code_blocks(tmp_path) == ["page/index.html:2: empty code block"]


def test_missing_snippet_file_fails_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path)
    with (project / "docs" / "about.md").open("a") as page:
        page.write('\n```python\n--8<-- "snippets/no_such_file.py"\n```\n')
    result = build(project)
    assert result.returncode != 0
    assert "Error reading page 'about.md': Snippet at path 'snippets/no_such_file.py' could not be found" in result.stderr


def test_missing_snippet_section_fails_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path)
    with (project / "docs" / "about.md").open("a") as page:
        page.write('\n```python\n--8<-- "snippets/one_request.py:no-such-section"\n```\n')
    result = build(project)
    assert result.returncode != 0
    assert "Error reading page 'about.md': Snippet section 'no-such-section' could not be located" in result.stderr


def test_broken_anchor_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path)
    with (project / "docs" / "about.md").open("a") as page:
        page.write("\nSee [the start](index.md#no-such-heading).\n")
    result = build(project)
    assert result.returncode != 0
    assert "does not contain an anchor '#no-such-heading'" in result.stderr


def pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md"))


def test_stub_pages_are_marked_as_drafts_in_the_navigation_and_on_the_page():
    for page in pages():
        text = page.read_text()
        draft = re.search(r"^status: draft$", text, re.MULTILINE) is not None
        says_so = '!!! warning "In preparation"' in text
        assert draft == says_so, f"{page.relative_to(ROOT)}: a draft needs both `status: draft` and the warning"
