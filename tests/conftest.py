"""Shared fixtures: the project root, and one strict build of the site per test session by
each builder (MkDocs, the published one, and Zensical)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once with `mkdocs build --strict` and return the output folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a copy of the project once with `zensical build --strict`; return the site folder."""
    from scripts import zensical_build

    return zensical_build.build(tmp_path_factory.mktemp("zensical-project"))


# The browser tests' shared fixtures: the built site served on 127.0.0.1, one Chromium,
# and one load per page and colour scheme (see tests/browser_support.py).
from tests.browser_support import browser, site_url, site_visits, visit  # noqa: E402,F401
