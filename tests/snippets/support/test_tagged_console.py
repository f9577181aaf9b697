"""snippets/support/tagged_console.py: reading runserver's tagged console and printing it
grouped by process and thread, whatever order the threads' lines came in."""

import io

import pytest

from tests.support_modules import load

tagged_console = load("tagged_console")

LINES = (
    "@10 MainThread| settings imported: RUN_MAIN=None, parent pid 1\n"
    "@11 MainThread| settings imported: RUN_MAIN='true', parent pid 10\n"
    "@11 django-main-thread| Starting WSGI development server at http://127.0.0.1:8123/\n"
    "@11 MainThread| Watching for file changes with StatReloader\n"
    "not tagged\n"
)


def test_read_until_waits_for_each_pattern_from_its_process():
    console = tagged_console.Console(io.StringIO(LINES))
    console.read_until((11, r"^Watching"), (None, r"server at"))
    assert len(console.lines) == 4, "it read no further than the last line it needed"
    assert console.children() == [11]
    assert console.find(r"127\.0\.0\.1:(\d+)")[1] == "8123"
    console.read_to_the_end()
    assert console.lines[-1] == (0, "?", "not tagged", 0)


def test_read_until_names_what_it_waited_for_when_the_output_ends():
    console = tagged_console.Console(io.StringIO(LINES))
    with pytest.raises(RuntimeError, match=r"output ended while waiting for \[\(10, '\^Watching'\)\]"):
        console.read_until((10, r"^Watching"))


def test_show_groups_lines_by_process_then_thread_in_label_order(capsys):
    console = tagged_console.Console(io.StringIO(LINES))
    console.read_to_the_end()
    tagged_console.show(console, {10: "parent", 11: "child 1"}, "/tmp/project", ["start-up"])
    assert capsys.readouterr().out == (
        "\n--- start-up ---\n"
        "[untagged, pid 0, ?]\n    not tagged\n"
        "[parent, pid 10, MainThread]\n    settings imported: RUN_MAIN=None, parent pid 1\n"
        "[child 1, pid 11, MainThread]\n    settings imported: RUN_MAIN='true', parent pid 10\n"
        "    Watching for file changes with StatReloader\n"
        "[child 1, pid 11, django-main-thread]\n    Starting WSGI development server at http://127.0.0.1:8123/\n"
    )
