"""The order of a test session: the tests that wait for work begun in the background (a
snippet's run, the check of a shown output, a page's load in the browser) come after all
the others, which run meanwhile, each group in the order pytest collected it
(tests/conftest.py). `pytest --collect-only` lists that order, and starts no background work."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FILES = ["tests/snippets/test_request_head.py", "tests/test_browser_page_weight.py", "tests/test_build.py",
         "tests/test_generated_files.py"]


def collected(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "::" in line]


def waits(nodeid: str) -> bool:
    return (nodeid.startswith("tests/snippets/test_") or "[outputs:" in nodeid
            or nodeid.startswith("tests/test_browser_page_weight.py::test_first_load"))


def test_the_tests_that_wait_for_background_work_run_last_in_their_order():
    order = collected(*FILES)
    flags = [waits(n) for n in order]
    assert any(flags) and not all(flags)
    first_waiting = flags.index(True)
    assert all(flags[first_waiting:]), "a test that waits for nothing runs after one that waits"
    # Each group keeps the order of collection: the files as given, then their tests.
    files = [n.split("::")[0] for n in order[first_waiting:]]
    assert list(dict.fromkeys(files)) == [f for f in FILES if f in files]
    assert [n.split("::")[0] for n in order[:first_waiting]] == sorted(
        (n.split("::")[0] for n in order[:first_waiting]), key=FILES.index)
