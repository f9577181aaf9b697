"""A page that shows what a snippet printed on standard output, while the run also wrote to
standard error (the server's log: the example project's `[hello]` lines, the access log,
Django's log messages), says next to the output that part of the run is left out.

A reader who runs the snippet sees both streams in the terminal; without the sentence, the
extra lines look like a difference between the site and Django. The runs are the cached
ones the shown-output checks use (scripts/snippet_runs.py), so this costs no extra run.
"""

from __future__ import annotations

import tomllib

import pytest

from scripts.includes import ROOT, all_includes
from scripts.snippet_runs import run_snippet

NEAR = 4  # lines before the fence's opening, or after its closing, that may say so


def shown_outputs() -> dict[str, str]:
    """outputs/<name>.txt -> the snippet that prints it, from outputs/*.toml."""
    found = {}
    for manifest in sorted((ROOT / "outputs").glob("*.toml")):
        for name, item in tomllib.loads(manifest.read_text(encoding="utf-8")).items():
            found[f"outputs/{name}.txt"] = item["snippet"]
    return found


SNIPPETS = shown_outputs()
INCLUDES = [inc for inc in all_includes(ROOT) if inc.path in SNIPPETS]


def says_part_is_left_out(page_lines: list[str], fence_line: int) -> bool:
    start = fence_line - 1  # index of the opening fence
    end = next(i for i in range(start + 1, len(page_lines)) if page_lines[i].strip().startswith("```"))
    around = page_lines[max(0, start - NEAR) : start] + page_lines[end + 1 : end + 1 + NEAR]
    return "left out" in " ".join(around)


@pytest.mark.parametrize("inc", INCLUDES, ids=lambda inc: f"{inc.page}:{inc.line}")
def test_a_partial_output_says_so(inc):
    run = run_snippet(SNIPPETS[inc.path], ROOT)
    assert run.returncode == 0, run.stderr
    if not run.stderr.strip():
        return  # the page shows all the run printed
    lines = (ROOT / inc.page).read_text(encoding="utf-8").splitlines()
    assert says_part_is_left_out(lines, inc.fence_line), (
        f"{inc.where}: {inc.path} shows {SNIPPETS[inc.path]}'s standard output only, but the run also "
        f"wrote {len(run.stderr.splitlines())} lines to standard error (first: {run.stderr.splitlines()[0]!r}); "
        f"say next to the output what is left out (within {NEAR} lines of its fence)"
    )


def test_the_check_reads_the_lines_next_to_the_fence():
    page = ["It printed:", "", "```text", '--8<-- "outputs/a.txt"', "```", "", "The server's log is left out."]
    assert says_part_is_left_out(page, 3)
    assert not says_part_is_left_out(page[:5], 3)
