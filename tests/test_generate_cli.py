"""The engine's command line and its bad input: each mistake is one clear message.

``python -m scripts.generate check|update [KIND [NAME ...]]`` is what `make check` and
`make update` run. These tests drive it, and the engine under it, in small projects.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from scripts import generate

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.generate", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


def small_project(root: Path) -> Path:
    """One snippet with shown output, one excerpt, one call tree, a page including them."""
    for folder in ("docs", "snippets", "outputs", "excerpts", "calltrees"):
        (root / folder).mkdir()
    (root / "snippets" / "hello.py").write_text("print('hello')\n")
    (root / "outputs" / "part.toml").write_text('[hello]\nsnippet = "snippets/hello.py"\n')
    (root / "excerpts" / "part.toml").write_text('[demo]\nqualname = "django.core.wsgi.get_wsgi_application"\n')
    (root / "tiny.py").write_text(textwrap.dedent('''
        from scripts.call_tree_recorder import Recorder

        def main():
            return 1

        def run(rules):
            with Recorder(rules) as recorder:
                main()
            return recorder.tree()
    '''))
    (root / "calltrees" / "tiny.toml").write_text('scenario = "tiny"\ninclude = ["tiny.main"]\n')
    (root / "docs" / "page.md").write_text(
        '# Page\n\n--8<-- "excerpts/demo.md"\n\n```text\n--8<-- "outputs/hello.txt"\n```\n\n--8<-- "calltrees/tiny.md"\n'
    )
    return root


def test_an_unknown_kind_is_an_error_that_lists_the_kinds():
    result = cli("check", "excerpt")
    assert result.returncode == 2
    assert result.stderr == "error: unknown kind 'excerpt'; the kinds are: excerpts, outputs, calltrees, diagrams, texts, history\n"


def test_an_unknown_name_is_an_error_naming_the_manifests_not_a_silent_pass():
    result = cli("check", "outputs", "nosuch")
    assert result.returncode == 2
    assert result.stderr.startswith("error: outputs/*.toml: no outputs item is named 'nosuch'; known: ")
    assert "one_request" in result.stderr


def test_update_writes_only_what_changed_then_check_passes(tmp_path):
    root = small_project(tmp_path)
    written: list[str] = []
    report = generate.update(root, say=written.append)
    assert not report.problems, report.problems
    assert sorted(line.split(";")[0] for line in written) == [
        "wrote calltrees/tiny.md",
        "wrote excerpts/demo.md",
        "wrote excerpts/snapshots/django/django.core.wsgi.get_wsgi_application.txt",
        "wrote outputs/hello.txt",
    ]
    assert all(line.endswith("review: docs/page.md:3") for line in written if "excerpts/" in line)
    assert generate.check(root).problems == []
    assert generate.update(root, say=written.append).written == []  # nothing changed: nothing written


def test_an_orphaned_file_of_every_kind_is_an_error_naming_the_file_and_the_fix(tmp_path):
    root = small_project(tmp_path)
    generate.update(root, say=lambda line: None)
    for orphan in ("excerpts/gone.md", "excerpts/snapshots/django/django.gone.txt", "outputs/gone.txt", "calltrees/gone.md"):
        (root / orphan).write_text("left behind\n")
    problems = generate.check(root).problems
    assert sorted(p.split(":")[0] for p in problems) == [
        "calltrees/gone.md", "excerpts/gone.md", "excerpts/snapshots/django/django.gone.txt", "outputs/gone.txt",
    ]
    assert all("an orphaned" in p and "python -m scripts.generate update" in p for p in problems)
    generate.update(root, say=lambda line: None)  # deletes them
    assert generate.check(root).problems == []


def test_check_reports_every_kinds_problems_in_one_run_before_failing(tmp_path):
    root = small_project(tmp_path)
    result = cli("check", "--root", str(root))
    assert result.returncode == 1
    snapshot = "excerpts/snapshots/django/django.core.wsgi.get_wsgi_application.txt"
    for missing in (f"{snapshot} is missing", "outputs/hello.txt is missing", "calltrees/tiny.md is missing"):
        assert missing in result.stderr
    assert "problem(s) in 3 item(s)." in result.stderr


def test_a_manifest_with_a_toml_syntax_error_fails_one_named_test_not_the_collection(tmp_path):
    root = small_project(tmp_path)
    generate.update(root, say=lambda line: None)
    (root / "outputs" / "part.toml").write_text('[hello]\nsnippet = "snippets/hello.py"\n[broken\n')
    assert generate.load(root).errors[0].startswith("outputs/part.toml:3: not valid TOML")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_generated_files.py",
         "-k", "manifest or excerpts:demo", "-rA"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "GENERATED_FILES_ROOT": str(root)},
    )
    assert "FAILED tests/test_generated_files.py::test_every_manifest_loads[outputs/part.toml]" in result.stdout, result.stdout
    assert "1 failed, 1 passed" in result.stdout, result.stdout
    assert "PASSED tests/test_generated_files.py::test_generated_files_match_what_the_engine_writes[excerpts:demo]" in result.stdout
    assert "ERROR collecting" not in result.stdout and "errors" not in result.stdout.splitlines()[-1]


def test_a_name_in_a_manifest_that_does_not_load_gets_the_manifests_error_not_unknown_name(tmp_path):
    root = small_project(tmp_path)
    (root / "outputs" / "part.toml").write_text('[hello]\nsnippet = "snippets\\hello.py"\n')
    result = cli("update", "outputs", "hello", "--root", str(root))
    assert result.returncode == 2
    assert result.stderr.startswith("error: outputs/part.toml:2: not valid TOML"), result.stderr
