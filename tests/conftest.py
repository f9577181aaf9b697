"""Shared fixtures: the project root, one strict build of the site per test session by each
builder (MkDocs, the published one, and Zensical), and the check that the test run leaves
no process behind.

Two kinds of work begin in the background as soon as collection ends: every snippet run a
test will ask for (scripts/snippet_runs.py), and the published site's build and the load
of each page in the browser (tests/background_site.py). The tests that wait for them run
last, so that the others run meanwhile."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import process_tree
from tests.background_site import BackgroundSite

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
    if _background_site is not None:  # its browsers end after the page each one is on
        _background_site.close()
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
def background_site():
    """The published site's build, its server and the page loads, begun when collection
    ended (or now, if no collected test seemed to need them)."""
    global _background_site
    if _background_site is None:
        _background_site = BackgroundSite(ROOT, []).start()
    return _background_site


@pytest.fixture(scope="session")
def versioned_site(background_site) -> Path:
    """The published site, built once as `make build` does: one strict MkDocs build per
    supported Django series side by side (scripts/series_site.py); its folder."""
    return background_site.site()


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


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    """First the tests of the snippets that need a quiet machine (marked `quiet_machine`),
    whose runs are the only background work while they run; then the tests that wait for
    nothing, while the rest of the background work is under way; last the tests that wait
    for it. Each group keeps the order of collection."""
    items[:] = sorted(items, key=_place_in_the_session)  # a stable sort


def pytest_runtest_setup(item) -> None:
    """No other test begins while a snippet run that needs a quiet machine is under way."""
    if item.get_closest_marker("quiet_machine") is None:
        from scripts.snippet_runs import wait_for_the_first_runs

        wait_for_the_first_runs()


def _place_in_the_session(item) -> int:
    if item.get_closest_marker("quiet_machine") is not None:
        return 0
    return 2 if _waits_for_background_work(item) else 1


def _waits_for_background_work(item) -> bool:
    return _snippet_run_of(item) is not None or "site_visits" in getattr(item, "fixturenames", ())


def _snippet_run_of(item) -> tuple[str, object] | None:
    """The (snippet, series) run a collected test waits for: its own test
    (tests/snippets/test_<name>.py) or the check of its shown output; None for the others."""
    from scripts import django_series

    path = Path(str(item.fspath))
    callspec = getattr(item, "callspec", None)
    if path.parent.name == "snippets" and path.name.startswith("test_"):
        snippet = f"snippets/{path.stem.removeprefix('test_')}.py"
        series = callspec.params.get("django_series") if callspec else None
        return (snippet, series) if (ROOT / snippet).is_file() else None
    if path.name == "test_generated_files.py" and "[outputs:" in item.name:
        name, _, series = item.name.split("[outputs:", 1)[1].rstrip("]").partition("@django-")
        shown = _shown_outputs()
        series = {s.name: s for s in django_series.supported(ROOT)}.get(series) if series else django_series.newest(ROOT)
        return (shown[name], series) if name in shown and series else None
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Begin, in the background, the run of every snippet a collected test will ask for, and
    the published site's build and page loads if a collected test needs the site. A run
    is a program that mostly waits on the servers it starts, and the page loads are the
    browser's work, so overlapping them shortens the session; each test still waits for,
    and checks, the one run or load it needs.

    The runs of the snippets marked `quiet_machine` come first, alone: their results depend
    on timing (a count within a tenth of a second, the reloader's once-a-second look at a
    file), which a busy processor would change. Then
    the other runs and the site begin, at a lower priority than the tests in the
    foreground (scripts/background_priority.py)."""
    global _background_site
    from scripts.background_priority import NICENESS
    from scripts.snippet_runs import start_in_background

    if session.config.option.collectonly:  # nothing will run
        return
    wanted, quiet = [], []
    for item in session.items:
        run = _snippet_run_of(item)
        if run is not None:
            snippet, series = run
            wanted.append((snippet, series.python(ROOT) if series else None))
            if item.get_closest_marker("quiet_machine") is not None:
                quiet.append(wanted[-1])
    if _background_site is None and any("background_site" in getattr(i, "fixturenames", ()) for i in session.items):
        from tests.browser_support import pages_to_visit

        _background_site = BackgroundSite(ROOT, pages_to_visit(session.items), niceness=NICENESS)
    begin_the_site = _background_site.start if _background_site is not None else None
    if wanted:
        start_in_background(wanted, first=quiet, workers=SNIPPET_WORKERS, first_workers=QUIET_SNIPPET_WORKERS,
                            then=begin_the_site, niceness=NICENESS)
    elif begin_the_site is not None:
        begin_the_site()


_background_site: BackgroundSite | None = None


# Snippet runs mostly wait on the servers they start, so more run at once than there are
# cores: the ones that need a quiet machine three at a time (one per series), the others four.
SNIPPET_WORKERS = int(os.environ.get("SNIPPET_WORKERS", "4"))
QUIET_SNIPPET_WORKERS = int(os.environ.get("QUIET_SNIPPET_WORKERS", "3"))


@functools.cache
def _shown_outputs() -> dict[str, str]:
    """Each shown output's name and the snippet it runs."""
    from scripts import outputs

    try:
        return {o.name: o.snippet for o in outputs.load_manifest(ROOT)}
    except Exception:  # a broken manifest fails its own named test; nothing to start here
        return {}
