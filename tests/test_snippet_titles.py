"""scripts/snippet_titles.py: every code block showing a snippet names its file in its title
(which the browser turns into a link to the file, tests/test_browser_snippet_links.py)."""

from scripts import snippet_titles
from scripts.includes import ROOT
from scripts.site_config import env_value


def test_every_snippet_block_on_the_site_names_its_file():
    assert snippet_titles.check(ROOT) == []


def test_a_block_without_the_file_in_its_title_is_named_with_page_and_line(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        '# Page\n\n```python\n--8<-- "snippets/a.py:part"\n```\n\n'
        '```python title="snippets/b.py (the rest)"\n--8<-- "snippets/a.py:rest"\n```\n\n'
        '``` { .python title="snippets/a.py" }\n--8<-- "snippets/a.py"\n```\n',
        encoding="utf-8",
    )
    assert snippet_titles.check(tmp_path) == [
        "docs/page.md:3: the code block showing snippets/a.py has no title; start its title with the "
        'file: ```python title="snippets/a.py"```, or "snippets/a.py (the part shown)"',
        "docs/page.md:7: the code block showing snippets/a.py has the title 'snippets/b.py (the rest)'; "
        'start its title with the file: ```python title="snippets/a.py"```, or "snippets/a.py (the part shown)"',
    ]


def test_repo_url_from_the_environment_or_its_default(monkeypatch):
    monkeypatch.delenv("SITE_REPO_URL", raising=False)
    assert env_value(["SITE_REPO_URL", "https://example.org/a"]) == "https://example.org/a"
    monkeypatch.setenv("SITE_REPO_URL", "https://example.org/fork")
    assert env_value(["SITE_REPO_URL", "https://example.org/a"]) == "https://example.org/fork"
    assert env_value("https://example.org/plain") == "https://example.org/plain"
