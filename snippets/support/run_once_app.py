"""An app whose ready() does its work once in each process that serves, and never in the
reloader's parent.

launch_run_once.py installs it (through support/run_once_settings.py) in `runserver`
with and without the autoreloader, and in a process that runs ready() twice, to show
the two guards docs/launch/autoreloader.md recommends: one against the reloader's parent
(`RUN_MAIN`), one against a second call of ready() in the same process. What ready()
decides, it prints, with the process id and RUN_MAIN, on one line starting "ready()".
"""

import os
import sys

from django.apps import AppConfig
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV  # "RUN_MAIN"


def report(decision):
    print(f"ready() in pid {os.getpid()}, RUN_MAIN={os.environ.get(DJANGO_AUTORELOAD_ENV)!r}: {decision}", flush=True)


# --8<-- [start:guards]
def in_the_reloaders_parent():
    """runserver with its autoreloader on, in the process that only restarts the server."""
    reloading = sys.argv[1:2] == ["runserver"] and "--noreload" not in sys.argv
    return reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"


class RunOnceConfig(AppConfig):
    name = "support.run_once_app"
    done = False  # on the class: one flag per process, however many instances ready() runs on

    def ready(self):
        if in_the_reloaders_parent():
            report("the reloader's parent, which never serves: skipped")
            return
        if RunOnceConfig.done:
            report("already done in this process: skipped")
            return
        RunOnceConfig.done = True
        report("the work runs")  # start a scheduler, warm a cache, ...
# --8<-- [end:guards]
