"""Every way an excerpt can go wrong fails with one message naming the file, the line and the fix.

Each test builds a small project (a manifest and a page) in a temporary folder and runs the
same check the suite runs on the real project, against the installed Django or a changed
copy of it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scripts import generate
from scripts.excerpts import EXCERPTS
from scripts.python_source import SourceTree, installed

INSTALLED = installed("django")
GET_RESPONSE = "django.core.handlers.base.BaseHandler.get_response"
SNAPSHOT = f"excerpts/snapshots/django/{GET_RESPONSE}.txt"


def make_project(root: Path, manifest: str, page: str = '--8<-- "excerpts/demo.md"\n') -> Path:
    (root / "excerpts").mkdir()
    (root / "docs").mkdir()
    (root / "excerpts" / "manifest.toml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (root / "docs" / "page.md").write_text("# A page\n\n" + page, encoding="utf-8")
    return root


def kinds(source: SourceTree = INSTALLED) -> dict:
    return {"excerpts": EXCERPTS.with_sources(django=source)}


def check(root: Path, source: SourceTree = INSTALLED) -> list[str]:
    return generate.check(root, "excerpts", available=kinds(source)).problems


def update(root: Path, source: SourceTree = INSTALLED) -> list[str]:
    return generate.update(root, "excerpts", say=lambda line: None, available=kinds(source)).written


def only_problem(root: Path, source: SourceTree = INSTALLED) -> str:
    problems = check(root, source)
    assert len(problems) == 1, problems
    return problems[0]


def test_unknown_qualified_name(tmp_path):
    make_project(tmp_path, """
        # a comment line first, so the table is not on line 1
        [demo]
        qualname = "django.core.handlers.base.BaseHandler.get_respons"
    """)
    message = only_problem(tmp_path)
    assert message.startswith("excerpts/manifest.toml:3 [demo]:")
    assert "defines no 'get_respons'" in message
    assert "docs/page.md:3" in message and "python -m scripts.generate update excerpts demo" in message


def test_unknown_module(tmp_path):
    make_project(tmp_path, '[demo]\nqualname = "django.core.handlerz.base.BaseHandler"\n')
    assert "django.core (django/core/__init__.py) defines no 'handlerz'" in only_problem(tmp_path)


def test_elision_outside_the_function(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\nelide = ["10-40"]\n')
    message = only_problem(tmp_path)
    assert message.startswith("excerpts/manifest.toml:1 [demo]: elide 10-40 is outside")
    assert "outside lines 2-14 of django.core.handlers.base.BaseHandler.get_response" in message


def test_keep_past_the_end(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\nkeep = "1-400"\n')
    assert "runs past the end" in only_problem(tmp_path)


def test_malformed_range(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\nelide = ["4 to 6"]\n')
    assert re.match(r'excerpts/manifest.toml:1 \[demo\]: each elide range must look like "FIRST-LAST"', only_problem(tmp_path))


def test_unknown_key_is_a_typo_not_silence(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\nelides = ["4-6"]\n')
    assert "unknown key(s) ['elides']" in only_problem(tmp_path)


def test_annotation_anchor_not_found(tmp_path):
    make_project(tmp_path, f"""
        [demo]
        qualname = "{GET_RESPONSE}"

        [[demo.annotate]]
        anchor = "self._middleware_chain(request)"
        note = "Found."

        [[demo.annotate]]
        anchor = "response = self._request_chain(request)"
        note = "Not in Django."
    """)
    message = only_problem(tmp_path)
    assert message.startswith("excerpts/manifest.toml:10 [demo]: annotation anchor")
    assert "is not found in" in message and "base.py lines 138-152" in message


def test_ambiguous_annotation_anchor(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\n[[demo.annotate]]\nanchor = "request"\nnote = "Which?"\n')
    assert "matches 5 lines (138, 142, 143, 148, 150)" in only_problem(tmp_path)


def test_annotation_on_an_elided_line(tmp_path):
    make_project(tmp_path, f"""
        [demo]
        qualname = "{GET_RESPONSE}"
        elide = ["8-13"]
        [[demo.annotate]]
        anchor = "response.reason_phrase,"
        note = "Elided."
    """)
    assert "matches only elided or cut lines" in only_problem(tmp_path)


def test_missing_generated_file_says_what_to_run(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\n')
    message = only_problem(tmp_path)
    assert message.startswith(f"{SNAPSHOT} is missing")
    assert "python -m scripts.generate update excerpts demo" in message


def test_orphan_generated_file(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\n')
    update(tmp_path)
    (tmp_path / "excerpts" / "old.md").write_text("left behind\n")
    assert only_problem(tmp_path).startswith("excerpts/old.md: an orphaned excerpts file: no entry in excerpts/*.toml")


def test_duplicate_id_across_manifests(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\n')
    (tmp_path / "excerpts" / "other.toml").write_text(f'\n[demo]\nqualname = "{GET_RESPONSE}"\n')
    problems = check(tmp_path)
    assert "excerpts/other.toml:2 [demo]: the name is already used at excerpts/manifest.toml:1 [demo]" in problems


def test_update_writes_files_and_reports_the_pages(tmp_path):
    make_project(tmp_path, f'[demo]\nqualname = "{GET_RESPONSE}"\n')
    assert update(tmp_path) == [
        f"wrote {SNAPSHOT}; review: docs/page.md:3",
        "wrote excerpts/demo.md; review: docs/page.md:3",
    ]
    assert check(tmp_path) == []
    assert update(tmp_path) == []


def test_rendered_excerpt_has_real_line_numbers_title_link_and_visible_elision(tmp_path):
    make_project(tmp_path, f"""
        [demo]
        qualname = "{GET_RESPONSE}"
        elide = ["8-14"]
        [[demo.annotate]]
        anchor = "response = self._middleware_chain(request)"
        note = "The chain."
    """)
    update(tmp_path)
    fragment = (tmp_path / "excerpts" / "demo.md").read_text()
    version = INSTALLED.version
    assert f'title="BaseHandler.get_response · django/core/handlers/base.py · Django {version}" linenums="138"' in fragment
    assert "    response = self._middleware_chain(request)  # (1)!" in fragment
    assert "1.  The chain." in fragment
    assert "⋯ 7 lines not shown (145–151) ⋯" in fragment
    assert '``` { .python linenums="152" }' in fragment
    assert f"https://github.com/django/django/blob/{version}/django/core/handlers/base.py#L138-L152" in fragment


def test_cli_check_against_a_changed_django_fails_with_a_diff_naming_the_page(tmp_path, project_root):
    """The end-to-end form of the per-line test: the command `make check` runs, against a
    Django whose copy (first on the path) changes one line of a quoted function."""
    from scripts.excerpts import load_manifest

    source_root = tmp_path / "src"
    for spec in load_manifest(project_root):
        if spec.top != "django":
            continue
        rel = Path(spec.file or INSTALLED.locate(spec.qualname, spec.occurrence).path)
        for path in [rel, *(p / "__init__.py" for p in rel.parents if p.name)]:
            if not (source_root / path).exists():
                (source_root / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(INSTALLED.root / path, source_root / path)
    base = source_root / "django/core/handlers/base.py"
    text = base.read_text()
    changed = text.replace(  # in get_response only (get_response_async has the same line)
        "        response._resource_closers.append(request.close)\n",
        "        response._resource_closers.append(request.close)  # a one-line change\n",
        1,
    )
    assert changed != text
    base.write_text(changed)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.generate", "check", "excerpts"],
        cwd=project_root, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(source_root), str(project_root)])},
    )
    assert result.returncode == 1, result.stderr
    assert f"{SNAPSHOT} is stale" in result.stderr
    assert "Pages that include it: docs/index.md:" in result.stderr
    assert "+        response._resource_closers.append(request.close)  # a one-line change" in result.stderr
    assert "\n1 problem(s) in " in result.stderr


def test_any_installed_distribution_is_quoted_with_its_release_and_tag(tmp_path):
    """asgiref is installed with Django: quoted by qualified name, titled with its own
    release, linked to its own repository's tag."""
    make_project(tmp_path, '[demo]\nqualname = "asgiref.sync.ThreadSensitiveContext"\n')
    update(tmp_path)
    asgiref = installed("asgiref")
    loc = asgiref.locate("asgiref.sync.ThreadSensitiveContext")
    fragment = (tmp_path / "excerpts" / "demo.md").read_text()
    assert f'title="ThreadSensitiveContext · asgiref/sync.py · asgiref {asgiref.version}" linenums="{loc.start}"' in fragment
    assert f"https://github.com/django/asgiref/blob/{asgiref.version}/asgiref/sync.py#L{loc.start}-L{loc.end}" in fragment
    assert (tmp_path / f"excerpts/snapshots/asgiref/asgiref.sync.ThreadSensitiveContext.txt").is_file()
    assert check(tmp_path) == []


