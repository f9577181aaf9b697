"""Measure what the site's machinery costs, and print the figures (a measurement, not a test).

    python -m scripts.benchmark                   # every figure (the suite takes minutes)
    python -m scripts.benchmark --no-suite        # all but the test suite
    python -m scripts.benchmark --only lighthouse # one figure: builds, rebuild, series, suite, lighthouse
    python -m scripts.benchmark --only lighthouse --lighthouse-runs 3   # each page's median of 3 runs

It prints, measured in one run on this machine:

1. our build, `mkdocs build --strict` with this project's configuration: the whole build
   and the time per page;
2. a plain Material for MkDocs build of the same Markdown, with every `--8<--` include
   already expanded into the pages and without our additions (theme overrides, extra CSS
   and JavaScript, the snippets extension, hooks and plugins other than search), so that
   the cost of our machinery reads as the ratio of the two;
3. the rebuild time after one snippet that a page includes is edited while `mkdocs serve`
   runs: from the write to the moment the live-reload poll says the new build is ready;
4. the published build of every supported Django series side by side (`make build`:
   scripts/series_site.py), as a ratio to the build of the newest series alone with the
   same configuration (target at most 3.5 for three series);
5. the whole test suite's time: `make test`, the README's command, with every environment
   it installs already there (every series' snippets included);
6. Lighthouse's mobile performance score of every page (simulated throttling, the site
   served gzip-compressed on 127.0.0.1; `scripts/lighthouse.py`), with its five metrics:
   one run per page by default (about 13 s a page, 7 minutes for the site on a 2-core
   machine), or the median of `--lighthouse-runs N` runs, as Lighthouse's documentation on
   variability recommends for a figure to compare (three runs take about 22 minutes).

Each build runs in a fresh Python process (imports included, as on the command line),
three times, alternating ours and plain; the median is printed. Targets for a 2-core
machine: our build at most 1.2 times the plain one, a rebuild after a snippet edit at
most 1.5 s, every series side by side at most 3.5 times one, the test suite (three
series) at most 6 minutes, every page at least 95 on a phone. Runs on a busy machine measure the machine
too: the load average printed first says how busy it was.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import lighthouse
from scripts.live_reload import copy_project, edit_and_wait, serving

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
TARGET_RATIO = 1.2
TARGET_REBUILD_S = 1.5
TARGET_SUITE_S = 360.0
TARGET_SERIES_RATIO = 3.5


# --- the two builds, each run in a fresh process ------------------------------------


def load_raw_config() -> dict:
    """mkdocs.yml as MkDocs reads it (with its !!python/name tags resolved)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=get_yaml_loader())


def extension_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def snippets_options(raw: dict) -> dict:
    for entry in raw.get("markdown_extensions", []):
        if extension_name(entry) == "pymdownx.snippets":
            return {} if isinstance(entry, str) else dict(entry["pymdownx.snippets"] or {})
    return {}


def build_once(variant: str, site_dir: str, docs_dir: str | None) -> None:
    """What `mkdocs build --strict` does, for our configuration or the plain one."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    options: dict = {"site_dir": site_dir, "strict": True}
    if variant == "plain":
        raw = load_raw_config()
        options.update(
            docs_dir=docs_dir,
            theme={key: value for key, value in raw["theme"].items() if key != "custom_dir"},
            markdown_extensions=[e for e in raw["markdown_extensions"] if extension_name(e) != "pymdownx.snippets"],
            extra_css=[],
            extra_javascript=[],
            watch=[],
            hooks=[],
            plugins=["search"],
        )
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), **options)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def expand_includes(destination: Path) -> int:
    """Copy docs/ to `destination` with every page's includes expanded, as the snippets
    extension expands them during our build; return the number of pages."""
    import markdown

    options = snippets_options(load_raw_config())
    shutil.copytree(ROOT / "docs", destination)
    pages = sorted(destination.rglob("*.md"))
    for page in pages:
        md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options})
        lines = md.preprocessors["snippet"].run(page.read_text(encoding="utf-8").split("\n"))
        text = "\n".join(lines)
        leftover = [line for line in text.splitlines() if re.match(r"\s*--8<--", line)]
        assert not leftover, f"{page.name}: includes left after expanding: {leftover[:3]}"
        page.write_text(text, encoding="utf-8")
    return len(pages)


def time_build(variant: str, site_dir: Path, docs_dir: Path | None = None) -> float:
    command = [sys.executable, "-m", "scripts.benchmark", "_build", variant, str(site_dir)]
    if docs_dir:
        command.append(str(docs_dir))
    shutil.rmtree(site_dir, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"the {variant} build failed:\n{result.stderr}")
    return elapsed


def measure_builds(work: Path) -> tuple[float, float, int]:
    pages = expand_includes(work / "plain-docs")
    ours, plain = [], []
    for _ in range(RUNS):
        ours.append(time_build("ours", work / "ours-site"))
        plain.append(time_build("plain", work / "plain-site", work / "plain-docs"))
    return statistics.median(ours), statistics.median(plain), pages


# --- every series side by side -------------------------------------------------------


def time_command(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed


def measure_series(work: Path) -> tuple[float, float, int]:
    """Median seconds of `make build` (every series) and of the newest series' build alone."""
    from scripts import django_series, series_site

    newest = django_series.newest(ROOT)
    config = series_site.write_config(newest, ROOT)
    every, one = [], []
    for _ in range(RUNS):
        shutil.rmtree(work / "series-site", ignore_errors=True)
        every.append(time_command([sys.executable, "-m", "scripts.series_site", "build", str(work / "series-site")]))
        one.append(time_command([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file",
                                 str(config), "--site-dir", str(work / "one-site")]))
    return statistics.median(every), statistics.median(one), len(django_series.supported(ROOT))


