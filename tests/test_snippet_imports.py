"""The import rules of the snippets (scripts/snippet_imports.py), read from their source.

A shown snippet imports only the standard library, pinned dependencies, the example
project and support; support imports no shown snippet. The failure messages are tested
on small trees in tmp_path.
"""

from pathlib import Path

from scripts import snippet_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_snippets_follow_the_import_rules():
    assert snippet_imports.check(ROOT) == []


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "requirements.txt").write_text("# pins\nDjango==6.1.3\n")
    (tmp_path / "snippets" / "support").mkdir(parents=True)
    for name, text in files.items():
        (tmp_path / "snippets" / name).write_text(text)
    return tmp_path


def test_a_snippet_importing_another_shown_snippet_is_named_with_its_line(tmp_path):
    tree(tmp_path, {"a.py": "import os\n\nfrom b import helper\n", "b.py": "def helper():\n    pass\n"})
    assert snippet_imports.check(tmp_path) == [
        "snippets/a.py:3: imports b, another shown snippet; move what both need into "
        "snippets/support/ and import it from there"
    ]


def test_support_importing_a_shown_snippet_is_named_with_its_line(tmp_path):
    tree(tmp_path, {"a.py": "from support.tools import helper\n", "support/__init__.py": "", "support/tools.py": "x = 1\nimport a\n"})
    assert snippet_imports.check(tmp_path) == [
        "snippets/support/tools.py:2: imports a, a shown snippet; support/ must not depend on "
        "what pages show: move the code it needs into snippets/support/"
    ]


def test_what_a_snippet_may_import(tmp_path):
    allowed = "import os.path\nimport django.http\nfrom mysite import settings\nfrom hello import views\nimport support.client\n"
    tree(tmp_path, {"fine.py": allowed, "unpinned.py": "import numpy\n", "relative.py": "from . import b\n"})
    assert snippet_imports.check(tmp_path) == [
        "snippets/relative.py:1: a relative import; a snippet runs as a script, so import from "
        "support (`from support.<module> import ...`) instead",
        "snippets/unpinned.py:1: imports numpy, which is neither the standard library, a dependency "
        "pinned in requirements.txt, the example project (mysite, hello) nor support; pin it in "
        "requirements.in (then `make lock`) or write the code in snippets/support/",
    ]
