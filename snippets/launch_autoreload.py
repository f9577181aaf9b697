"""The autoreloader: two processes, three threads, and a restart when a file changes.

    python snippets/launch_autoreload.py

Starts the real `python manage.py runserver` with reloading on (the default), on
127.0.0.1 and a port the system picks, in a copy of the example project in a temporary
folder (so touching its files leaves the real project alone). Then it sends one GET,
touches hello/views.py, waits for the restarted server, and stops the child with SIGINT
(what CONTROL-C sends): the child ends with code 0, and the parent, which only restarts
on code 3, ends with it. It checks that every process it saw is gone.

This file has a second job: runserver is started with `--settings=launch_autoreload`, so
Django imports this same file as the settings module, in every runserver process. On that
side (the end of the file) it takes the project's settings unchanged and adds
instrumentation: each line a process prints is tagged with its pid and thread, the parent
reports the child it starts and how the child ended, and the child reports the reloader
it got, the file change, and what each of its threads is doing while it serves a request.
It also turns on the reloader's own DEBUG messages about hello/views.py, which is how
this script knows when the reloader has looked at the file once, before touching it.
"""

import http.client
import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAG = re.compile(r"^@(\d+) ([^|]+)\| (.*)$")  # "@<pid> <thread>| <text>", see TaggedLines
WATCHED = os.environ.get("LAUNCH_WATCHED", "hello/views.py")  # launch_startup_error.py changes it

# ----------------------------------------------------------------------------------------
# The driver: what runs when you type `python snippets/launch_autoreload.py`.


class Console:
    """runserver's merged stdout and stderr, read line by line, tagged by process and thread."""

    def __init__(self, stream):
        self.stream = stream
        self.lines = []  # (pid, thread, text, phase)
        self.phase = 0

    def read_until(self, *wanted):
        """Read until, for each (pid or None, regex) in ``wanted``, a line matched it."""
        missing = list(wanted)
        while missing:
            raw = self.stream.readline()
            if not raw:
                raise RuntimeError(f"runserver's output ended while waiting for {missing}:\n{self.text()}")
            pid, text = self.add(raw)
            for pid_wanted, pattern in list(missing):
                if pid_wanted in (None, pid) and re.search(pattern, text):
                    missing.remove((pid_wanted, pattern))
        return self

    def read_to_the_end(self):
        for raw in self.stream:
            self.add(raw)

    def add(self, raw):
        tagged = TAG.match(raw.rstrip("\n"))
        pid, thread, text = (int(tagged[1]), tagged[2], tagged[3]) if tagged else (0, "?", raw.rstrip("\n"))
        self.lines.append((pid, thread, text, self.phase))
        return pid, text

    def children(self):
        """The pids of the processes that imported the settings with RUN_MAIN set."""
        return [p for p, _, t, _ in self.lines if t.startswith("settings imported: RUN_MAIN='true'")]

    def find(self, pattern, pid=None):
        return next(re.search(pattern, t) for p, _, t, _ in self.lines if pid in (None, p) and re.search(pattern, t))

    def text(self):
        return "\n".join(f"{p} {th}: {t}" for p, th, t, _ in self.lines)


def show(console, labels, project, titles):
    """Print each phase's lines grouped by process and thread, in a fixed order.

    Threads run at the same time, so how their lines interleave changes from run to run;
    the order of the lines of one thread does not.
    """
    for phase, title in enumerate(titles):
        print(f"\n--- {title} ---")
        sources = []
        for pid, thread, _, p in console.lines:
            if p == phase and (pid, thread) not in sources:
                sources.append((pid, thread))
        sources.sort(key=lambda source: list(labels).index(source[0]) if source[0] in labels else -1)
        for pid, thread in sources:
            print(f"[{labels.get(pid, 'untagged')}, pid {pid}, {thread}]")
            for p, th, text, ph in console.lines:
                if (p, th, ph) == (pid, thread, phase):
                    print(f"    {text}".replace(str(project), "<project>").rstrip())


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --8<-- [start:start]
def start_runserver(project, command):
    """`python manage.py runserver ...` in the project, as a terminal would start it."""
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one console, as in a terminal
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # a process group of its own, like a terminal's job
    )
# --8<-- [end:start]