# --- the rebuild under `mkdocs serve` ------------------------------------------------


def included_snippet() -> tuple[str, str]:
    """A snippet that a page includes whole, and the URL path the page is served at."""
    from scripts.includes import all_includes

    for include in all_includes(ROOT):
        if include.path.startswith("snippets/") and include.section is None:
            page = Path(include.page).relative_to("docs").with_suffix("")
            if page.name == "index":
                page = page.parent
            return include.path, "/" if page == Path(".") else f"/{page.as_posix()}/"
    sys.exit("no page includes a whole snippet: nothing to edit for the rebuild figure")


def measure_rebuild(work: Path) -> tuple[float, str]:
    """Median seconds from a snippet edit to the end of the rebuild `make serve` performs."""
    project = copy_project(work / "served-project")
    snippet, page_path = included_snippet()
    times = []
    with serving(project) as base:
        for run in range(RUNS):
            marker = f"benchmark-edit-{run}-{time.time_ns()}"
            html, seconds = edit_and_wait(base, base + page_path, project / snippet, f"\n# {marker}\n")
            assert marker in html, f"{page_path} does not show the edit to {snippet}"
            times.append(seconds)
    return statistics.median(times), f"{snippet}, shown on {page_path}"


# --- the test suite ------------------------------------------------------------------


def measure_suite() -> tuple[float, str]:
    """Seconds of `make test` (installing nothing once everything is there), and pytest's
    last line."""
    start = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return elapsed, (lines[-1].strip("= ") if lines else f"exit status {result.returncode}")


# --- the report ----------------------------------------------------------------------


FIGURES = ("builds", "rebuild", "series", "suite", "lighthouse")


def verdict(value: float, target: float) -> str:
    return "within target" if value <= target else "OVER TARGET"


def main(argv: list[str]) -> int:
    if argv[:1] == ["_build"]:
        build_once(argv[1], argv[2], argv[3] if len(argv) > 3 else None)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-suite", action="store_true", help="leave out the test suite")
    parser.add_argument("--only", choices=FIGURES, help="measure only this figure")
    parser.add_argument("--lighthouse-runs", type=lighthouse.runs_count, default=1, metavar="N",
                        help="Lighthouse runs per page, the median printed (default: 1)")
    args = parser.parse_args(argv)
    wanted = {args.only} if args.only else set(FIGURES) - ({"suite"} if args.no_suite else set())

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # as the Makefile does
    print(f"Machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="benchmark-") as tmp:
        work = Path(tmp)
        if "builds" in wanted:
            ours, plain, pages = measure_builds(work)
            ratio = ours / plain
            print(f"\nBuild, median of {RUNS} fresh processes, {pages} pages")
            print(f"  ours   mkdocs build --strict                     {ours:6.2f} s   {1000 * ours / pages:5.0f} ms/page")
            print(f"  plain  Material, includes expanded, no additions {plain:6.2f} s   {1000 * plain / pages:5.0f} ms/page")
            print(f"  ratio  ours / plain                              {ratio:6.2f}     target <= {TARGET_RATIO}: {verdict(ratio, TARGET_RATIO)}")

        if "rebuild" in wanted:
            rebuild, what = measure_rebuild(work)
            print(f"\nRebuild under mkdocs serve after a snippet edit, median of {RUNS}")
            print(f"  {rebuild:6.2f} s   target <= {TARGET_REBUILD_S:.1f} s: {verdict(rebuild, TARGET_REBUILD_S)}   ({what})")

        if "series" in wanted:
            every, one, count = measure_series(work)
            ratio = every / one
            print(f"\nEvery Django series side by side (make build), median of {RUNS} fresh processes")
            print(f"  {count} series  scripts.series_site build              {every:6.2f} s")
            print(f"  1 series  mkdocs build --strict (the newest)      {one:6.2f} s")
            print(f"  ratio     all / one                               {ratio:6.2f}     target <= "
                  f"{TARGET_SERIES_RATIO}: {verdict(ratio, TARGET_SERIES_RATIO)}")

    if "suite" in wanted:
        suite, summary = measure_suite()
        print("\nTest suite, make test (the README's command; everything installed)")
        print(f"  {suite:6.1f} s   target <= {TARGET_SUITE_S:.0f} s: {verdict(suite, TARGET_SUITE_S)}   ({summary})")

    if "lighthouse" in wanted:
        scores = lighthouse.measure(runs=args.lighthouse_runs)
        lowest = min(s.performance for s in scores)
        print(f"\nLighthouse {lighthouse.lighthouse_version()} performance on a phone (mobile, simulated "
              f"throttling, gzip), {len(scores)} pages, median of {args.lighthouse_runs} run(s) each")
        print("\n".join(lighthouse.describe(scores)))
        print(f"  lowest {lowest}   target >= {lighthouse.TARGET_SCORE}: "
              f"{'within target' if lowest >= lighthouse.TARGET_SCORE else 'BELOW TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
