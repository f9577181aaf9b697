"""The shown-outputs kind: a stale or failing output fails with a message naming the pages.

tests/test_generated_files.py checks every real shown output against a fresh run (the
snippets run once per test session, shared with their own tests, see
``scripts.snippet_runs.run_snippet``); these tests drive the kind in a small project.
"""

from __future__ import annotations

import textwrap

import pytest

from scripts import generate, outputs, snippet_runs


def problems(root) -> list[str]:
    return generate.check(root, "outputs").problems


def test_a_stale_output_fails_with_a_diff_naming_the_page(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "outputs").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets" / "hello.py").write_text("print('port 8123')\nprint('today')\n")
    (tmp_path / "outputs" / "manifest.toml").write_text(textwrap.dedent("""
        [hello]
        snippet = "snippets/hello.py"
        [[hello.replace]]
        pattern = '\\d{4}'
        with = "<port>"
    """))
    (tmp_path / "outputs" / "hello.txt").write_text("port <port>\nyesterday\n")
    (tmp_path / "docs" / "page.md").write_text('```text\n--8<-- "outputs/hello.txt"\n```\n')
    [message] = problems(tmp_path)
    assert message.startswith("outputs/hello.txt is stale: it no longer matches what snippets/hello.py prints.")
    assert "Pages that include it: docs/page.md:2" in message
    assert "-yesterday\n+today\n" in message
    assert "python -m scripts.generate update outputs hello" in message


def test_a_failing_snippet_is_an_error_not_an_empty_output(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "outputs").mkdir()
    (tmp_path / "snippets" / "broken.py").write_text("print('partial')\nraise SystemExit(3)\n")
    (tmp_path / "outputs" / "manifest.toml").write_text('[broken]\nsnippet = "snippets/broken.py"\n')
    [message] = problems(tmp_path)
    assert message.startswith("outputs/manifest.toml:1 [broken]: snippets/broken.py: exited with status 3")


def test_a_manifest_entry_for_a_missing_snippet_names_the_line(tmp_path):
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "manifest.toml").write_text('# shown outputs\n[gone]\nsnippet = "snippets/gone.py"\n')
    [message] = problems(tmp_path)
    assert message.startswith("outputs/manifest.toml:2 [gone]: snippet snippets/gone.py does not exist")


def test_snippets_get_control_c_back_when_the_test_run_ignores_it(tmp_path):
    """CI and `nohup`/`&` runs inherit SIGINT as ignored; snippets stop servers with it."""
    import signal

    (tmp_path / "handler.py").write_text(
        "import signal\nprint(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        run = snippet_runs.run_snippet("handler.py", tmp_path)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert run.stdout == "True\n"
