"""An error at start-up: the server thread dies, the reloader stays, and a fix restarts it.

    python snippets/launch_startup_error.py

Breaks hello/apps.py (in a copy of the example project in a temporary folder) with a line
that is not Python, starts the real `python manage.py runserver` with reloading on, on
127.0.0.1 and a port the system picks, and shows what each process and thread does:
django.setup() fails in both processes, the error is raised in the child's
django-main-thread, and the child's main thread keeps watching the broken file. Writing
the file back as it was restarts the child, which then serves. SIGINT to the child (the
signal CONTROL-C sends) stops it, and the parent with it; the script checks that every
process it saw is gone.

The settings module is support/reporting_settings.py, copied into the project as
launch_autoreload.py, as launch_autoreload.py does (see its docstring), told to report
the reloader's messages about hello/apps.py.
"""

import os
import re
import shutil
import signal
import tempfile
from pathlib import Path

from support.child_processes import alive
from support.runserver_process import BANNERS, start_runserver
from support.tagged_console import Console, show

HERE = Path(__file__).resolve().parent
BROKEN = "hello/apps.py"


def shorten_tracebacks(console):
    """Keep a traceback's first line and its last frame: the rest depends on the machine."""
    kept, frames = [], []
    for pid, thread, text, phase in console.lines:
        if text.startswith("  File "):
            frames.append((pid, thread, text, phase))
            continue
        if frames and not text.startswith("    "):
            kept.append((pid, thread, f"  ⋯ {len(frames) - 1} frames not shown ⋯", phase))
            kept.append(frames[-1])
            frames = []
        elif frames:  # the source line and the ^^^ under it belong to the last frame
            frames[-1] = (*frames[-1][:2], f"{frames[-1][2]}\n    {text.strip()}", phase)
            continue
        kept.append((pid, thread, text, phase))
    console.lines = [(p, th, line, ph) for p, th, text, ph in kept for line in text.split("\n")]


# --8<-- [start:break]
def break_the_app(project):
    """Append a line that is not Python to hello/apps.py; return what it was."""
    apps_py = project / BROKEN
    original = apps_py.read_text()
    apps_py.write_text(original + "this line is not Python\n")
    return original
# --8<-- [end:break]


# --8<-- [start:fix]
def fix_the_app(project, original):
    (project / BROKEN).write_text(original)  # as it was, with a newer modification time
# --8<-- [end:fix]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "mysite"
        shutil.copytree(HERE / "mysite", project, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(HERE / "support" / "reporting_settings.py", project / "launch_autoreload.py")
        command = ["manage.py", "runserver", "127.0.0.1:0", "--settings=launch_autoreload"]
        original = break_the_app(project)
        print(f"$ echo 'this line is not Python' >> {BROKEN}")
        print(f"$ python {' '.join(command)}")
        os.environ["LAUNCH_WATCHED"] = BROKEN  # for support/reporting_settings.py
        server = start_runserver(project, command)
        console = Console(server.stdout)
        try:
            parent = server.pid
            # The error ends the server thread; the reloader looks at the broken file once.
            console.read_until((None, r"^SyntaxError: "), (None, r"apps\.py first seen"))
            first_child = console.children()[0]

            console.phase = 1
            fix_the_app(project, original)
            console.read_until((first_child, r"changed, reloading\.$"), (parent, r"exited with code 3"))
            console.read_until((None, r"settings imported: RUN_MAIN='true'"))
            second_child = console.children()[-1]
            console.read_until(
                (second_child, r"^For more information on production servers"),
                (second_child, r"apps\.py first seen"),
            )

            console.phase = 2
            os.kill(second_child, signal.SIGINT)  # the child ends with 0, and so does the parent
            console.read_to_the_end()  # until every process has exited and closed the console
            server.wait(timeout=30)
        finally:
            if server.poll() is None:  # only when something above failed
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            server.stdout.close()

    raw = list(console.lines)
    shorten_tracebacks(console)
    labels = {parent: "parent", first_child: "child 1", second_child: "child 2"}
    show(console, labels, project.resolve(), [
        f"start-up with a broken {BROKEN}",
        f"{BROKEN} written back as it was",
        "SIGINT to child 2",
    ])
    pids = [parent, first_child, second_child]
    print()
    print(f"parent pid {parent} exited with code {server.returncode}")
    print(f"processes still running: {[pid for pid in pids if alive(pid)]}")

    def lines_of(pid, thread=None):
        return [t for p, th, t, _ in raw if p == pid and thread in (None, th)]

    assert len(set(pids)) == 3 and not any(alive(pid) for pid in pids) and server.returncode == 0
    assert not lines_of(0), "every line came from a tagged runserver process"
    # django.setup() failed in the parent and in child 1 (no ready()), but both carried on.
    assert not any("HelloConfig.ready()" in t for t in lines_of(parent) + lines_of(first_child))
    assert lines_of(parent)[1].startswith("restart_with_reloader() starts")
    # In child 1 the error ends django-main-thread; its main thread watches the broken file.
    failed = lines_of(first_child, "django-main-thread")
    assert failed[0] == "Exception in thread django-main-thread:" and failed[-1].startswith("SyntaxError: ")
    assert not any(t.startswith("Starting") for t in lines_of(first_child))
    assert any(re.search(r"hello/apps\.py first seen", t) for t in lines_of(first_child, "MainThread"))
    # The fix restarts the child (code 3), and the new child sets up and serves.
    assert "the child exited with code 3" in lines_of(parent)
    assert "[hello] HelloConfig.ready()" in lines_of(second_child)
    assert any(t.startswith(BANNERS) for t in lines_of(second_child, "django-main-thread"))


if __name__ == "__main__":
    main()
