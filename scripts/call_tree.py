"""Record the tree of Django and standard-library calls a real run makes, and render it
for a page; check that the tree a page shows is what a fresh run records.

A page's call tree is configured by ``calltrees/<name>.toml``::

    scenario = "scripts.trace_launch"   # module whose `run(recorder)` drives the run
    page = "launch/index.md"            # the page that includes calltrees/<name>.md
    include = ["django.*", "socketserver.*"]   # fnmatch patterns on module.qualname
    exclude = ["django.utils.functional.*"]
    collapse = ["django.core.checks.registry.CheckRegistry.run_checks"]  # no children
    max_depth = 12
    bodies = false                       # module and class bodies (imports) are left out
    imports = ["mysite.*"]               # optional: see below
    root = "django.core.management.commands.runserver.Command.inner_run"  # optional
    [links]                              # qualified name -> Markdown link target
    "django.core.management.execute_from_command_line" = "manage-py.md#execute"

Without ``imports``, a call made while a module is being imported hangs under the nearest
selected caller, like any other. With ``imports`` (fnmatch patterns on module names, even
an empty list), importing a module that matches becomes a node ``<module>`` (with the calls
its body makes), and calls made while any other module is being imported are left out:
what ``import`` runs at import time (decorators, registrations) stops drowning the calls
that matter.

With ``root`` (a module.qualname), only that function's call and the calls inside it are
recorded, so one long run can be shown as several trees of reasonable depth.

The scenario runs in a fresh interpreter (``python -m scripts.call_tree record NAME``), so
no state of an earlier run (Django's app registry, settings) leaks into the next.

    python -m scripts.call_tree refresh [NAME]   # record again, rewrite calltrees/NAME.md
    python -m scripts.call_tree check [NAME]     # fail with a diff where a page is stale
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import json
import os
import subprocess
import sys
import sysconfig
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scripts.freshness import stale_message
from scripts.includes import ROOT

TREES = "calltrees"
FIX_HINT = "run `make calltrees` (python -m scripts.call_tree refresh), then review the pages named"
_STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


class CallTreeError(Exception):
    """A bad configuration, a failed recording, or a stale tree; names the file and the fix."""


class StopRecording(KeyboardInterrupt):
    """Raised inside the recorded program when it reaches ``stop_at``.

    A KeyboardInterrupt, so that code which handles CONTROL-C (``runserver`` does) shuts
    down as it would for a reader pressing it.
    """


@dataclass
class Node:
    name: str  # module.qualname
    where: str  # file:line of the function's first line
    children: list["Node"] = field(default_factory=list)
    count: int = 1

    def to_json(self) -> dict:
        return {"name": self.name, "where": self.where, "count": self.count,
                "children": [c.to_json() for c in self.children]}

    @classmethod
    def from_json(cls, data: dict) -> "Node":
        return cls(data["name"], data["where"], [cls.from_json(c) for c in data["children"]], data["count"])

    def signature(self) -> tuple:
        return (self.name, self.count, tuple(c.signature() for c in self.children))


@dataclass
class TreeSpec:
    name: str
    scenario: str
    page: str
    include: list[str]
    exclude: list[str] = field(default_factory=list)
    collapse: list[str] = field(default_factory=list)
    max_depth: int = 20
    bodies: bool = False
    links: dict[str, str] = field(default_factory=dict)
    imports: list[str] | None = None
    root: str | None = None

    @property
    def config_path(self) -> str:
        return f"{TREES}/{self.name}.toml"

    @property
    def output_path(self) -> str:
        return f"{TREES}/{self.name}.md"


_KEYS = {"scenario", "page", "include", "exclude", "collapse", "max_depth", "bodies", "links", "imports", "root"}
_CO_NEWLOCALS = 0x2  # set on function code; not on module or class bodies
_HIDDEN = object()  # stack mark of an import whose calls are left out (see ``imports``)


def load_specs(root: Path = ROOT) -> list[TreeSpec]:
    specs = []
    for path in sorted((root / TREES).glob("*.toml")):
        rel = path.relative_to(root).as_posix()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CallTreeError(f"{rel}: not valid TOML: {exc}") from None
        unknown = set(data) - _KEYS
        missing = {"scenario", "page", "include"} - set(data)
        if unknown or missing:
            raise CallTreeError(f"{rel}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        specs.append(TreeSpec(name=path.stem, **data))
    return specs


# --------------------------------------------------------------------------- recording


class Recorder:
    """A profile hook that builds the call tree of the functions a spec selects.

    Every Python frame is tracked (so returns line up), but only selected functions become
    nodes; a selected function's node hangs under its nearest selected caller. Threads
    started while recording are recorded too; each one's calls form top-level branches.
    """

    def __init__(self, spec: TreeSpec, stop_at: str | None = None):
        self.spec = spec
        self.stop_at = stop_at
        self.root = Node("<root>", "")
        self._stacks: dict[int, list[tuple[object, Node | None]]] = {}
        self._decisions: dict[object, tuple[str, str] | None] = {}
        self._lock = threading.Lock()

    # The decision for a code object is cached: fnmatch on every call would be too slow.
    def _select(self, frame) -> tuple[str, str] | None:
        code = frame.f_code
        if code in self._decisions:
            return self._decisions[code]
        module = frame.f_globals.get("__name__", "?")
        name = f"{module}.{code.co_qualname}"
        is_body = not code.co_flags & _CO_NEWLOCALS
        if self.spec.imports is not None and code.co_name == "<module>":
            shown = any(fnmatch.fnmatchcase(module, p) for p in self.spec.imports)
            decision = (name, _where(code)) if shown else _HIDDEN
            self._decisions[code] = decision
            return decision
        chosen = (self.spec.bodies or not is_body) and any(fnmatch.fnmatchcase(name, p) for p in self.spec.include) and not any(
            fnmatch.fnmatchcase(name, p) for p in self.spec.exclude
        )
        decision = (name, _where(code)) if chosen else None
        self._decisions[code] = decision
        return decision

    def _parent(self, stack) -> Node | None:
        for _, node in reversed(stack):
            if node is _HIDDEN:
                return None  # called while a module not in ``imports`` is being imported
            if node is not None:
                return node
        return self.root  # a thread's first selected call starts a new top-level branch

    def _depth(self, stack) -> int:
        return sum(1 for _, n in stack if isinstance(n, Node))

    def _outside_root(self, name: str, stack) -> bool:
        root = self.spec.root
        return root is not None and name != root and not any(isinstance(n, Node) and n.name == root for _, n in stack)

    def profile(self, frame, event, arg):
        if event not in ("call", "return"):
            return
        stack = self._stacks.setdefault(threading.get_ident(), [])
        if event == "return":
            while stack:
                top, _ = stack.pop()
                if top is frame:
                    break
            return
        selected = self._select(frame)
        node = None
        if selected is _HIDDEN:
            node, selected = _HIDDEN, None
        elif selected is not None and not self._outside_root(selected[0], stack):
            parent = self._parent(stack)
            collapsed = parent is None or any(fnmatch.fnmatchcase(parent.name, p) for p in self.spec.collapse)
            if not collapsed and self._depth(stack) < self.spec.max_depth:
                node = Node(*selected)
                with self._lock:
                    parent.children.append(node)
        stack.append((frame, node))
        if self.stop_at is not None and selected is not None and selected[0] == self.stop_at:
            raise StopRecording(self.stop_at)

    def __enter__(self) -> "Recorder":
        sys.setprofile(self.profile)
        threading.setprofile(self.profile)  # threads started while recording
        return self

    def __exit__(self, *exc) -> bool:
        sys.setprofile(None)
        threading.setprofile(None)
        return False

    def tree(self) -> Node:
        return _merge_repeats(self.root)


def _where(code) -> str:
    path = Path(code.co_filename)
    try:
        resolved = path.resolve()
    except OSError:
        return f"{code.co_filename}:{code.co_firstlineno}"
    for base, label in ((_django_root(), ""), (_STDLIB, "")):
        try:
            return f"{label}{resolved.relative_to(base).as_posix()}:{code.co_firstlineno}"
        except ValueError:
            continue
    try:
        return f"{resolved.relative_to(ROOT).as_posix()}:{code.co_firstlineno}"
    except ValueError:
        return f"{path.name}:{code.co_firstlineno}"


def _django_root() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("django")
    return Path(spec.origin).resolve().parent.parent


def _merge_repeats(node: Node) -> Node:
    """Fold runs of identical sibling calls into one node with a count."""
    merged: list[Node] = []
    for child in (_merge_repeats(c) for c in node.children):
        if merged and merged[-1].signature()[0] == child.name and _same_shape(merged[-1], child):
            merged[-1].count += child.count
        else:
            merged.append(child)
    return Node(node.name, node.where, merged, node.count)


def _same_shape(a: Node, b: Node) -> bool:
    return tuple(c.signature() for c in a.children) == tuple(c.signature() for c in b.children)


# --------------------------------------------------------------------------- rendering


def render(spec: TreeSpec, tree: Node) -> str:
    lines = [
        f"<!-- Generated by `python -m scripts.call_tree refresh {spec.name}` from "
        f"{spec.config_path}; do not edit. -->",
        f'<div class="call-tree" markdown data-call-tree="{spec.name}">',
        "",
    ]

    def walk(node: Node, depth: int) -> None:
        module, _, short = _split(node.name)
        label = f"`{short}`"
        if node.name in spec.links:
            label = f"[{label}]({spec.links[node.name]})"
        count = f" ×{node.count}" if node.count > 1 else ""
        lines.append(
            f"{'    ' * depth}- {label}{count} "
            f'<span class="call-tree__where" title="{node.where}">{module}</span>'
        )
        for child in node.children:
            walk(child, depth + 1)

    for top in tree.children:
        walk(top, 0)
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


def _split(name: str) -> tuple[str, str, str]:
    """``django.core.handlers.base.BaseHandler.get_response`` -> (module, '.', qualname)."""
    parts = name.split(".")
    for i, part in enumerate(parts):
        if part[:1].isupper() or part.startswith("<") or i == len(parts) - 1:
            return ".".join(parts[:i]), ".", ".".join(parts[i:])
    return name, ".", name


def unused_links(spec: TreeSpec, tree: Node) -> list[str]:
    names = set()

    def collect(node: Node) -> None:
        names.add(node.name)
        for c in node.children:
            collect(c)

    collect(tree)
    return sorted(set(spec.links) - names)


# --------------------------------------------------------------------------- running


def record_in_subprocess(spec: TreeSpec, root: Path = ROOT) -> Node:
    result = subprocess.run(
        [sys.executable, "-m", "scripts.call_tree", "record", spec.name, "--root", str(root)],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": os.pathsep.join([str(ROOT), str(root)])},
    )
    if result.returncode != 0:
        raise CallTreeError(
            f"{spec.config_path}: recording with {spec.scenario} failed (exit {result.returncode}); "
            f"run `python -m scripts.call_tree record {spec.name}` to see why.\n{result.stderr[-4000:]}"
        )
    payload = result.stdout.strip().splitlines()[-1]
    return Node.from_json(json.loads(payload))


def record_here(spec: TreeSpec) -> Node:
    scenario = importlib.import_module(spec.scenario)
    return scenario.run(spec)


def problem(spec: TreeSpec, root: Path = ROOT) -> str | None:
    tree = record_in_subprocess(spec, root)
    dangling = unused_links(spec, tree)
    if dangling:
        return f"{spec.config_path}: [links] names functions the recorded tree does not contain: {dangling}"
    return stale_message(
        spec.output_path, render(spec, tree), root=root, fix=FIX_HINT,
        why="the calls a fresh run makes differ", fresh_label=f"{spec.scenario} (fresh recording)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "refresh", "record"])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        specs = [s for s in load_specs(args.root) if not args.names or s.name in args.names]
        if args.command == "record":
            (spec,) = specs
            print(json.dumps(record_here(spec).to_json()))
            return 0
        if args.command == "refresh":
            for spec in specs:
                tree = record_in_subprocess(spec)
                (ROOT / spec.output_path).write_text(render(spec, tree), encoding="utf-8")
                print(f"wrote {spec.output_path} from {spec.scenario}")
            return 0
        problems = [p for s in specs if (p := problem(s))]
    except CallTreeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if problems:
        print("\n\n".join(problems), file=sys.stderr)
        return 1
    print(f"All {len(specs)} call tree(s) match a fresh recording.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