# --8<-- [start:steps]
def get(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/")
    status = client.getresponse().status
    client.close()
    return status


def touch(project):
    (project / WATCHED).touch()  # a newer modification time: the StatReloader notices


def stop(child, server):
    os.kill(child, signal.SIGINT)  # the signal CONTROL-C sends, to the child only
    server.wait(timeout=30)  # the parent ends on its own
# --8<-- [end:steps]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "mysite"
        shutil.copytree(HERE / "mysite", project, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(__file__, project / "launch_autoreload.py")  # the settings module, see the end
        command = ["manage.py", "runserver", "127.0.0.1:0", "--settings=launch_autoreload"]
        print(f"$ cd <copy of snippets/mysite> && python {shlex.join(command)}")
        server = start_runserver(project, command)
        console = Console(server.stdout)
        try:
            parent = server.pid
            # Start-up: wait for the child's banner (its last lines) and for the reloader's
            # first look at views.py: touching the file before that would go unnoticed.
            console.read_until((None, r"^For more information on production servers"), (None, r"views\.py first seen"))
            first_child = console.children()[0]
            port = int(console.find(r"server at http://127\.0\.0\.1:(\d+)/")[1])

            console.phase = 1
            status = get(port)
            console.read_until((first_child, r"signal request_finished"))

            console.phase = 2
            touch(project)
            console.read_until(
                (first_child, r"changed, reloading\.$"),
                (parent, r"exited with code 3"),
                (None, r"settings imported: RUN_MAIN='true'"),
            )
            second_child = console.children()[-1]
            console.read_until(
                (second_child, r"^For more information on production servers"),
                (second_child, r"views\.py first seen"),
            )

            console.phase = 3
            stop(second_child, server)
            console.read_to_the_end()  # whatever the processes printed on their way out
        finally:
            if server.poll() is None:  # only when something above failed
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            server.stdout.close()

    labels = {parent: "parent", first_child: "child 1", second_child: "child 2"}
    show(console, labels, project.resolve(), [
        f"start-up, until the server listens and the reloader has seen {WATCHED} once",
        "GET /",
        f"touch {WATCHED}",
        "SIGINT to child 2",
    ])
    pids = [parent, first_child, second_child]
    gone = [not alive(pid) for pid in pids]
    print()
    print(f"parent pid {parent} exited with code {server.returncode}")
    print(f"processes still running: {[pid for pid, g in zip(pids, gone) if not g]}")

    def lines_of(pid, thread=None):
        return [t for p, th, t, _ in console.lines if p == pid and thread in (None, th)]

    assert status == 200
    assert len(set(pids)) == 3 and all(gone) and server.returncode == 0
    assert not lines_of(0), "every line came from a tagged runserver process"
    # Only the children have RUN_MAIN; the parent starts them with it and restarts on code 3.
    assert lines_of(parent)[0] == "settings imported: RUN_MAIN=None, parent pid %d" % os.getpid()
    assert lines_of(first_child)[0] == f"settings imported: RUN_MAIN='true', parent pid {parent}"
    assert sum(t.startswith("restart_with_reloader() starts") for t in lines_of(parent)) == 2
    assert "the child exited with code 3" in lines_of(parent)
    assert lines_of(parent)[-1] == "the child exited with code 0"  # and the parent exited with 0
    # Settings and ready() ran in all three processes.
    assert all("[hello] HelloConfig.ready()" in lines_of(pid) for pid in pids)
    # In each child, the main thread watches files and django-main-thread serves.
    for child in (first_child, second_child):
        assert lines_of(child, "MainThread")[2:4] == [
            "Watching for file changes with StatReloader",
            "autoreload_started: the reloader is a StatReloader (no WatchmanReloader: pywatchman not installed.)",
        ]
        assert any(t.startswith("Starting WSGI development server at") for t in lines_of(child, "django-main-thread"))
        assert not any(t.startswith("Starting") for t in lines_of(child, "MainThread"))
    assert not any(t.startswith(("Starting", "Watching")) for t in lines_of(parent))
    assert f"file_changed: <project>/{WATCHED}" in lines_of(first_child, "MainThread")


# ----------------------------------------------------------------------------------------
# The settings side: what runs when Django imports this file as the settings module, in
# the parent and in each child. Nothing here changes what runserver does; it only reports.


class TaggedLines(io.TextIOBase):
    """Wrap sys.stdout or sys.stderr so each line starts with "@<pid> <thread>| "."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = {}  # thread -> text written without a newline yet
        self.lock = threading.Lock()

    def write(self, text):
        name = threading.current_thread().name
        with self.lock:
            *lines, self.pending[name] = (self.pending.get(name, "") + text).split("\n")
            for line in lines:
                self.stream.write(f"@{os.getpid()} {name}| {line}\n")
            self.stream.flush()
        return len(text)

    def flush(self):
        self.stream.flush()


def report(text):
    print(text.replace(str(Path.cwd()), "<project>"), flush=True)


def report_the_child(real_run):
    """In the parent: wrap subprocess.run, which restart_with_reloader() calls in a loop."""

    def run(args, **kwargs):
        shown = shlex.join("python" if arg == sys.executable else str(arg) for arg in args)
        report(f"restart_with_reloader() starts: {shown}  with RUN_MAIN={kwargs['env'].get('RUN_MAIN')!r}")
        try:
            finished = real_run(args, **kwargs)
        except KeyboardInterrupt:
            report("KeyboardInterrupt while waiting for the child")
            raise
        report(f"the child exited with code {finished.returncode}")
        return finished

    return run


# --8<-- [start:receivers]
def on_autoreload_started(sender, **kwargs):
    from django.utils.autoreload import WatchmanReloader, WatchmanUnavailable

    try:
        WatchmanReloader.check_availability()
        why = "watchman is available"
    except WatchmanUnavailable as exc:
        why = f"no WatchmanReloader: {exc}"
    name = type(sender).__name__
    report(f"autoreload_started: the reloader is a {name} ({why})")


def on_file_changed(sender, file_path, **kwargs):
    report(f"file_changed: {file_path}")  # a true return value would cancel the reload


def on_request_started(sender, **kwargs):
    """Show, for each thread of this process, the functions of interest on its stack."""
    frames = sys._current_frames()
    report("threads of this process, and where each one is:")
    for thread in threading.enumerate():
        stack, frame = [], frames[thread.ident]
        while frame is not None:
            code = frame.f_code
            if f"{frame.f_globals.get('__name__')}.{code.co_qualname}" in ON_THE_WAY:
                owner = frame.f_locals.get("self")  # methods: named after type(self)
                name = f"{type(owner).__name__}.{code.co_name}" if owner else code.co_name
                stack.insert(0, name)
            frame = frame.f_back
        report(f"  {thread.name}: {' > '.join(stack)}")


ON_THE_WAY = {  # the functions worth showing, by module and qualified name
    "django.utils.autoreload.run_with_reloader",
    "django.utils.autoreload.start_django",
    "django.utils.autoreload.BaseReloader.run_loop",
    "django.core.management.commands.runserver.Command.inner_run",
    "socketserver.BaseServer.serve_forever",
    "socketserver.ThreadingMixIn.process_request_thread",
    "django.core.handlers.wsgi.WSGIHandler.__call__",
}
# --8<-- [end:receivers]


def instrument_this_process():
    sys.stdout, sys.stderr = TaggedLines(sys.stdout), TaggedLines(sys.stderr)
    report(f"settings imported: RUN_MAIN={os.environ.get('RUN_MAIN')!r}, parent pid {os.getppid()}")
    if os.environ.get("RUN_MAIN") != "true":
        subprocess.run = report_the_child(subprocess.run)
        return
    from django.core.signals import request_started
    from django.utils.autoreload import autoreload_started, file_changed

    autoreload_started.connect(on_autoreload_started)
    file_changed.connect(on_file_changed)
    request_started.connect(on_request_started)


def about_the_watched_file(record):
    """A logging filter: the reloader's DEBUG lines about hello/views.py, and all the rest."""
    return record.levelname != "DEBUG" or WATCHED in record.getMessage()


if __name__ == "__main__":
    main()
elif os.environ.get("DJANGO_SETTINGS_MODULE") == __name__:  # runserver --settings=launch_autoreload
    from mysite.settings import *  # noqa: F403 (the project's settings, unchanged)

    LOGGING = {  # noqa: F405 (the project's LOGGING, plus the reloader's own messages)
        **LOGGING,  # noqa: F405
        "filters": {"views_py": {"()": lambda: about_the_watched_file}},
        "handlers": {
            **LOGGING["handlers"],  # noqa: F405
            "reloader": {"class": "logging.StreamHandler", "filters": ["views_py"]},
        },
        "loggers": {
            **LOGGING["loggers"],  # noqa: F405
            "django.utils.autoreload": {"handlers": ["reloader"], "level": "DEBUG", "propagate": False},
        },
    }
    instrument_this_process()