def test_the_standard_library_is_quoted_at_cpythons_tag_for_the_running_python(tmp_path):
    make_project(tmp_path, '[demo]\nqualname = "wsgiref.handlers.BaseHandler.write"\n')
    update(tmp_path)
    python = installed("wsgiref")
    loc = python.locate("wsgiref.handlers.BaseHandler.write")
    fragment = (tmp_path / "excerpts" / "demo.md").read_text()
    assert f'title="BaseHandler.write · Lib/wsgiref/handlers.py · Python {python.version}"' in fragment
    assert f"https://github.com/python/cpython/blob/v{python.version}/Lib/wsgiref/handlers.py#L{loc.start}-L{loc.end}" in fragment


def test_the_production_servers_are_quoted_at_their_own_release_tags(tmp_path):
    make_project(tmp_path, """
        [demo]
        qualname = "gunicorn.app.wsgiapp.WSGIApplication.load_wsgiapp"

        [server]
        qualname = "uvicorn.server.Server.serve"
    """, page='--8<-- "excerpts/demo.md"\n\n--8<-- "excerpts/server.md"\n')
    update(tmp_path)
    for excerpt, qualname, repository in (
        ("demo", "gunicorn.app.wsgiapp.WSGIApplication.load_wsgiapp", "https://github.com/benoitc/gunicorn"),
        ("server", "uvicorn.server.Server.serve", "https://github.com/Kludex/uvicorn"),
    ):
        source = installed(qualname.split(".")[0])
        loc = source.locate(qualname)
        fragment = (tmp_path / "excerpts" / f"{excerpt}.md").read_text()
        assert f"· {loc.path} · {source.label}\"" in fragment
        assert f"{repository}/blob/{source.version}/{loc.path}#L{loc.start}-L{loc.end}" in fragment
    assert check(tmp_path) == []


def test_a_distribution_without_a_known_repository_is_an_error_saying_where_to_add_it(tmp_path):
    make_project(tmp_path, '[demo]\nqualname = "sqlparse.lexer.Lexer"\n')
    message = only_problem(tmp_path)
    assert message.startswith("excerpts/manifest.toml:1 [demo]: no release-tag link is known for sqlparse")
    assert "REPOSITORIES in scripts/python_source.py" in message
