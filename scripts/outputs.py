"""Run the snippets whose output pages show, and check or refresh that shown output.

The manifests, ``outputs/*.toml`` (one per part of the site), name, for each shown output, the snippet that produces it and
the run-dependent values (ports, dates, interpreter versions) to replace with placeholders.
The text a page shows is ``outputs/<name>.txt``: exactly what a fresh run prints to
standard output, after those replacements.

    python -m scripts.outputs refresh        # re-run every snippet, rewrite the shown output
    python -m scripts.outputs check [NAME]   # fail, with a diff, where a page shows stale output
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scripts.freshness import stale_message
from scripts.snippet_runs import SnippetFailed, run_snippet
from scripts.includes import ROOT

MANIFESTS = "outputs/*.toml"
FIX_HINT = "run `make outputs` (python -m scripts.outputs refresh), then review the pages named"


class OutputError(Exception):
    """A shown output that is missing, stale, or whose snippet failed; names file and fix."""


@dataclass(frozen=True)
class Replacement:
    pattern: str
    placeholder: str


@dataclass(frozen=True)
class ShownOutput:
    name: str
    snippet: str
    manifest_line: int
    replacements: tuple[Replacement, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"outputs/{self.name}.txt"

    def normalize(self, text: str) -> str:
        for r in self.replacements:
            text = re.sub(r.pattern, r.placeholder, text, flags=re.MULTILINE)
        return text


def load_manifest(root: Path = ROOT) -> list[ShownOutput]:
    """Every shown output of every manifest; names are unique across manifests."""
    outputs: list[ShownOutput] = []
    seen: dict[str, str] = {}
    for path in sorted(root.glob(MANIFESTS)):
        manifest = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise OutputError(f"{manifest}: not valid TOML: {exc}") from None
        for name, table in data.items():
            line = next((n for n, l in enumerate(text.splitlines(), 1) if l.strip() == f"[{name}]"), 1)
            where = f"{manifest}:{line} [{name}]"
            if name in seen:
                raise OutputError(f"{where}: the name is already used at {seen[name]}")
            seen[name] = where
            unknown = set(table) - {"snippet", "replace"}
            if unknown or "snippet" not in table:
                raise OutputError(f"{where}: needs `snippet` (and optionally [[{name}.replace]]), got {sorted(table)}")
            if not (root / table["snippet"]).is_file():
                raise OutputError(f"{where}: snippet {table['snippet']} does not exist")
            replacements = []
            for item in table.get("replace", []):
                try:
                    re.compile(item["pattern"])
                    replacements.append(Replacement(item["pattern"], item["with"]))
                except (KeyError, re.error) as exc:
                    raise OutputError(f"{where}: each replace needs a valid `pattern` and `with` ({exc})") from None
            outputs.append(ShownOutput(name, table["snippet"], line, tuple(replacements)))
    return outputs


def fresh_text(output: ShownOutput, root: Path = ROOT) -> str:
    run = run_snippet(output.snippet, root)
    try:
        run.require_success()
    except SnippetFailed as exc:
        raise OutputError(str(exc)) from None
    return output.normalize(run.stdout)


def problem(output: ShownOutput, root: Path = ROOT) -> str | None:
    """Why ``outputs/<name>.txt`` is not what a fresh run prints (None: it is)."""
    return stale_message(
        output.path, fresh_text(output, root), root=root, fix=FIX_HINT,
        why=f"it no longer matches what {output.snippet} prints",
        fresh_label=f"python {output.snippet} (fresh run)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "refresh"])
    parser.add_argument("names", nargs="*", help="only these outputs (default: all)")
    args = parser.parse_args(argv)
    try:
        outputs = [o for o in load_manifest() if not args.names or o.name in args.names]
        if args.command == "refresh":
            for output in outputs:
                text = fresh_text(output)
                (ROOT / output.path).write_text(text, encoding="utf-8")
                print(f"wrote {output.path} from {output.snippet}")
            return 0
        problems = [p for o in outputs if (p := problem(o))]
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if problems:
        print("\n\n".join(problems), file=sys.stderr)
        return 1
    print(f"All {len(outputs)} shown output(s) match a fresh run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
