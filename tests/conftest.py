"""Shared fixtures: the project root, one strict build of the site per test session by each
builder (MkDocs, the published one, and Zensical), and the check that the test run leaves
no process behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import process_tree

ROOT = Path(__file__).resolve().parent.parent


# How long processes the test run started may take to end once its last test is done
# (a browser closing, a server shutting down) before they count as left behind; the test
# of this check (tests/test_no_process_left_behind.py) shortens it for its inner run.
GRACE_SECONDS = float(os.environ.get("TEST_RUN_GRACE_SECONDS", "15"))


def pytest_configure(config: pytest.Config) -> None:
    # Orphans (a server whose snippet was killed) are then re-parented to this process, not
    # to init, and the check below still sees them as started by the test run.
    process_tree.become_subreaper()


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """At the end of the session, fail if a process the test run started is still running,
    naming each one; then kill them, so that not even a failed run leaves one behind."""
    yield
    left = [p for p in process_tree.descendants(os.getpid()) if p.running]
    still = set(process_tree.still_running_after([p.pid for p in left], GRACE_SECONDS))
    named = [p for p in left if p.pid in still]
    process_tree.kill_ours([p.pid for p in named], GRACE_SECONDS)
    assert not named, (
        f"{len(named)} process(es) started by the test run were still running {GRACE_SECONDS} s after its "
        "last test (killed now); a snippet, a server or a fixture did not stop what it started:\n"
        + "\n".join(f"  {p}" for p in named)
    )


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def versioned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the published site once, as `make build` does: one strict MkDocs build per
    supported Django series side by side (scripts/series_site.py); return its folder."""
    from scripts import series_site

    site_dir = tmp_path_factory.mktemp("site")
    try:
        return series_site.build(site_dir)
    except series_site.SeriesBuildFailed as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def built_site(versioned_site: Path) -> Path:
    """The newest series' site of the published build (`site/<newest>/`): what the tests of
    one site (links, browser, builders, weight) look at."""
    from scripts import django_series

    return versioned_site / django_series.newest(ROOT).name


@pytest.fixture(scope="session")
def built_site_url() -> str:
    """The address the newest series' build is made for (site_url plus its folder)."""
    from scripts import django_series, series_site

    return series_site.site_url(django_series.newest(ROOT), ROOT)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a copy of the project once with `zensical build --strict`; return the site folder."""
    from scripts import zensical_build

    return zensical_build.build(tmp_path_factory.mktemp("zensical-project"))


# The browser tests' shared fixtures: the built site served on 127.0.0.1, one Chromium,
# and one load per page and colour scheme (see tests/browser_support.py).
from tests.browser_support import browser, site_url, site_visits, visit  # noqa: E402,F401


def pytest_collection_finish(session: pytest.Session) -> None:
    """Begin, in the background, the run of every snippet a collected test will ask for: its
    own test (tests/snippets/test_<name>.py) or the check of its shown output. A run is a
    program that mostly waits on the servers it starts, so overlapping them shortens the
    session; each test still waits for, and checks, the one run of its snippet."""
    from scripts.snippet_runs import start_in_background

    from scripts import django_series

    python = {s.name: s for s in django_series.supported(ROOT)}
    wanted = []
    shown = {o.name: o.snippet for o in _shown_outputs()}
    for item in session.items:
        path = Path(str(item.fspath))
        callspec = getattr(item, "callspec", None)
        if path.parent.name == "snippets" and path.name.startswith("test_"):
            snippet = f"snippets/{path.stem.removeprefix('test_')}.py"
            series = callspec.params.get("django_series") if callspec else None
            if (ROOT / snippet).is_file():
                wanted.append((snippet, series.python(ROOT) if series else None))
        elif path.name == "test_generated_files.py" and "[outputs:" in item.name:
            name, _, series = item.name.split("[outputs:", 1)[1].rstrip("]").partition("@django-")
            series = python.get(series) if series else django_series.newest(ROOT)
            if name in shown and series:
                wanted.append((shown[name], series.python(ROOT)))
    if wanted:
        start_in_background(wanted, workers=SNIPPET_WORKERS)


# Snippet runs mostly wait on the servers they start, so more run at once than there are cores.
SNIPPET_WORKERS = int(os.environ.get("SNIPPET_WORKERS", "3"))


def _shown_outputs():
    from scripts import outputs

    try:
        return outputs.load_manifest(ROOT)
    except Exception:  # a broken manifest fails its own named test; nothing to start here
        return []
