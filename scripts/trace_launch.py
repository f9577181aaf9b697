"""The call-tree scenario of the launch: ``manage.py runserver --noreload``, in-process.

``calltrees/launch.toml`` names this module. ``run(rules)`` loads the example project's own
``manage.py`` and calls its ``main()`` with the command line a reader types, under a
``Recorder`` that stops the run when the server enters ``serve_forever``: the moment the
development server starts waiting for its first request. ``StopRecording`` is a
KeyboardInterrupt, so ``runserver`` shuts down as it does on CONTROL-C.

The reloader is off (``--noreload``) because the reloader would run the launch again in a
child process, out of the recorder's sight; the autoreloader has its own page and snippet.
"""

from __future__ import annotations

import contextlib
import io
import re
import os
import runpy
import sys

from scripts.call_tree_recorder import Recorder, Rules, StopRecording
from scripts.call_tree_recorder import ROOT

MYSITE = ROOT / "snippets" / "mysite"
COMMAND_LINE = ["manage.py", "runserver", "127.0.0.1:0", "--noreload"]
STOP_AT = "socketserver.BaseServer.serve_forever"


def run(rules: Rules):
    os.chdir(MYSITE)
    sys.path.insert(0, str(MYSITE))  # as `python manage.py` puts the script's folder first
    sys.argv = list(COMMAND_LINE)
    manage = runpy.run_path(str(MYSITE / "manage.py"), run_name="manage")
    console = io.StringIO()  # runserver's banner and notices are not part of the tree
    recorder = Recorder(rules, stop_at=STOP_AT)
    with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
        try:
            with recorder:
                manage["main"]()
        except StopRecording:
            raise AssertionError("runserver should have handled CONTROL-C itself") from None
        except SystemExit as exit:
            if exit.code not in (0, None):
                raise AssertionError(f"runserver exited with {exit.code}:\n{console.getvalue()}") from None
    # The banner: "Starting WSGI development server at" from Django 6.1, "Starting
    # development server at" before.
    if not re.search(r"Starting (WSGI )?development server at http://127\.0\.0\.1:", console.getvalue()):
        raise AssertionError(f"the server never bound its socket:\n{console.getvalue()}")
    return recorder.tree()
