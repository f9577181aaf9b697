"""The shown-outputs kind: what a snippet prints, as a page shows it.

The manifests, ``outputs/*.toml`` (one per part of the site), name, for each shown
output, the snippet that produces it and the run-dependent values (ports, dates, process
ids) to replace with placeholders. The text a page shows is ``outputs/<name>.txt``:
exactly what a fresh run prints to standard output, after those replacements. An output
that depends on the Python release (it quotes the standard library's line numbers) says
so with ``depends_on_python = true``.

Checked and rewritten by the engine: ``python -m scripts.generate check|update outputs``.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from scripts.django_series import Series
from scripts.generated_files import GeneratedFile, Item, ItemError, parse_toml, table_line
from scripts.snippet_runs import SnippetFailed, run_snippet

MANIFESTS = "outputs/*.toml"
_KEYS = {"snippet", "replace", "depends_on_python"}

OutputError = ItemError


@dataclass(frozen=True)
class Replacement:
    pattern: str
    placeholder: str


@dataclass(frozen=True)
class ShownOutput:
    name: str
    snippet: str
    where: str
    replacements: tuple[Replacement, ...] = field(default=())
    depends_on_python: bool = False

    @property
    def path(self) -> str:
        return f"outputs/{self.name}.txt"

    def normalize(self, text: str) -> str:
        for r in self.replacements:
            text = re.sub(r.pattern, r.placeholder, text, flags=re.MULTILINE)
        return text


def parse_manifest(root: Path, manifest: str, text: str) -> list[ShownOutput]:
    outputs = []
    for name, table in parse_toml(manifest, text).items():
        where = f"{manifest}:{table_line(text, name)} [{name}]"
        unknown = set(table) - _KEYS if isinstance(table, dict) else set()
        if not isinstance(table, dict) or unknown or "snippet" not in table:
            got = sorted(table) if isinstance(table, dict) else table
            raise OutputError(f"{where}: needs `snippet` (and optionally [[{name}.replace]], "
                              f"`depends_on_python`), got {got}")
        if not (root / table["snippet"]).is_file():
            raise OutputError(f"{where}: snippet {table['snippet']} does not exist")
        replacements = []
        for item in table.get("replace", []):
            try:
                re.compile(item["pattern"])
                replacements.append(Replacement(item["pattern"], item["with"]))
            except (KeyError, re.error) as exc:
                raise OutputError(f"{where}: each replace needs a valid `pattern` and `with` ({exc})") from None
        outputs.append(ShownOutput(name, table["snippet"], where, tuple(replacements),
                                   bool(table.get("depends_on_python", False))))
    return outputs


def load_manifest(root: Path) -> list[ShownOutput]:
    return [o for path in sorted(root.glob(MANIFESTS))
            for o in parse_manifest(root, path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))]


def fresh_text(output: ShownOutput, root: Path, python: str | None = None) -> str:
    run = run_snippet(output.snippet, root, python=python)
    try:
        run.require_success()
    except SnippetFailed as exc:
        raise OutputError(f"{output.where}: {exc}") from None
    return output.normalize(run.stdout)


class OutputKind:
    """Shown outputs for the engine (scripts/generate.py)."""

    name = "outputs"
    manifests = MANIFESTS
    generated = ("outputs/*.txt",)
    per_series = True  # each Django series prints its own

    def __init__(self, series: Series | None = None):
        self.series = series

    def for_series(self, series: Series) -> "OutputKind":
        """Outputs of ``series``: its snippets run with that series' interpreter."""
        return OutputKind(series)

    def python(self, root: Path) -> str | None:
        return self.series.python() if self.series is not None else None  # the tools' environments

    def load(self, root: Path, manifest: str, text: str) -> list[Item]:
        return [Item(self.name, o.name, o.where, o) for o in parse_manifest(root, manifest, text)]

    def prepare(self, items: list[Item], root: Path) -> None:
        """Snippets are independent programs: run them side by side before rendering, which
        then finds each run done (run_snippet keeps one run per snippet per process)."""
        with ThreadPoolExecutor(max_workers=2) as pool:
            python = self.python(root)
            list(pool.map(lambda item: run_snippet(item.spec.snippet, root, python=python), items))

    def paths(self, item: Item, root: Path) -> list[str]:
        return [item.spec.path]

    def render(self, item: Item, root: Path) -> list[GeneratedFile]:
        output: ShownOutput = item.spec
        return [GeneratedFile(
            output.path, fresh_text(output, root, self.python(root)), python_dependent=output.depends_on_python,
            why=f"it no longer matches what {output.snippet} prints",
            fresh_label=f"python {output.snippet} (fresh run)",
        )]


OUTPUTS = OutputKind()
