"""SCRIPT_NAME, PATH_INFO and native strings: the example project mounted under /mysite.

    python snippets/pep3333_paths.py

The gateway of `pep3333_gateway.py` serves the unmodified example project as if it were
mounted at `/mysite` (as a production server can mount an application under a prefix):
it puts `/mysite` in `SCRIPT_NAME` and the rest of the path in `PATH_INFO`, as a native
string holding the URL's bytes one character per byte. The project's own log lines show
what Django does with both: `request.path` puts them back together, decoded as UTF-8, and
`reverse()` adds the prefix. Behind `wsgiref.validate.validator`, on 127.0.0.1 with a port
the system picks; the gateway and its thread are stopped at the end.
"""

import contextlib
import io
import os
import sys
import threading
import warnings
from pathlib import Path
from wsgiref.validate import WSGIWarning, validator

from support.socket_gateway import Gateway, get, running

MYSITE = Path(__file__).resolve().parent / "mysite"

warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
sys.path.insert(0, str(MYSITE))
os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
console = io.StringIO()  # what the gateway and the project print, in order; checked below
answers = {}
with contextlib.redirect_stdout(console), contextlib.redirect_stderr(console):
    from django.core.signals import request_started
    from django.urls import reverse
    from mysite.wsgi import application

    # --8<-- [start:receiver]
    def show_paths(sender, environ, **kwargs):
        script_name, path_info = environ["SCRIPT_NAME"], environ["PATH_INFO"]
        print(f"environ: SCRIPT_NAME={script_name!r} PATH_INFO={path_info!r}")
        print(f"Django:  reverse('index') = {reverse('index')!r}")

    request_started.connect(show_paths)
    # --8<-- [end:receiver]

    # --8<-- [start:serve]
    for target in ["/mysite/", "/mysite/caf%C3%A9"]:
        print(f"--- GET {target} ---")
        gateway = Gateway(validator(application), "/mysite", log=lambda _: None)
        with running(gateway) as port:
            answers[target] = status, headers, body = get(port, target)
        print(f"client: {status}")  # the gateway has stopped: request over
    # --8<-- [end:serve]
print(console.getvalue(), end="")

text = console.getvalue()
assert answers["/mysite/"][0] == "HTTP/1.1 200 OK" and answers["/mysite/"][2] == b"Hello from the view.\n"
# The mount point is SCRIPT_NAME; the application's own path is PATH_INFO.
assert "environ: SCRIPT_NAME='/mysite' PATH_INFO='/'" in text
assert "TraceMiddleware: in  GET /mysite/\n" in text, "request.path is SCRIPT_NAME + PATH_INFO"
assert "reverse('index') = '/mysite/'" in text, "URLs Django builds carry the prefix"
# PATH_INFO holds the bytes of 'café' in UTF-8 (c3 a9), one character per byte...
assert "PATH_INFO='/cafÃ©'" in text
# ...and Django turns them back into bytes and decodes them as UTF-8.
assert "TraceMiddleware: in  GET /mysite/café\n" in text
assert answers["/mysite/caf%C3%A9"][0] == "HTTP/1.1 404 Not Found", "the project has no such page"
assert threading.active_count() == 1, "the gateway's thread has stopped"
