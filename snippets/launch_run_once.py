"""Code that runs twice under runserver, and how to make it run once: a guard on RUN_MAIN
against the reloader's parent, and a flag that makes ready() idempotent.

    python snippets/launch_run_once.py

Starts the real `python manage.py runserver` on 127.0.0.1 and a port the system picks,
twice: with the autoreloader (two processes) and with --noreload (one). Both use
`--settings=support.run_once_settings`: the example project's settings plus an app,
support/run_once_app.py, whose ready() prints what it decided. Each server is stopped with
SIGINT, the signal CONTROL-C sends. Then, in this process, Django is set up with the same
settings and the list of apps is replaced, as a test does with override_settings: every
app's ready() runs a second time, and the flag keeps the work from running again.
"""

import contextlib
import io
import os
import re
import signal
import sys
from pathlib import Path

import django
from django.conf import settings
from django.test.utils import override_settings

from support.child_processes import alive
from support.runserver_process import start_runserver

HERE = Path(__file__).resolve().parent
MYSITE = HERE / "mysite"
os.environ["PYTHONPATH"] = str(HERE)  # so that runserver can import support.run_once_settings
os.environ["DJANGO_SETTINGS_MODULE"] = "support.run_once_settings"
sys.path.insert(0, str(MYSITE))  # as manage.py would, for this process's own django.setup()

log = []


def say(line):
    log.append(line)
    print(line)


def run(*options):
    """runserver until it serves; its ready() lines, each process named; then SIGINT."""
    command = ["manage.py", "runserver", "127.0.0.1:0", "--settings=support.run_once_settings", *options]
    say(f"-- python {' '.join(command)}")
    server = start_runserver(MYSITE, command)
    lines = []
    try:
        for line in server.stdout:
            if line.startswith("ready()"):
                lines.append(line.rstrip())
            if line.startswith("Quit the server with CONTROL-C."):
                break
        pids = [int(re.search(r"pid (\d+)", line)[1]) for line in lines]
        serving = pids[-1]  # the last process to start is the one that serves
        os.kill(serving, signal.SIGINT)
        server.communicate(timeout=30)
    finally:
        if server.poll() is None:  # only when something above failed
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    names = {server.pid: "the process started", serving: "the process that serves"}
    if serving == server.pid:
        names[serving] = "the process started, which serves"
    for line, pid in zip(lines, pids):
        say("  " + line.replace(f"pid {pid}", names.get(pid, f"pid {pid}")))
    assert not any(alive(pid) for pid in pids)
    return lines


# --8<-- [start:runs]
run()  # the autoreloader on, as `runserver` starts by default
run("--noreload")
# --8<-- [end:runs]

say("-- this process: django.setup(), then the same apps installed again")
printed = io.StringIO()
with contextlib.redirect_stdout(printed):  # ready() prints; shown below with the others
    # --8<-- [start:twice]
    django.setup()
    with override_settings(INSTALLED_APPS=settings.INSTALLED_APPS):  # new AppConfigs: ready() again
        pass
    # --8<-- [end:twice]
for line in printed.getvalue().splitlines():
    say("  " + line.replace(f"pid {os.getpid()}", "this process"))

runs = [section.splitlines()[1:] for section in "\n".join(log).split("-- ")[1:]]
reloading, noreload, twice = ([line.split(": ", 1) for line in lines] for lines in runs)
# With the autoreloader: ready() runs in both processes; the guard skips the parent.
assert reloading == [
    ["  ready() in the process started, RUN_MAIN=None", "the reloader's parent, which never serves: skipped"],
    ["  ready() in the process that serves, RUN_MAIN='true'", "the work runs"],
]
# With --noreload: one process, without RUN_MAIN, and it serves: a guard on RUN_MAIN
# alone ("only when RUN_MAIN is 'true'") would have skipped the work here.
assert noreload == [["  ready() in the process started, which serves, RUN_MAIN=None", "the work runs"]]
# ready() twice in one process: the class's flag keeps the work to the first call.
assert [decision for _, decision in twice] == ["the work runs", "already done in this process: skipped"]
