"""The autoreloader: two processes, three threads, and a restart when a file changes.

    python snippets/launch_autoreload.py

Starts the real `python manage.py runserver` with reloading on (the default), on
127.0.0.1 and a port the system picks, in a copy of the example project in a temporary
folder (so touching its files leaves the real project alone). Then it sends one GET,
touches hello/views.py, waits for the restarted server, and stops the child with SIGINT
(what CONTROL-C sends): the child ends with code 0, and the parent, which only restarts
on code 3, ends with it. It checks that every process it saw is gone.

runserver is started with `--settings=launch_autoreload`: the script copies
support/reporting_settings.py into the project copy under that name, so Django imports it
as the settings module, in every runserver process. It takes the project's settings
unchanged and adds instrumentation: each line a process prints is tagged with its pid and
thread, the parent reports the child it starts and how the child ended, and the child
reports the reloader it got, the file change, and what each of its threads is doing while
it serves a request. It also turns on the reloader's own DEBUG messages about
hello/views.py, which is how this script knows when the reloader has looked at the file
once, before touching it.
"""

import http.client
import os
import shlex
import shutil
import signal
import tempfile
from pathlib import Path

from support.child_processes import alive
from support.runserver_process import BANNERS, start_runserver
from support.tagged_console import Console, show

HERE = Path(__file__).resolve().parent
SETTINGS = HERE / "support" / "reporting_settings.py"  # copied into the project, see above
WATCHED = os.environ.get("LAUNCH_WATCHED", "hello/views.py")  # launch_startup_error.py changes it


# --8<-- [start:steps]
def get(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", "/")
    response = client.getresponse()
    response.read()  # all of the body: closing then is a clean close, not a reset
    client.close()
    return response.status


def touch(project):
    (project / WATCHED).touch()  # a newer modification time: the StatReloader notices


def stop(child, console, server):
    os.kill(child, signal.SIGINT)  # the signal CONTROL-C sends, to the child only
    console.read_to_the_end()  # until every process has exited and closed the console
    server.wait(timeout=30)  # the parent ended on its own
# --8<-- [end:steps]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "mysite"
        shutil.copytree(HERE / "mysite", project, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(SETTINGS, project / "launch_autoreload.py")  # the settings module, see above
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
            stop(second_child, console, server)
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
        assert any(t.startswith(BANNERS) for t in lines_of(child, "django-main-thread"))
        assert not any(t.startswith("Starting") for t in lines_of(child, "MainThread"))
    assert not any(t.startswith(("Starting", "Watching")) for t in lines_of(parent))
    assert f"file_changed: <project>/{WATCHED}" in lines_of(first_child, "MainThread")


if __name__ == "__main__":
    main()
