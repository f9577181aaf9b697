"""Build the site with Zensical, the second builder, from a copy of the project.

Zensical reads the same mkdocs.yml, but writes its site_dir and a cache (.cache/) inside
the project, and its command line cannot point either elsewhere; building a fresh copy
keeps the checkout untouched and makes every build a clean one. Zensical is installed in
.venv-zensical (`make zensical`, pinned by requirements-zensical.txt), apart from MkDocs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.includes import ROOT
from scripts.live_reload import copy_project

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


class ZensicalMissing(RuntimeError):
    """.venv-zensical has no zensical command."""


def build(destination: Path, zensical: Path = ZENSICAL) -> Path:
    """Copy the project to ``destination``, build it with ``zensical build --strict``,
    and return the built site's folder; raise with Zensical's output if the build fails."""
    if not zensical.is_file():
        raise ZensicalMissing(f"{zensical} does not exist: run `make zensical` (make test does) to install it")
    project = copy_project(destination)
    result = subprocess.run(
        [str(zensical), "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=project, capture_output=True, text=True,
    )
    site = project / "site"
    if result.returncode != 0 or not (site / "index.html").is_file():
        raise RuntimeError(f"zensical build --strict failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return site


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
