"""Output shown on a page is what its snippet prints on a fresh run (after placeholders).

The snippets run once per test session (shared with their own tests, see
``scripts.snippet_runs.run_snippet``); a stale output fails with a diff naming the pages.
"""

from __future__ import annotations

import textwrap

import pytest

from scripts import outputs, snippet_runs
from scripts.includes import pages_including

SHOWN = outputs.load_manifest()


@pytest.mark.parametrize("shown", SHOWN, ids=[o.name for o in SHOWN])
def test_shown_output_matches_a_fresh_run(shown):
    assert outputs.problem(shown) is None, outputs.problem(shown)


@pytest.mark.parametrize("shown", SHOWN, ids=[o.name for o in SHOWN])
def test_shown_output_is_on_a_page(shown):
    assert pages_including(shown.path), f"{shown.path} is captured but no page shows it"


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
    [shown] = outputs.load_manifest(tmp_path)
    message = outputs.problem(shown, tmp_path)
    assert message.startswith("outputs/hello.txt is stale: it no longer matches what snippets/hello.py prints.")
    assert "Pages that include it: docs/page.md:2" in message
    assert "-yesterday\n+today\n" in message
    assert "make outputs" in message


def test_a_failing_snippet_is_an_error_not_an_empty_output(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "outputs").mkdir()
    (tmp_path / "snippets" / "broken.py").write_text("print('partial')\nraise SystemExit(3)\n")
    (tmp_path / "outputs" / "manifest.toml").write_text('[broken]\nsnippet = "snippets/broken.py"\n')
    [shown] = outputs.load_manifest(tmp_path)
    with pytest.raises(outputs.OutputError, match="snippets/broken.py: exited with status 3"):
        outputs.problem(shown, tmp_path)


def test_a_manifest_entry_for_a_missing_snippet_names_the_line(tmp_path):
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "manifest.toml").write_text('# shown outputs\n[gone]\nsnippet = "snippets/gone.py"\n')
    with pytest.raises(outputs.OutputError, match=r"outputs/manifest.toml:2 \[gone\]: snippet snippets/gone.py does not exist"):
        outputs.load_manifest(tmp_path)


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
