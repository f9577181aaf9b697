"""Snippet files: one test module per snippet, valid Python, well-formed section markers.

Tests mirror the files they test: `tests/snippets/test_<name>.py` for each shown snippet
`snippets/<name>.py` (and for the example project, `test_mysite.py`), and
`tests/snippets/support/test_<module>.py` for a module of `snippets/support/` with logic
of its own worth testing (a support module used by snippets is also tested through them).

pymdownx.snippets (with check_paths) fails the build on a missing file or section, but
silently includes an unterminated section to the end of the file; scripts.snippet_sections
catches that and names file and line. The failure paths are tested on small temporary trees.
"""

from __future__ import annotations

import py_compile
from pathlib import Path

import pytest

from scripts import snippet_sections

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))


def test_every_snippet_has_a_test_module_of_the_same_name():
    programs = [p.stem for p in SNIPPETS] + [p.name for p in (ROOT / "snippets").iterdir() if p.is_dir() and (p / "manage.py").exists()]
    missing = [name for name in programs if not (ROOT / "tests" / "snippets" / f"test_{name}.py").is_file()]
    assert not missing, f"snippets without tests/snippets/test_<name>.py: {missing}"
    orphans = [p.name for p in (ROOT / "tests" / "snippets").glob("test_*.py") if p.stem[5:] not in programs]
    assert not orphans, f"tests for snippets that do not exist: {orphans}"


def test_every_support_test_module_tests_a_support_module():
    modules = {p.stem for p in (ROOT / "snippets" / "support").glob("*.py") if p.stem != "__init__"}
    tests = (ROOT / "tests" / "snippets" / "support").glob("test_*.py")
    orphans = [p.name for p in tests if p.stem[5:] not in modules]
    assert not orphans, f"tests/snippets/support/ modules for support modules that do not exist: {orphans}"


@pytest.mark.parametrize("path", sorted((ROOT / "snippets").rglob("*.py")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_snippet_compiles(path, tmp_path):
    py_compile.compile(str(path), cfile=str(tmp_path / "out.pyc"), doraise=True)


def test_sections_are_well_formed_and_every_included_section_exists():
    assert snippet_sections.check(ROOT) == []


def tree(tmp_path: Path, snippet: str, page: str) -> Path:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets" / "demo.py").write_text(snippet)
    (tmp_path / "docs" / "page.md").write_text(page)
    return tmp_path


def test_unterminated_section_is_caught(tmp_path):
    tree(tmp_path, "x = 1\n# --8<-- [start:setup]\ny = 2\n", '--8<-- "snippets/demo.py:setup"\n')
    assert snippet_sections.check(tmp_path) == ["snippets/demo.py:2: section 'setup' is started here but never ended"]


def test_end_without_start_and_duplicate_start_are_caught(tmp_path):
    tree(tmp_path, "# --8<-- [end:a]\n# --8<-- [start:b]\n# --8<-- [start:b]\n# --8<-- [end:b]\n", "")
    assert snippet_sections.check(tmp_path) == [
        "snippets/demo.py:1: section 'a' is ended but was never started",
        "snippets/demo.py:3: section 'b' is started a second time",
    ]


def test_missing_section_and_missing_file_name_the_page_line(tmp_path):
    tree(tmp_path, "# --8<-- [start:a]\n# --8<-- [end:a]\n", '# Page\n\n--8<-- "snippets/demo.py:b"\n--8<-- "snippets/gone.py"\n')
    assert snippet_sections.check(tmp_path) == [
        "docs/page.md:3: includes section 'b' of snippets/demo.py, which has no such section",
        "docs/page.md:4: includes snippets/gone.py, which does not exist",
    ]
