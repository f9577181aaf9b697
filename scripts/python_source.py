"""Find objects in installed Python source by parsing it, never by importing it.

Excerpts on the site are named by qualified name: ``django.core.handlers.base.BaseHandler``,
``wsgiref.handlers.BaseHandler.finish_response``, ``asgiref.sync.SyncToAsync``. This module
turns such a name into the distribution that ships it (Django, the standard library, or any
other installed distribution), the file, and the exact line range that defines it, and
knows how to link to those lines at that distribution's release tag. Parsing rather than
importing means any release's source tree can be checked, including one that would not
import under the current Python or settings.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import platform
import sys
import sysconfig
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path


class SourceLookupError(Exception):
    """A qualified name or file that cannot be found in a source tree."""


# Where each distribution the site may quote keeps its source, at a release tag. The
# standard library's is CPython's, at the tag of the running Python.
REPOSITORIES = {
    "Django": "https://github.com/django/django/blob/{version}/{path}#L{start}-L{end}",
    "Python": "https://github.com/python/cpython/blob/v{version}/Lib/{path}#L{start}-L{end}",
    "asgiref": "https://github.com/django/asgiref/blob/{version}/{path}#L{start}-L{end}",
    "gunicorn": "https://github.com/benoitc/gunicorn/blob/{version}/{path}#L{start}-L{end}",
    "uvicorn": "https://github.com/Kludex/uvicorn/blob/{version}/{path}#L{start}-L{end}",
}


@dataclass(frozen=True)
class SourceTree:
    """One distribution's source: the folder holding its top-level package(s), and its release.

    ``distribution`` is the name titles use (``Django``, ``Python``, ``asgiref``);
    ``version`` the release (``6.1.3``, ``3.12.1``).
    """

    root: Path
    distribution: str
    version: str

    @property
    def key(self) -> str:
        """A folder name for this distribution's snapshots: ``django``, ``python``."""
        return self.distribution.lower()

    @property
    def is_stdlib(self) -> bool:
        return self.distribution == "Python"

    @property
    def label(self) -> str:
        return f"{self.distribution} {self.version}"

    def url(self, path: str, start: int, end: int) -> str:
        template = REPOSITORIES.get(self.distribution)
        if template is None:
            raise SourceLookupError(
                f"no release-tag link is known for {self.distribution}; add its repository to "
                "REPOSITORIES in scripts/python_source.py"
            )
        return template.format(version=self.version, path=path, start=start, end=end)

    def read_lines(self, relative_path: str) -> list[str]:
        path = self.root / relative_path
        if not path.is_file():
            raise SourceLookupError(f"{relative_path} does not exist in {self.label}")
        return path.read_text(encoding="utf-8").splitlines()

    def locate(self, qualname: str, occurrence: int = 1) -> "Location":
        """Return the file and line span (decorators included) that define ``qualname``."""
        parts = qualname.split(".")
        module_path, rest = self._split_module(parts)
        relative = module_path.relative_to(self.root).as_posix()
        source = module_path.read_text(encoding="utf-8")
        if not rest:
            return Location(qualname, relative, 1, len(source.splitlines()))
        tree = _parse(source, relative)
        scope: list[ast.stmt] = tree.body
        node: ast.AST | None = None
        for depth, name in enumerate(rest):
            matches = [n for n in _definitions(scope) if _defined_name(n) == name]
            last = depth == len(rest) - 1
            if not matches:
                where = ".".join(parts[: len(parts) - len(rest) + depth])
                raise SourceLookupError(
                    f"{qualname!r}: {where} ({relative}) defines no {name!r} in {self.label}"
                )
            if last:
                if occurrence > len(matches):
                    raise SourceLookupError(
                        f"{qualname!r}: occurrence {occurrence} asked for, but {relative} "
                        f"defines it {len(matches)} time(s)"
                    )
                if len(matches) > 1 and occurrence == 1 and not _is_property_family(matches):
                    lines = ", ".join(str(m.lineno) for m in matches)
                    raise SourceLookupError(
                        f"{qualname!r} is defined {len(matches)} times in {relative} "
                        f"(lines {lines}); say which with `occurrence = N`"
                    )
                node = matches[occurrence - 1]
            else:
                node = matches[0]
                if not isinstance(node, ast.ClassDef):
                    raise SourceLookupError(f"{qualname!r}: {name!r} is not a class")
                scope = node.body
        assert node is not None
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        return Location(qualname, relative, start, node.end_lineno)

    def _split_module(self, parts: list[str]) -> tuple[Path, list[str]]:
        """Split ``parts`` into the longest module path and the names inside it."""
        for cut in range(len(parts), 0, -1):
            base = self.root.joinpath(*parts[:cut])
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if candidate.is_file():
                    return candidate, parts[cut:]
        raise SourceLookupError(f"{'.'.join(parts)!r}: no such module in {self.label}")


