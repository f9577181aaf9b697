"""`python manage.py runserver` as a child process, started as a terminal would start it.

The autoreloader snippets (launch_autoreload.py, launch_startup_error.py) each start the
real runserver, with reloading on, in a copy of the example project, and read its console.
They start it the same way, so the one way lives here; docs/launch/autoreloader.md shows it.
"""

import os
import subprocess
import sys

from support.child_processes import dies_with_this_process


# The line runserver prints when it listens begins with one of these: "Starting WSGI
# development server at" from Django 6.1 on, "Starting development server at" before.
BANNERS = ("Starting WSGI development server at", "Starting development server at")


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
        preexec_fn=dies_with_this_process(),  # SIGTERM to it if this script dies, even killed
    )
# --8<-- [end:start]
