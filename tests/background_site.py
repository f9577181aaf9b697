"""The published site built, served and loaded page by page in the background of a test
session, from the moment the snippet runs that need a quiet machine have ended.

Why it exists: building every series and loading every page in Chromium (in both colour
schemes, with axe, the weight and the layout measured) is about a third of the session's
work, and it is mostly the browser's and MkDocs' processes working, not this one. Begun
in the background (tests/conftest.py begins it once the snippet runs marked
`quiet_machine` have ended), it overlaps with the tests that run meanwhile, at a lower
processor priority than theirs (scripts/background_priority.py); the tests that wait for
it run last, and the fixtures `versioned_site`, `site_url` and `site_visits` wait for the
part they need. Its server runs from the start, at the priority of the tests.

Its threads' names begin with THREAD_PREFIX, so that a test counting the threads its own
code left running can leave them out (tests/support_modules.py).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

THREAD_PREFIX = "test session"


class BackgroundSite:
    """One build of the published site (every series, scripts/series_site.py), served on
    127.0.0.1, and one SiteVisits load of each page in ``paths`` (none: no visits)."""

    def __init__(self, root: Path, paths: list[str], niceness: int = 0) -> None:
        self.root = root
        self.paths = list(dict.fromkeys(paths))
        self.niceness = niceness
        self._folder = Path(tempfile.mkdtemp(prefix="published-site-"))
        (self._folder / "site").mkdir()
        from tests.browser_support import StaticSite

        # Served from now on, from the thread that makes it, so that the server keeps that
        # thread's priority: the tests in the foreground load pages from it.
        self._server = StaticSite(self._folder / "site", thread_name=f"{THREAD_PREFIX}: static site")
        self._built: Future = Future()
        self._served: Future = Future()
        self._visited: Future = Future()
        self._stop = threading.Event()
        self._starting = threading.Lock()
        self._started = False
        self._thread = threading.Thread(target=self._work, name=f"{THREAD_PREFIX}: site build and page visits",
                                        daemon=True)

    def start(self) -> BackgroundSite:
        """Begin the build and the page loads (once; a second call does nothing)."""
        with self._starting:
            if not self._started:
                self._started = True
                self._thread.start()
        return self

    # --- what the fixtures wait for ----------------------------------------------------

    def site(self) -> Path:
        """The folder of the whole published build (``<folder>/6.1/``, ``versions.json``...)."""
        return self._wait(self._built)

    def url(self) -> str:
        """The newest series' site as served, with the others beside it; no trailing slash."""
        return self._wait(self._served)

    def visits(self):
        """The SiteVisits with every page of ``paths`` loaded and checked."""
        return self._wait(self._visited)

    @staticmethod
    def _wait(future: Future):
        from scripts.series_site import SeriesBuildFailed

        try:
            return future.result()
        except SeriesBuildFailed as exc:  # its message names the series and has MkDocs' log
            pytest.fail(str(exc), pytrace=False)

    # --- the background thread -----------------------------------------------------

    def _work(self) -> None:
        from scripts import django_series, series_site
        from scripts.background_priority import lower_this_thread
        from tests.browser_support import SiteVisits

        lower_this_thread(self.niceness)  # and the builds' and the browsers' processes with it
        futures = (self._built, self._served, self._visited)
        try:
            site = series_site.build(self._folder / "site", self.root, thread_name_prefix=f"{THREAD_PREFIX}: series build")
        except BaseException as exc:
            for future in futures:
                future.set_exception(exc)
            return
        self._built.set_result(site)
        try:
            newest = django_series.newest(self.root).name
            url = f"{self._server.url}/{newest}"
            self._served.set_result(url)
            visits = SiteVisits(url, site / newest, self.paths, stop=self._stop, thread_prefix=THREAD_PREFIX)
            if self.paths:
                visits.visit_all()
            self._visited.set_result(visits)
        except BaseException as exc:  # reported by whichever fixture waits for it
            for future in futures[1:]:
                if not future.done():
                    future.set_exception(exc)

    def close(self) -> None:
        """Stop loading pages (after the one each browser is on), stop serving, and remove
        the build."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._server.close()
        shutil.rmtree(self._folder, ignore_errors=True)

