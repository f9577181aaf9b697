"""An include in the wrong place fails, naming the page and the line.

An excerpt or a call tree is Markdown with code blocks of its own: inside a code fence the
page would show its raw Markdown as code, and every other check would still pass. A
snippet or a shown output is plain text: outside a fence it would render as prose.
"""

from __future__ import annotations

from pathlib import Path

from scripts.includes import ROOT, misplaced


def page(tmp_path: Path, text: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_page_of_the_site_has_a_misplaced_include():
    assert misplaced(ROOT) == []


def test_an_excerpt_inside_a_code_fence_is_an_error(tmp_path):
    root = page(tmp_path, '# Page\n\n```python\n--8<-- "excerpts/demo.md"\n```\n')
    [message] = misplaced(root)
    assert message.startswith("docs/page.md:4: excerpts/demo.md is included inside the code fence opened at line 3")
    assert "outside any fence" in message


def test_a_call_tree_inside_a_tilde_fence_in_a_tab_is_an_error(tmp_path):
    root = page(tmp_path, '=== "Tree"\n\n    ~~~~\n    --8<-- "calltrees/launch.md"\n    ~~~~\n')
    [message] = misplaced(root)
    assert message.startswith("docs/page.md:4: calltrees/launch.md is included inside the code fence opened at line 3")


def test_a_snippet_or_an_output_outside_a_fence_is_an_error(tmp_path):
    root = page(tmp_path, '# Page\n\n--8<-- "snippets/one_request.py:launch"\n\n--8<--\noutputs/one_request.txt\n--8<--\n')
    assert [m.split(" is ")[0] for m in misplaced(root)] == [
        "docs/page.md:3: snippets/one_request.py",
        "docs/page.md:6: outputs/one_request.txt",
    ]
    assert "put the include inside a fence" in misplaced(root)[0]


def test_each_in_its_place_passes_and_a_longer_fence_closes_only_on_its_own_length(tmp_path):
    root = page(tmp_path, (
        '--8<-- "excerpts/demo.md"\n\n'
        '````markdown\n```text\n--8<-- "outputs/one_request.txt"\n```\n````\n\n'
        '``` { .python title="one_request.py" }\n--8<-- "snippets/one_request.py:launch"\n```\n\n'
        '--8<-- "calltrees/launch.md"\n'
    ))
    assert misplaced(root) == []
