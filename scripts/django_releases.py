"""Older Django releases, as source trees to parse: downloaded once, verified by hash.

Why it exists: most walkthroughs of Django's request handling that readers find were
written for Django 2.2 or 3.2, and the site has a page saying what changed since then in
every object it quotes (``scripts/history.py``). The engine parses source and never
imports it (``scripts/python_source.py``), so a release's wheel, which is a zip of its
source, is all it needs: no install, no Python of that era.

The releases and the sha256 of each wheel are pinned in ``history/releases.toml``.
``python -m scripts.django_releases ensure`` (``make releases``, which ``make test``,
``make build``, ``make check`` and ``make update`` run first) downloads each wheel with pip
from the package registry into a cache outside the project (``~/.cache/how-django-serves-a-request/``,
or ``$DJANGO_RELEASES_CACHE``), refuses a file whose hash is not the pinned one, and
unpacks its ``django/`` package next to it. ``source_tree(release)`` hands the unpacked
tree to the history kind, after checking that it came from the pinned wheel.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from scripts.generated_files import ItemError, parse_toml
from scripts.python_source import SourceTree, django_at

ROOT = Path(__file__).resolve().parent.parent
PINS = "history/releases.toml"
FETCH = "make releases"  # the command that downloads and unpacks them
_MARKER = ".from-wheel-sha256"  # in an unpacked tree: the hash of the wheel it came from


class ReleaseError(ItemError):
    """A pin that cannot be read, a download that failed, or a file that is not the pinned one."""


@dataclass(frozen=True)
class Release:
    version: str
    wheel: str  # the file name the registry serves
    sha256: str
    where: str  # history/releases.toml:line

    @property
    def series(self) -> str:
        """``2.2`` for 2.2.28."""
        return ".".join(self.version.split(".")[:2])


def cache_dir(root: Path = ROOT) -> Path:
    """Outside the project, so that nothing that walks its files meets a second Django: the
    user's cache (``$XDG_CACHE_HOME`` or ``~/.cache``), or ``$DJANGO_RELEASES_CACHE``."""
    configured = os.environ.get("DJANGO_RELEASES_CACHE")
    if configured:
        return Path(configured).resolve()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "how-django-serves-a-request" / "django-releases"


def pinned(root: Path = ROOT) -> list[Release]:
    """The releases of ``history/releases.toml``, oldest first, as pinned."""
    path = root / PINS
    if not path.is_file():
        raise ReleaseError(f"{PINS}: missing; it pins the Django releases the history page compares")
    text = path.read_text(encoding="utf-8")
    data = parse_toml(PINS, text)
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[release]]"]
    releases = []
    for number, table in enumerate(data.get("release", []), 1):
        where = f"{PINS}:{headers[number - 1] if number <= len(headers) else 1}"
        missing = {"version", "wheel", "sha256"} - set(table)
        if missing or set(table) - {"version", "wheel", "sha256"}:
            raise ReleaseError(f"{where}: release {number} needs exactly the keys version, wheel and sha256 "
                               f"(missing: {sorted(missing) or 'none'}, unknown: {sorted(set(table) - {'version', 'wheel', 'sha256'}) or 'none'})")
        if len(table["sha256"]) != 64:
            raise ReleaseError(f"{where}: the sha256 of {table['wheel']} must be 64 hex digits, got {table['sha256']!r}")
        releases.append(Release(table["version"], table["wheel"], table["sha256"].lower(), where))
    if not releases:
        raise ReleaseError(f"{PINS}:1: no [[release]] table; pin at least one release")
    keys = [tuple(int(p) for p in r.version.split(".")) for r in releases]
    if keys != sorted(keys):
        raise ReleaseError(f"{PINS}: list the releases oldest first (the page's columns follow this order)")
    return releases


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(release: Release, wheel: Path) -> None:
    """Fail loudly, naming the file and both hashes, unless ``wheel`` is the pinned file."""
    found = sha256_of(wheel)
    if found != release.sha256:
        raise ReleaseError(
            f"{release.where}: {wheel} has sha256 {found}, but Django {release.version} is pinned to "
            f"{release.sha256}. This is not the file that was checked when it was pinned: delete it and "
            f"run `{FETCH}` again; if the registry keeps serving a different file, find out why before "
            f"changing the pin in {PINS}."
        )


def download(release: Release, root: Path = ROOT) -> Path:
    """The release's wheel in the cache, downloaded with pip if it is not there yet."""
    wheels = cache_dir(root) / "wheels"
    wheel = wheels / release.wheel
    if not wheel.is_file():
        wheels.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", f"django=={release.version}", "--no-deps",
                   "--only-binary=:all:", "--disable-pip-version-check", "--quiet", "--dest", str(wheels)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0 or not wheel.is_file():
            raise ReleaseError(
                f"{release.where}: could not download {release.wheel} from the package registry "
                f"(`{' '.join(command[2:])}` exited with {result.returncode}):\n{result.stderr.strip()}"
            )
    verify(release, wheel)
    return wheel


def unpacked(release: Release, root: Path = ROOT) -> Path:
    return cache_dir(root) / f"django-{release.version}"


def ensure(root: Path = ROOT, say=print) -> list[Path]:
    """Download (if needed), verify and unpack every pinned release; return the trees."""
    trees = []
    for release in pinned(root):
        wheel = download(release, root)
        target = unpacked(release, root)
        marker = target / _MARKER
        if not (marker.is_file() and marker.read_text(encoding="utf-8").strip() == release.sha256):
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".django-{release.version}-", dir=target.parent))
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(staging, [n for n in archive.namelist() if n.startswith("django/")])
            (staging / _MARKER).write_text(release.sha256 + "\n", encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            try:
                staging.rename(target)
            except OSError:  # another checkout sharing the cache unpacked it meanwhile
                shutil.rmtree(staging, ignore_errors=True)
                if not (marker.is_file() and marker.read_text(encoding="utf-8").strip() == release.sha256):
                    raise
            say(f"unpacked Django {release.version} ({release.wheel}, sha256 verified) into {target}")
        trees.append(target)
    return trees


def source_tree(release: Release, root: Path = ROOT) -> SourceTree:
    """The unpacked source of ``release``, once the wheel it came from is checked again."""
    target = unpacked(release, root)
    marker = target / _MARKER
    wheel = cache_dir(root) / "wheels" / release.wheel
    if not marker.is_file() or not wheel.is_file():
        raise ReleaseError(
            f"{release.where}: Django {release.version} is not downloaded yet (no {target}); "
            f"run `{FETCH}` (or `.venv/bin/python -m scripts.django_releases ensure`)"
        )
    verify(release, wheel)
    if marker.read_text(encoding="utf-8").strip() != release.sha256:
        raise ReleaseError(f"{release.where}: {target} was unpacked from another wheel than the pinned one; "
                           f"run `{FETCH}` to unpack the pinned one")
    tree = django_at(target)
    if tree.version != release.version:
        raise ReleaseError(f"{release.where}: {release.wheel} holds Django {tree.version}, not {release.version}")
    return tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.django_releases", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["ensure"])
    parser.parse_args(argv)
    try:
        ensure()
    except ItemError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
