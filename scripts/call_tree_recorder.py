"""Record the tree of calls a real run makes: what a call-tree scenario imports.

A scenario (``scripts/trace_launch.py``, ``scripts/trace_request.py``) drives a real run
under a ``Recorder`` and returns ``recorder.tree()``; the call-tree kind
(``scripts/call_trees.py``) runs the scenario in a fresh interpreter, renders the tree for
a page and checks it. This module is only the recording, so that scenarios depend on
nothing else.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


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


@dataclass(frozen=True)
class Rules:
    """Which calls become nodes (see the module docstring of scripts/call_trees.py)."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    collapse: tuple[str, ...] = ()
    max_depth: int = 20
    bodies: bool = False
    imports: tuple[str, ...] | None = None
    root: str | None = None


_CO_NEWLOCALS = 0x2  # set on function code; not on module or class bodies
_HIDDEN = object()  # stack mark of an import whose calls are left out (see ``imports``)


# --------------------------------------------------------------------------- recording


class Recorder:
    """A profile hook that builds the call tree of the functions a spec selects.

    Every Python frame is tracked (so returns line up), but only selected functions become
    nodes; a selected function's node hangs under its nearest selected caller. Threads
    started while recording are recorded too; each one's calls form top-level branches.
    """

    def __init__(self, rules: Rules, stop_at: str | None = None):
        self.spec = rules
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
