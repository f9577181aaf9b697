"""How runserver finds and builds the WSGI application, and when middleware is created.

    python snippets/launch_wsgi_app.py

Calls the `get_handler()` of the runserver command that `manage.py runserver` loads,
exactly as `inner_run()` does, under a profile hook that prints the import of the
project's wsgi.py and every middleware's `__init__` as they happen. Then it sends two
requests through the application it got back (in-process, no server) to show that no
middleware is created again, and builds one more handler with a middleware that raises
MiddlewareNotUsed.
"""

import io
import os
import sys
from pathlib import Path
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parent / "mysite"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
sys.stderr = sys.stdout  # one console, as in a terminal: the project logs to stderr

import django
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

django.setup()
created = []  # middleware classes, in the order their __init__ ran


# --8<-- [start:hook]
def watch(frame, event, result):
    """Profile hook: report wsgi.py's import and each middleware load_middleware() creates."""
    if event != "call":
        return
    code, caller = frame.f_code, frame.f_back.f_code
    if code.co_name == "<module>" and frame.f_globals["__name__"] == "mysite.wsgi":
        print("  import mysite.wsgi   (its last line calls get_wsgi_application())")
    elif code.co_name == "__init__" and caller.co_qualname == "BaseHandler.load_middleware":
        name = type(frame.f_locals["self"]).__qualname__
        created.append(name)
        print(f"  {name}.__init__()")
# --8<-- [end:hook]


def show_chain(handler):
    """Walk the middleware chain from the outside in: each layer wraps the next."""
    layer, names = handler._middleware_chain, []
    while hasattr(layer, "__wrapped__"):  # convert_exception_to_response() wraps each layer
        inner = layer.__wrapped__
        names.append(getattr(inner, "__qualname__", type(inner).__qualname__))
        layer = getattr(inner, "get_response", None)
    return names


def get(application, path):
    environ = {"PATH_INFO": path, "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr}
    setup_testing_defaults(environ)
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    body.close()  # what the server does after the last byte: fires request_finished
    return statuses[0]


print(f"settings.WSGI_APPLICATION = {settings.WSGI_APPLICATION!r}")
# --8<-- [start:build]
from django.core.management import ManagementUtility

command = ManagementUtility(["manage.py", "runserver"]).fetch_command("runserver")
print("runserver's get_handler():")
sys.setprofile(watch)
handler = command.get_handler(use_static_handler=True, insecure_serving=False)
sys.setprofile(None)
# --8<-- [end:build]

import mysite.wsgi

print(f"it returned a {type(handler).__name__} around {type(handler.application).__name__},")
print(f"  and that WSGIHandler is mysite.wsgi.application: {handler.application is mysite.wsgi.application}")
print("the chain a request goes through, outermost first:")
for name in show_chain(handler.application):
    print(f"  {name}")

# --8<-- [start:requests]
at_launch = len(created)
sys.setprofile(watch)
print("two requests through the application:")
statuses = [get(handler, "/"), get(handler, "/")]
sys.setprofile(None)
# --8<-- [end:requests]
during_requests = created[at_launch:]
print(f"statuses {statuses}; middleware created during the requests: {during_requests}")


# --8<-- [start:not-used]
class OnlyInProduction:
    """A middleware that decides at start-up that it is not needed."""

    def __init__(self, get_response):
        print("    ...and raises MiddlewareNotUsed")
        raise MiddlewareNotUsed("DEBUG is on")


from django.core.handlers.wsgi import WSGIHandler
from django.test.utils import override_settings

with override_settings(MIDDLEWARE=["__main__.OnlyInProduction", *settings.MIDDLEWARE[:2]]):
    print("a handler built with MIDDLEWARE = [OnlyInProduction, TraceMiddleware, SecurityMiddleware]:")
    sys.setprofile(watch)
    other = WSGIHandler()
    sys.setprofile(None)
    print("  its chain:", " -> ".join(show_chain(other)))
# --8<-- [end:not-used]

# The application is the `application` object of mysite/wsgi.py, wrapped by staticfiles.
assert type(handler).__name__ == "StaticFilesHandler" and handler.application is mysite.wsgi.application
# Each middleware was created once, last in MIDDLEWARE first; none during the requests.
assert created[:at_launch] == [path.rsplit(".", 1)[1] for path in reversed(settings.MIDDLEWARE)]
assert statuses == ["200 OK", "200 OK"] and during_requests == []
# The chain runs in MIDDLEWARE order and ends with the view-calling _get_response.
assert show_chain(handler.application) == [p.rsplit(".", 1)[1] for p in settings.MIDDLEWARE] + ["BaseHandler._get_response"]
# A middleware that raises MiddlewareNotUsed is left out of the chain.
assert show_chain(other) == ["TraceMiddleware", "SecurityMiddleware", "BaseHandler._get_response"]
