"""The order of a test session (tests/conftest.py): first the tests of the snippets that
need a quiet machine (marked `quiet_machine`); then the tests that wait for nothing, which
run while the rest of the background work is under way; last the tests that wait for work
begun in the background (a snippet's run, the check of a shown output, a page's load in
the browser). Each group keeps the order pytest collected it in. `pytest --collect-only`
lists that order, and starts no background work."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FILES = ["tests/snippets/test_request_head.py", "tests/test_browser_page_weight.py", "tests/test_build.py",
         "tests/test_generated_files.py", "tests/snippets/test_production_nginx_buffering.py"]
QUIET = "tests/snippets/test_production_nginx_buffering.py"


def collected(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def waits(nodeid: str) -> bool:
    return (nodeid.startswith("tests/snippets/test_") or "[outputs:" in nodeid
            or nodeid.startswith("tests/test_browser_page_weight.py::test_first_load"))


def test_the_quiet_snippets_tests_run_first_and_those_that_wait_for_background_work_last():
    order = collected(*FILES)
    quiet = [n.startswith(QUIET) for n in order]
    assert quiet[0] and quiet.index(False) == sum(quiet), "the quiet snippet's tests are not all first"
    order = order[sum(quiet):]
    flags = [waits(n) for n in order]
    assert any(flags) and not all(flags)
    first_waiting = flags.index(True)
    assert all(flags[first_waiting:]), "a test that waits for nothing runs after one that waits"
    # Each group keeps the order of collection: the files as given, then their tests.
    files = [n.split("::")[0] for n in order[first_waiting:]]
    assert list(dict.fromkeys(files)) == [f for f in FILES if f in files and f != QUIET]
    assert [n.split("::")[0] for n in order[:first_waiting]] == sorted(
        (n.split("::")[0] for n in order[:first_waiting]), key=FILES.index)
