#!/usr/bin/env python3
"""Re-create diagrams/vendor/mermaid/ from the npm registry.

Why this exists: the site's diagrams are drawn ahead of time by mermaid
(scripts/diagrams.py, in Chromium through scripts/diagram_renderer.py), and the
project must fetch nothing at build or test time but from package registries.
So it keeps its own copy of mermaid's ESM build, outside docs/ (no page loads it).
This script is how that copy is made, so that an upgrade is one command:

    python3 scripts/vendor_mermaid.py               # the pinned version below
    python3 scripts/vendor_mermaid.py 11.17.2       # any exact version

It runs `npm pack mermaid@VERSION` in a temporary folder (nothing is installed in
the project, and nothing here needs npm at build or test time), checks the
tarball against the integrity npm reports, and copies only what a browser needs
to `import()` mermaid.esm.min.mjs:

    mermaid.esm.min.mjs               the entry module
    chunks/mermaid.esm.min/*.mjs      the chunks it imports, statically or lazily
    LICENSE                           mermaid's MIT licence
    VERSION                           the exact version, one line

Source maps, type declarations and the other builds are left out. Before the
old folder is replaced, every relative import in the copied modules is checked
to resolve to a copied file, and none may import from another host.

Standard library only; needs `npm` on PATH. After running it, update
DEFAULT_VERSION below if you changed the version, run `make update KIND=diagrams`
(the diagrams are drawn again) and `pytest tests/test_diagrams.py`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# The version the site ships. Change it here when upgrading.
DEFAULT_VERSION = "11.17.2"

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "diagrams" / "vendor" / "mermaid"

ENTRY = "mermaid.esm.min.mjs"
CHUNKS = "chunks/mermaid.esm.min"

EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
# A module specifier in minified code: from"./x.mjs", import"./x.mjs", import("./x.mjs").
SPECIFIER = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']""")


def fail(message: str) -> None:
    sys.exit(f"vendor_mermaid: {message}")


def npm_pack(version: str, workdir: Path) -> Path:
    """Download mermaid@version's tarball with npm, verify it, return its path."""
    npm = shutil.which("npm")
    if npm is None:
        fail("npm is not on PATH")
    result = subprocess.run(
        [npm, "pack", f"mermaid@{version}", "--json", "--pack-destination", str(workdir)],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        fail(f"`npm pack mermaid@{version}` failed:\n{result.stderr.strip()}")
    (info,) = json.loads(result.stdout)
    if info["version"] != version:
        fail(f"npm returned mermaid {info['version']}, not {version}")
    tarball = workdir / info["filename"]
    algorithm, _, expected = info["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        fail(f"{tarball.name} does not match the integrity npm reported")
    print(f"mermaid@{version}: {info['integrity']}")
    return tarball


def extract(tarball: Path, workdir: Path, version: str) -> Path:
    """Unpack the tarball and return its dist/ folder."""
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir, filter="data")
    package = workdir / "package"
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if manifest.get("name") != "mermaid" or manifest.get("version") != version:
        fail("the tarball's package.json is not mermaid " + version)
    if not (package / "dist" / ENTRY).is_file():
        fail(f"mermaid {version} has no dist/{ENTRY}; its layout changed")
    return package


def stage(package: Path, staging: Path, version: str) -> None:
    """Copy what the browser needs from the unpacked package into staging/."""
    dist = package / "dist"
    (staging / CHUNKS).mkdir(parents=True)
    shutil.copy2(dist / ENTRY, staging / ENTRY)
    for chunk in sorted((dist / CHUNKS).glob("*.mjs")):
        shutil.copy2(chunk, staging / CHUNKS / chunk.name)
    shutil.copy2(package / "LICENSE", staging / "LICENSE")
    (staging / "VERSION").write_text(version + "\n", encoding="utf-8")


def check_imports(staging: Path) -> None:
    """Every module specifier must be relative and resolve to a staged file."""
    for module in staging.rglob("*.mjs"):
        text = module.read_text(encoding="utf-8")
        for specifier in SPECIFIER.findall(text):
            if not specifier.endswith(".mjs"):
                continue  # a string such as import"…" inside minified code, not a module
            if not specifier.startswith(("./", "../")):
                fail(f"{module.relative_to(staging)} imports {specifier!r}, not a relative path")
            if not (module.parent / specifier).resolve().is_file():
                fail(f"{module.relative_to(staging)} imports {specifier!r}, which is missing")


def replace(dest: Path, staging: Path) -> None:
    """Swap the staged folder in for dest, refusing to delete a folder it did not make."""
    if dest.exists():
        if any(dest.iterdir()) and not (dest / "VERSION").is_file():
            fail(f"{dest} exists and has no VERSION file; not deleting it")
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(staging, dest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "version",
        nargs="?",
        default=DEFAULT_VERSION,
        help=f"exact mermaid version, e.g. 11.17.2 (default: {DEFAULT_VERSION})",
    )
    args = parser.parse_args(argv)
    if not EXACT_VERSION.match(args.version):
        fail(f"{args.version!r} is not an exact version such as {DEFAULT_VERSION}")

    with tempfile.TemporaryDirectory(prefix="vendor-mermaid-") as tmp:
        workdir = Path(tmp)
        package = extract(npm_pack(args.version, workdir), workdir, args.version)
        staging = workdir / "staging"
        stage(package, staging, args.version)
        check_imports(staging)
        replace(DEST, staging)

    files = [p for p in DEST.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {DEST.relative_to(ROOT)}: {len(files)} files, {size / 1e6:.1f} MB")
    if args.version != DEFAULT_VERSION:
        print(f"now set DEFAULT_VERSION = {args.version!r} in {Path(__file__).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
