"""Record one run of the sync/async measurement, for the figures docs/production/sync-and-async.md shows.

    python -m scripts.sync_async_measurement    # runs the snippet once, rewrites measurements/sync-async.md

`snippets/production_sync_async_measure.py` prints how many requests each server let into
a waiting view at once, which is exact, and how long they took, which is not: wall and
processor times change from run to run and from machine to machine. So the shown output
the tests check on every run (`outputs/production_sync_async_measure.txt`) has
placeholders where the times are, and the page's figures come from this file instead:
one run of the same snippet, committed, with the machine, its load and the releases it
ran on. It is not refreshed by `make update`, which would turn every run into a diff;
refresh it with this command when the snippet or a pinned server changes.
`tests/test_sync_async_measurement.py` checks that the recording, with the same
placeholders put in, is exactly the shown output, so that figures recorded by an older
version of the snippet fail the tests instead of lingering on the page.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet

SNIPPET = "snippets/production_sync_async_measure.py"
RECORDING = ROOT / "measurements" / "sync-async.md"
OUTPUT_MARKER = "<!-- the snippet's standard output, unchanged, follows -->"


def header(load: float) -> str:
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("Django", "gunicorn", "uvicorn", "asgiref"))
    return (
        "<!-- Recorded by `python -m scripts.sync_async_measurement`; do not edit. -->\n"
        f"One run of `{SNIPPET}`, recorded on {datetime.date.today().isoformat()}: "
        f"{platform.system()} with {os.cpu_count()} processors (load average {load:.1f} when "
        f"it started), Python {platform.python_version()}, {versions}.\n"
    )


def recorded_output(text: str) -> str:
    """The snippet's output as a recording holds it (what follows the marker line)."""
    before, marker, output = text.partition(OUTPUT_MARKER + "\n\n")
    if not marker:
        raise ValueError(f"{RECORDING.relative_to(ROOT)}: no line {OUTPUT_MARKER!r}; "
                         "rewrite it with `python -m scripts.sync_async_measurement`")
    return output


def main() -> int:
    load = os.getloadavg()[0]
    run = run_snippet(SNIPPET, timeout=300)
    run.require_success()
    RECORDING.parent.mkdir(exist_ok=True)
    RECORDING.write_text(f"{header(load)}\n{OUTPUT_MARKER}\n\n{run.stdout}", encoding="utf-8")
    print(f"wrote {RECORDING.relative_to(ROOT)}:\n{run.stdout}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
