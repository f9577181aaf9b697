"""A settings module that reports what each runserver process and thread does.

The autoreloader snippets (launch_autoreload.py, launch_startup_error.py) copy this file
into their copy of the example project as `launch_autoreload.py` and start runserver with
`--settings=launch_autoreload`, so Django imports it in every runserver process: the
reloader's parent and each child. It takes the project's settings unchanged and adds
instrumentation: each line a process prints is tagged with its pid and thread (read back
by support/tagged_console.py), the parent reports the child it starts and how the child
ended, and the child reports the reloader it got, the file change, and what each of its
threads is doing while it serves a request. It also turns on the reloader's own DEBUG
messages about one file, `$LAUNCH_WATCHED` (hello/views.py unless set), which is how a
snippet knows when the reloader has looked at the file once.

It runs inside runserver, in the project copy, with only the project on the path: it
imports nothing but the standard library, Django and the project's settings.
"""

import inspect
import io
import os
import shlex
import subprocess
import sys
import threading
from pathlib import Path

WATCHED = os.environ.get("LAUNCH_WATCHED", "hello/views.py")


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
    report("threads of this process, and where each one is:")
    for thread, stack in stacks_of_every_thread():
        report(f"  {thread.name}: {' > '.join(stack)}")


def stacks_of_every_thread():
    # The other threads go on running while this one walks their stacks, and a generator
    # that yields meanwhile (the reloader's tick() does once a second) is cut off from
    # its caller: the walk ends early, at the generator. So walk again until no walk does.
    for _ in range(100):
        frames = sys._current_frames()
        walks = [(thread, *walk(frames[thread.ident])) for thread in threading.enumerate()]
        if all(whole for _, _, whole in walks):
            return [(thread, stack) for thread, stack, _ in walks]
    raise RuntimeError("no whole stack of every thread in 100 tries")


def walk(frame):
    """The functions of interest from the thread's first frame to this one, and whether
    the walk got there (a generator's frame has no caller while it is suspended)."""
    stack = []
    while True:
        code = frame.f_code
        if f"{frame.f_globals.get('__name__')}.{code.co_qualname}" in ON_THE_WAY:
            owner = frame.f_locals.get("self")  # methods: named after type(self)
            name = f"{type(owner).__name__}.{code.co_name}" if owner else code.co_name
            stack.insert(0, name)
        if frame.f_back is None:
            return stack, not code.co_flags & inspect.CO_GENERATOR
        frame = frame.f_back


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


if os.environ.get("DJANGO_SETTINGS_MODULE") == __name__:  # runserver --settings=<this module>
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
