"""The published site built, served and loaded page by page in the background of a test
session, from the moment collection ends.

Why it exists: building every series and loading every page in Chromium (in both colour
schemes, with axe, the weight and the layout measured) is about a third of the session's
work, and it is mostly the browser's and MkDocs' processes working, not this one. Begun
when collection ends, it overlaps with the tests that run meanwhile (tests/conftest.py
orders the tests that wait for it, and for the background snippet runs, last); the
fixtures `versioned_site`, `site_url` and `site_visits` wait for the part they need.

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

    def __init__(self, root: Path, paths: list[str]) -> None:
        self.root = root
        self.paths = list(dict.fromkeys(paths))
        self._folder = Path(tempfile.mkdtemp(prefix="published-site-"))
        self._built: Future = Future()
        self._served: Future = Future()
        self._visited: Future = Future()
        self._server = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name=f"{THREAD_PREFIX}: site build and page visits",
                                        daemon=True)

    def start(self) -> BackgroundSite:
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
        from tests.browser_support import SiteVisits, StaticSite

        futures = (self._built, self._served, self._visited)
        try:
            site = series_site.build(self._folder / "site", self.root)
        except BaseException as exc:
            for future in futures:
                future.set_exception(exc)
            return
        self._built.set_result(site)
        try:
            newest = django_series.newest(self.root).name
            self._server = StaticSite(site, thread_name=f"{THREAD_PREFIX}: static site")
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
        if self._server is not None:
            self._server.close()
        shutil.rmtree(self._folder, ignore_errors=True)