def top_level_name(name: str) -> str:
    """``django`` for ``django.core.handlers`` and for ``django/core/signals.py``."""
    return name.replace("/", ".").split(".")[0]


def stdlib() -> SourceTree:
    """The running Python's standard library (its pure-Python modules)."""
    return SourceTree(Path(sysconfig.get_paths()["stdlib"]).resolve(), "Python", platform.python_version())


@cache
def installed(top: str) -> SourceTree:
    """The installed source tree that provides the top-level module ``top``."""
    if top in sys.stdlib_module_names:
        return stdlib()
    spec = importlib.util.find_spec(top)
    if spec is None or spec.origin is None:
        raise SourceLookupError(
            f"{top!r} is not installed in this environment ({sys.executable}); run the tools with "
            "the project's interpreter, `.venv/bin/python -m scripts.generate ...`, or add it to "
            "requirements.in and run `make lock`"
        )
    origin = Path(spec.origin).resolve()
    root = origin.parent.parent if origin.name == "__init__.py" else origin.parent
    if top == "django":
        return SourceTree(root, "Django", _version_of(root / "django" / "__init__.py"))
    names = importlib.metadata.packages_distributions().get(top)
    if not names:
        raise SourceLookupError(f"{top!r} is importable but no installed distribution declares it")
    distribution = importlib.metadata.distribution(names[0])
    return SourceTree(root, distribution.metadata["Name"], distribution.version)


@dataclass(frozen=True)
class Location:
    """Where an object is defined: a path relative to the source root, 1-based lines."""

    qualname: str
    path: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _version_of(init: Path) -> str:
    tree = ast.parse(init.read_text(encoding="utf-8"), filename=str(init))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "VERSION" for t in node.targets
        ):
            return version_from_tuple(ast.literal_eval(node.value))
    raise SourceLookupError(f"{init}: no VERSION tuple")


@lru_cache(maxsize=32)
def _parse(source: str, filename: str) -> ast.Module:
    """Parse once per distinct file content: checks look up many names in few files.

    Another project's source may hold what today's Python only warns about (an invalid
    escape in a docstring, in gunicorn's); it is quoted as it is, not judged."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        return ast.parse(source, filename=filename)


def version_from_tuple(version: tuple) -> str:
    """Mirror ``django.utils.version.get_version`` for the tuple forms releases use."""
    major, minor, micro, level, serial = version
    main = f"{major}.{minor}" if micro == 0 else f"{major}.{minor}.{micro}"
    suffix = {"alpha": "a", "beta": "b", "rc": "rc"}.get(level)
    if level == "final":
        return main
    if suffix is None:
        raise SourceLookupError(f"unknown release level {level!r} in VERSION {version!r}")
    return f"{main}{suffix}{serial}"


def _definitions(body: list[ast.stmt]):
    """Statements in a scope that define a name, looking into ``if``/``try`` blocks."""
    for node in body:
        if isinstance(node, (ast.If, ast.Try)):
            yield from _definitions(node.body)
            yield from _definitions(node.orelse)
            for handler in getattr(node, "handlers", []):
                yield from _definitions(handler.body)
            yield from _definitions(getattr(node, "finalbody", []))
        else:
            yield node


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    return None


def _is_property_family(nodes: list[ast.stmt]) -> bool:
    """A property and its ``@x.setter``/``@x.deleter`` share a name; the getter comes first."""
    return all(
        any(
            isinstance(d, ast.Attribute) and d.attr in {"setter", "deleter"}
            for d in getattr(n, "decorator_list", [])
        )
        for n in nodes[1:]
    )


def django_at(root: Path) -> SourceTree:
    """A Django source tree at ``root`` (the folder holding ``django/``), e.g. a changed copy."""
    return SourceTree(Path(root).resolve(), "Django", _version_of(Path(root) / "django" / "__init__.py"))
