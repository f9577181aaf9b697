"""Which Django objects play which PEP 3333 role, in the example project under runserver.

    python snippets/pep3333_roles.py

Importing the project's `wsgi.py` creates the application (watch the project's log lines
appear during the import). `runserver` loads that same object through the
`WSGI_APPLICATION` setting, wraps it in a WSGI middleware of its own when it serves static
files, and serves the result with server classes built on the standard library's wsgiref.
The snippet asks Django for each of these objects, as `runserver` does, and prints what
they are; the asserts check the identities.
"""

import contextlib
import io
import os
import sys
import wsgiref.handlers
import wsgiref.simple_server
from pathlib import Path

MYSITE = Path(__file__).resolve().parent / "mysite"
sys.path.insert(0, str(MYSITE))
os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"


def lineage(cls):
    """A class and the classes it is built on, one a line, up to object."""
    return "\n      < ".join(f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__[:-1])


console = io.StringIO()
with contextlib.redirect_stderr(console):  # the project logs to "the console": this one
    print("importing mysite.wsgi ...", file=sys.stderr)
    # --8<-- [start:application]
    from mysite.wsgi import application  # wsgi.py calls get_wsgi_application()
    # --8<-- [end:application]
    print("... imported", file=sys.stderr)
print(console.getvalue())

# --8<-- [start:runserver]
from django.conf import settings
from django.contrib.staticfiles.management.commands import runserver
from django.core.servers import basehttp

loaded = basehttp.get_internal_wsgi_application()  # what WSGI_APPLICATION names
served = runserver.Command().get_handler(use_static_handler=True,
                                         insecure_serving=False)
# --8<-- [end:runserver]

print("application role")
print(f"  mysite.wsgi.application is a\n    {lineage(type(application))}")
print(f"  settings.WSGI_APPLICATION = {settings.WSGI_APPLICATION!r}")
print(f"  runserver loads the same object: {loaded is application}")
print("middleware role (plays both roles)")
print(f"  runserver serves a\n    {lineage(type(served))}")
print(f"  which wraps the project's application: {served.application is application}")
print("server role (runserver's classes)")
for cls in (basehttp.WSGIServer, basehttp.WSGIRequestHandler, basehttp.ServerHandler):
    print(f"    {lineage(cls)}")

assert console.getvalue().splitlines() == [
    "importing mysite.wsgi ...",
    "[hello] HelloConfig.ready()",  # get_wsgi_application() ran django.setup()...
    "[hello] TraceMiddleware.__init__()",  # ...then WSGIHandler() built the middleware
    "... imported",
]
assert type(application).__name__ == "WSGIHandler"
assert settings.WSGI_APPLICATION == "mysite.wsgi.application" and loaded is application
assert type(served).__name__ == "StaticFilesHandler" and served.application is application
assert issubclass(basehttp.WSGIServer, wsgiref.simple_server.WSGIServer)
assert issubclass(basehttp.WSGIRequestHandler, wsgiref.simple_server.WSGIRequestHandler)
assert issubclass(basehttp.ServerHandler, wsgiref.handlers.BaseHandler)
