"""Check what the snippets import, from their source (parsed with ast, never imported).

A page shows a snippet as something a reader runs and reads on its own; what snippets
share lives in snippets/support/. Two rules keep it that way:

- a shown snippet (`snippets/*.py`) imports only the standard library, the dependencies
  pinned in requirements.txt, the example project (`mysite`, `hello`) and `support`;
- nothing in `snippets/support/` imports a shown snippet.

Each violation is one message naming the file, the line and what to do instead.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from scripts.includes import ROOT

EXAMPLE_PROJECT = {"mysite", "hello"}
SUPPORT = "support"


def _normalised(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def pinned_import_names(root: Path = ROOT) -> set[str]:
    """The top-level modules of the distributions requirements.txt pins (as installed)."""
    pinned = set()
    for line in (root / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            pinned.add(_normalised(line.split("==")[0].strip()))
    return {
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if any(_normalised(d) in pinned for d in distributions)
    }


def imports_in(path: Path) -> list[tuple[int, str, int]]:
    """(line, module as written, relative level) for every import statement in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or "", node.level))
    return sorted(found)


def check(root: Path = ROOT) -> list[str]:
    snippets = root / "snippets"
    shown = {path.stem for path in snippets.glob("*.py")}
    allowed = set(sys.stdlib_module_names) | pinned_import_names(root) | EXAMPLE_PROJECT | {SUPPORT}
    problems = []
    for path in sorted(snippets.glob("*.py")):
        rel = path.relative_to(root).as_posix()
        for line, module, level in imports_in(path):
            top = module.split(".")[0]
            if level:
                problems.append(
                    f"{rel}:{line}: a relative import; a snippet runs as a script, so import "
                    f"from {SUPPORT} (`from {SUPPORT}.<module> import ...`) instead"
                )
            elif top in shown:
                problems.append(
                    f"{rel}:{line}: imports {module}, another shown snippet; move what both need "
                    f"into snippets/{SUPPORT}/ and import it from there"
                )
            elif top not in allowed:
                problems.append(
                    f"{rel}:{line}: imports {module}, which is neither the standard library, a "
                    "dependency pinned in requirements.txt, the example project (mysite, hello) "
                    f"nor {SUPPORT}; pin it in requirements.in (then `make lock`) or write the "
                    f"code in snippets/{SUPPORT}/"
                )
    for path in sorted((snippets / SUPPORT).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for line, module, level in imports_in(path):
            if not level and module.split(".")[0] in shown:
                problems.append(
                    f"{rel}:{line}: imports {module}, a shown snippet; {SUPPORT}/ must not depend on "
                    f"what pages show: move the code it needs into snippets/{SUPPORT}/"
                )
    return problems


if __name__ == "__main__":
    found = check()
    print("\n".join(found) or "Every snippet imports only what the rules allow.")
    sys.exit(1 if found else 0)
