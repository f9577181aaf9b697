"""Lighthouse's mobile performance score of each page of a built site: how fast it is on a phone.

Why it exists: the site is read on phones too, and what a page costs there (a diagram laid
out on a slow CPU, a render-blocking stylesheet, a large search index) shows on a desktop
only as a few milliseconds. ``scripts/benchmark.py`` prints these scores as one of its
figures; they are a measurement, not a test assertion.

    python -m scripts.lighthouse                      # build the site, score every page
    python -m scripts.lighthouse / request/middleware/   # only these pages
    python -m scripts.lighthouse --site /tmp/site        # a site built before
    python -m scripts.lighthouse --reports /tmp/reports  # keep each run's JSON report there

Lighthouse is pinned in ``lighthouse/package.json`` (and its lockfile) and installed there
by ``make lighthouse`` (``npm ci``), which this module runs when it is missing. It runs with its defaults for a phone: a mobile screen
and simulated throttling (a slow 4G connection, a CPU four times slower). The site is
built into a temporary folder and served gzip-compressed on 127.0.0.1
(``scripts/gzip_server.py``), as a production host would serve it. The browser is the
Chromium the tests use (``scripts/browser.py``), passed as ``CHROME_PATH``, headless and
with its background networking off: the machine has no network but its package
registries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts import gzip_server
from scripts.browser import CHROMIUM_ARGS, find_chromium

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "lighthouse"
BINARY = FOLDER / "node_modules" / ".bin" / "lighthouse"
TARGET_SCORE = 95


@dataclass
class Score:
    path: str
    performance: int  # 0-100, as Lighthouse reports it
    metrics: dict[str, float]  # first-contentful-paint, largest-contentful-paint, ... in ms (CLS unitless)


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def require_lighthouse() -> Path:
    """The pinned Lighthouse, installed first (`make lighthouse`) if it is not there yet."""
    if not BINARY.is_file():
        print("Installing Lighthouse: make lighthouse", file=sys.stderr)
        subprocess.run(["make", "--no-print-directory", "lighthouse"], cwd=ROOT, check=False)
    if not BINARY.is_file():
        sys.exit(f"Lighthouse could not be installed in {FOLDER.relative_to(ROOT)}/: run `make lighthouse` "
                 "(npm ci there, from its package-lock.json) and read its error")
    return BINARY


def build_site(site_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stderr}")


def site_paths(site_dir: Path) -> list[str]:
    """Every page of the build, as URL paths ("/", "/request/middleware/"), the 404 page left out."""
    paths = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if not rel.startswith("assets"):
            paths.append("/" if rel == "." else f"/{rel}/")
    return paths


def report_name(path: str, run: int) -> str:
    """The file a kept report is written to: "/request/middleware/", run 0 -> request-middleware.1.json."""
    return f"{path.strip('/').replace('/', '-') or 'index'}.{run + 1}.json"


def score(url: str, chromium: str, work: Path, keep: Path | None = None) -> dict:
    """One Lighthouse run (performance only) of one URL; its JSON report (also left at
    ``keep``, when given, for reading its audits: bootup-time, mainthread-work-breakdown...)."""
    report = work / "report.json"
    flags = " ".join(["--headless", *CHROMIUM_ARGS])
    result = subprocess.run(
        [str(require_lighthouse()), url, "--quiet", "--only-categories=performance",
         "--output=json", f"--output-path={report}", f"--chrome-flags={flags}"],
        cwd=FOLDER, capture_output=True, text=True, timeout=300,
        env={**os.environ, "CHROME_PATH": chromium},
    )
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse {url} failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        report.replace(keep)
    else:
        report.unlink()
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}: {data['runtimeError']}")
    return data


def measure(paths: list[str] | None = None, built: Path | None = None, runs: int = 1,
            reports: Path | None = None) -> list[Score]:
    """Build the site (or take the one built in ``built``), serve it compressed, and score
    each page (all of them by default): the median of ``runs`` runs, each metric's median
    too. (Lighthouse's simulated throttling scales the CPU time it observes, so a busy
    machine lowers the scores; several runs steady them.) With ``reports``, every run's
    JSON report is kept in that folder (``report_name``)."""
    chromium = find_chromium()
    if not chromium:
        sys.exit("no Chromium for Lighthouse: run `python -m scripts.browser ensure`")
    require_lighthouse()
    scores = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        site = built or work / "site"
        if built is None:
            build_site(site)
        wanted = paths or site_paths(site)
        with gzip_server.serving(site) as base:
            for path in wanted:
                runs_of_page = [score(base + path, chromium, work, reports / report_name(path, n) if reports else None)
                                for n in range(runs)]
                performance = statistics.median(r["categories"]["performance"]["score"] for r in runs_of_page)
                metrics = {key: statistics.median(r["audits"][key]["numericValue"] for r in runs_of_page)
                           for key in METRICS}
                scores.append(Score(path, round(100 * performance), metrics))
    return scores


def describe(scores: list[Score]) -> list[str]:
    lines = []
    for s in scores:
        m = s.metrics
        detail = (f"FCP {m['first-contentful-paint'] / 1000:4.1f} s  LCP {m['largest-contentful-paint'] / 1000:4.1f} s  "
                  f"TBT {m['total-blocking-time']:5.0f} ms  CLS {m['cumulative-layout-shift']:.3f}  "
                  f"SI {m['speed-index'] / 1000:4.1f} s")
        mark = "" if s.performance >= TARGET_SCORE else "   BELOW TARGET"
        lines.append(f"  {s.performance:3d}  {s.path:32} {detail}{mark}")
    return lines


def runs_count(text: str) -> int:
    """An argparse type for a number of runs: a whole number of at least 1 (a median of no
    runs has nothing to be)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of runs, 1 or more")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="URL paths of pages (default: every page), e.g. / request/")
    parser.add_argument("--site", type=Path, help="score this built site instead of building one")
    parser.add_argument("--runs", type=runs_count, default=1, help="runs per page; the median is printed (default: 1)")
    parser.add_argument("--reports", type=Path, help="keep every run's JSON report in this folder")
    args = parser.parse_args(argv)
    paths = ["/" + p.strip("/") + ("/" if p.strip("/") else "") for p in args.paths] or None
    scores = measure(paths, args.site.resolve() if args.site else None, args.runs,
                     args.reports.resolve() if args.reports else None)
    print(f"Lighthouse {lighthouse_version()}, mobile, simulated throttling, gzip, median of {args.runs} "
          f"run(s); target >= {TARGET_SCORE}")
    print("\n".join(describe(scores)))
    return 0


def lighthouse_version() -> str:
    package = FOLDER / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else "(not installed)"


if __name__ == "__main__":
    sys.exit(main())
