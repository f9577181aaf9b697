"""Find (or install) the Chromium that the browser tests drive with Playwright.

Playwright cannot download its own browser on every machine (this project's CI has no
internet but package registries), so the tests use a system Chromium: ``$CHROMIUM`` if
set, else Debian's ``chromium`` package, else a browser Playwright installed.

    python -m scripts.browser ensure   # find one; if there is none, install one
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

from scripts import debian_packages

# Chromium's background services try to reach Google's hosts; on a closed network that
# only produces refused connections, and a test of "no third-party request" must not
# see them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM")]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    candidates += sorted(glob.glob(os.path.expanduser("~/.cache/ms-playwright/chromium-*/chrome-linux*/chrome")))
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def has_diagram_fonts() -> bool:
    """The Liberation fonts, with which the committed diagrams' text was measured (they are
    metric-compatible with Arial, the font the diagrams ask for)."""
    listed = subprocess.run(["fc-list", ":family=Liberation Sans"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    return bool(listed and listed.stdout.strip())


def ensure_diagram_fonts() -> None:
    if has_diagram_fonts():
        return
    if debian_packages.can_install():
        print("No Liberation fonts found: installing Debian's fonts-liberation package")
        debian_packages.install("fonts-liberation", check=False)
    if not has_diagram_fonts():
        print("warning: the Liberation fonts are missing (Debian: apt-get install fonts-liberation); "
              "the check of the drawn diagrams will report them as stale", file=sys.stderr)


def ensure() -> int:
    ensure_diagram_fonts()
    found = find_chromium()
    if found:
        print(f"Chromium for the browser tests: {found}")
        return 0
    if debian_packages.can_install():
        print("No Chromium found: installing Debian's chromium package")
        debian_packages.install("chromium")
    else:
        print("No Chromium found: asking Playwright to download one")
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if find_chromium():
        return ensure()
    print(
        "error: the browser tests need Chromium. Install your system's chromium package "
        "(Debian: apt-get install chromium), or set CHROMIUM=/path/to/chromium.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    if sys.argv[1:] != ["ensure"]:
        sys.exit(__doc__)
    sys.exit(ensure())
