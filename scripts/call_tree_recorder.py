"""Record the tree of calls a real run makes: what a call-tree scenario imports.

A scenario (``scripts/trace_launch.py``, ``scripts/trace_request.py``) drives a real run
under a ``Recorder`` and returns ``recorder.tree()``; the call-tree kind
(``scripts/call_trees.py``) runs the scenario in a fresh interpreter, renders the tree for
a page and checks it. This module is only the recording, so that scenarios depend on
nothing else.
"""

from __future__ import annotations

import dis
import fnmatch
import importlib.util
import inspect
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
    started while recording are recorded too; each one's calls form top-level branches,
    except work handed to a thread pool (below).

    Coroutines and async generators are followed as calls, not as resumptions. Python
    enters a coroutine's frame again each time it resumes after an ``await``, and the
    profile hook sees each entry as a call; only the first (the frame at its first
    ``RESUME``) makes a node, and each later entry puts the frame back on the stack with
    the node it already has, so a coroutine that awaits twice is one call, and the calls
    it makes after each ``await`` hang under it. A coroutine awaited by another first runs
    inside it, so it is that one's child. A coroutine that runs as a task (it first runs
    from the event loop, not from the code that created it) hangs under the call that
    passed it to ``loop.create_task()`` (``asyncio.create_task``, ``TaskGroup.create_task``
    and ``ensure_future`` all end there), at the point where it was created. Plain
    generators are left as they were: each ``next()`` is a call.

    Work handed to another thread hangs under the call that handed it over, although
    another thread runs it: a job submitted to a ``ThreadPoolExecutor`` (what
    ``loop.run_in_executor`` and asgiref's ``sync_to_async`` use) or to asgiref's
    ``CurrentThreadExecutor``, and a coroutine passed to the loop with
    ``call_soon_threadsafe`` (what ``async_to_sync`` does from a thread). The tree shows
    which call the work was done for; the page that shows it says which thread ran it.
    """

    def __init__(self, rules: Rules, stop_at: str | None = None):
        self.spec = rules
        self.stop_at = stop_at
        self.root = Node("<root>", "")
        self._top = _Place(self.root, 0, False)
        # Per thread: (frame, node or None or _HIDDEN, the place of the calls it makes).
        self._stacks: dict[int, list[tuple[object, object, _Place]]] = {}
        self._decisions: dict[object, tuple[str, str] | None] = {}
        self._suspended: dict[int, tuple] = {}  # id(coroutine frame) -> (code, node, place)
        self._tasks: dict[int, tuple[object, tuple]] = {}  # id(task's frame) -> (coroutine, entry)
        self._handed: dict[int, tuple[object, _Place]] = {}  # id(job or coroutine) -> (it, place)
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

    def profile(self, frame, event, arg):
        if event not in ("call", "return"):
            return
        stack = self._stacks.setdefault(threading.get_ident(), [])
        if event == "return":
            while stack:
                top, _, _ = stack.pop()
                if top is frame:
                    break
            if frame.f_code.co_flags & _CO_ASYNC and not _suspending(frame):
                # Finished: forget it, or a frame made later at the same address would
                # be taken for its resumption.
                self._suspended.pop(id(frame), None)
            return
        code = frame.f_code
        place = stack[-1][2] if stack else self._top
        role = _roles.get(code, _UNKNOWN)
        if role is _UNKNOWN:
            role = _roles[code] = _role(frame)
        if code.co_flags & _CO_ASYNC:
            if not _first_entry(frame):
                entry = self._suspended.get(id(frame))
                if entry is not None and entry[0] is code:  # resumed: the same call goes on
                    stack.append((frame, *entry[1:]))
                    return
            else:
                task = self._tasks.pop(id(frame), None)
                if task is not None:  # a task's first step: its node was made by create_task
                    stack.append((frame, *task[1]))
                    self._suspended[id(frame)] = (code, *task[1])
                    return
        elif role == "run":  # a thread starts a job: under the call that submitted it
            handed = self._handed.pop(id(frame.f_locals["self"].fn), None)
            if handed is not None:
                place = handed[1]
        node, inner, selected = self._enter(frame, place)
        stack.append((frame, node, inner))
        if code.co_flags & _CO_ASYNC:
            self._suspended[id(frame)] = (code, node, inner)
        elif role == "create_task":
            coroutine = frame.f_locals.get("coro")
            task_frame = getattr(coroutine, "cr_frame", None)
            if task_frame is not None:  # the task's node, where it was created or handed over
                handed = self._handed.pop(id(coroutine), None)
                node, task_inner, _ = self._enter(task_frame, inner if handed is None else handed[1])
                self._tasks[id(task_frame)] = (coroutine, (node, task_inner))
        elif role == "submit":
            self._hand_over(frame.f_locals.get("fn"), inner)
        elif role == "call_soon_threadsafe":
            for argument in frame.f_locals.get("args", ()):
                if getattr(argument, "cr_frame", None) is not None:
                    self._hand_over(argument, inner)
        if self.stop_at is not None and selected is not None and selected[0] == self.stop_at:
            raise StopRecording(self.stop_at)

    def _hand_over(self, job, place: "_Place") -> None:
        """Remember where ``job`` was handed to another thread or to the loop; it is kept
        alive until it starts, so its id stays its own."""
        self._handed[id(job)] = (job, place)

    def _enter(self, frame, place: "_Place"):
        """The node a new call makes (or None, or _HIDDEN), the place of the calls it makes,
        and what _select decided."""
        node, selected = self._node_for(frame, place)
        inner = place
        if node is _HIDDEN:
            inner = _Place(None, place.depth, place.inside_root)
        elif node is not None:
            inner = _Place(node, place.depth + 1, place.inside_root or node.name == self.spec.root)
        return node, inner, selected

    def _node_for(self, frame, place: "_Place"):
        """The node a new call makes (or None, or _HIDDEN), and what _select decided."""
        selected = self._select(frame)
        if selected is _HIDDEN:
            return _HIDDEN, None
        if selected is None or (self.spec.root is not None and selected[0] != self.spec.root and not place.inside_root):
            return None, selected
        parent = place.owner
        collapsed = parent is None or any(fnmatch.fnmatchcase(parent.name, p) for p in self.spec.collapse)
        if collapsed or place.depth >= self.spec.max_depth:
            return None, selected
        node = Node(*selected)
        with self._lock:
            parent.children.append(node)
        return node, selected

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


@dataclass(frozen=True)
class _Place:
    """Where the calls a frame makes go: under ``owner`` (None: left out), at ``depth``
    selected calls deep, and whether ``root`` is among their callers."""

    owner: Node | None
    depth: int
    inside_root: bool


_CO_ASYNC = inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_ASYNC_GENERATOR
_RESUME = dis.opmap["RESUME"]
_first_resume: dict[object, int] = {}


def _first_entry(frame) -> bool:
    """Whether a coroutine's frame is being entered for the first time: it stands at its
    first ``RESUME`` (a resumption stands at a later one, or where ``throw()`` resumed it)."""
    code = frame.f_code
    offset = _first_resume.get(code)
    if offset is None:
        offset = next(i.offset for i in dis.get_instructions(code) if i.opcode == _RESUME)
        _first_resume[code] = offset
    return frame.f_lasti == offset


def _suspending(frame) -> bool:
    """Whether a coroutine's frame that returns is only suspending (at a ``YIELD_VALUE``,
    for an ``await``), not finishing. Python 3.12 reports the ``YIELD_VALUE`` itself;
    3.13 the ``RESUME`` that follows it."""
    code, at = frame.f_code.co_code, frame.f_lasti
    return code[at] == _YIELD_VALUE or (code[at] == _RESUME and at >= 2 and code[at - 2] == _YIELD_VALUE)


_YIELD_VALUE = dis.opmap["YIELD_VALUE"]


# Calls that hand work over to run later elsewhere, by (module, qualname): a coroutine to the
# event loop as a task (or to the loop's thread from another thread, as asgiref's
# async_to_sync does), a job to an executor's thread (a pool's, or asgiref's
# CurrentThreadExecutor, which runs jobs in a thread that waits for them); and where a
# thread starts a job.
_ROLES = {
    ("asyncio.base_events", "BaseEventLoop.create_task"): "create_task",
    ("asyncio.base_events", "BaseEventLoop.call_soon_threadsafe"): "call_soon_threadsafe",
    ("concurrent.futures.thread", "ThreadPoolExecutor.submit"): "submit",
    ("concurrent.futures.thread", "_WorkItem.run"): "run",
    ("asgiref.current_thread_executor", "CurrentThreadExecutor.submit"): "submit",
    ("asgiref.current_thread_executor", "_WorkItem.run"): "run",
}
_UNKNOWN = object()
_roles: dict[object, str | None] = {}


def _role(frame) -> str | None:
    return _ROLES.get((frame.f_globals.get("__name__"), frame.f_code.co_qualname))


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
