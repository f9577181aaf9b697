"""wsgi.file_wrapper: a static file of the example project, served as runserver serves it,
and served again by a server that offers no file wrapper.

    python snippets/pep3333_file_wrapper.py

First, runserver's own stack: Django's development server classes, and the project's
application wrapped in `StaticFilesHandler` (what `runserver` does when it serves static
files). The server offers `wsgi.file_wrapper`; Django's `FileResponse` for the file takes
it, and the application returns the server's wrapper instead of the response. No
validator sits in front here, because it would wrap that return value and hide it from
the server. Second, the gateway of `pep3333_gateway.py`, behind `wsgiref.validate`, which
offers no wrapper: Django returns the `FileResponse` itself. Both on 127.0.0.1 with ports
chosen by the system; the client must get the file's exact bytes either way. The
project's log shows that `StaticFilesHandler` answers on its own: Django's signals are
sent, but the project's middleware never sees the request.
"""

import contextlib
import http.client
import io
import os
import sys
import threading
import warnings
import wsgiref.handlers
from pathlib import Path
from wsgiref.validate import WSGIWarning, validator

from support.socket_gateway import Gateway, running
from support.wsgiref_serving import serving

MYSITE = Path(__file__).resolve().parent / "mysite"
STATIC = "/static/admin/css/base.css"


class Returned:
    """Note what the application returns (an instrument: it changes nothing)."""

    def __init__(self, application):
        self.application = application
        self.results = []

    def __call__(self, environ, start_response):
        offered = environ.get("wsgi.file_wrapper")
        result = self.application(environ, start_response)
        self.results.append((offered, result))
        return result


def get(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", STATIC)
    response = client.getresponse()
    body = response.read()
    client.close()
    return response, body


def name(obj):
    return f"{type(obj).__module__}.{type(obj).__qualname__}" if obj is not None else "nothing"


if __name__ == "__main__":
    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    sys.path.insert(0, str(MYSITE))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"
    project_log = io.StringIO()  # the project's console: its signals and middleware log here
    with contextlib.redirect_stderr(project_log):
        from mysite.wsgi import application
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers import basehttp

    class QuietDjangoRequestHandler(basehttp.WSGIRequestHandler):
        def log_message(self, format, *args):
            pass  # runserver's access log, not needed here

    on_disk = Path(finders.find("admin/css/base.css")).read_bytes()

    # --8<-- [start:runserver]
    runserver_stack = Returned(StaticFilesHandler(application))
    with serving(runserver_stack, server_class=basehttp.WSGIServer,
                 handler_class=QuietDjangoRequestHandler) as port:
        response, body = get(port)
    [(offered, returned)] = runserver_stack.results
    # --8<-- [end:runserver]
    logged = project_log.getvalue().splitlines()[2:]  # after ready() and the middleware's __init__
    print(f"runserver's stack: GET {STATIC}")
    print(f"  the server offered wsgi.file_wrapper = {offered.__module__}.{offered.__qualname__}")
    print(f"  the application returned a {name(returned)}")
    print(f"    around {name(returned.filelike)} {Path(returned.filelike.name).name}, in blocks of {returned.blksize} bytes")
    print(f"  its close() is the close() of a {name(returned.close.__self__)}")
    print(f"  the server's sendfile() is wsgiref's own: {basehttp.ServerHandler.sendfile is wsgiref.handlers.BaseHandler.sendfile}")
    print(f"  after the response, the file is closed: {returned.filelike.closed}")
    print(f"  client: {response.status} {response.reason}, Content-Length "
          f"{response.getheader('Content-Length')}, the file's exact bytes: {body == on_disk}")
    print("  the project logged:")
    for line in logged:
        print(f"    {line}")

    # --8<-- [start:gateway]
    gateway_stack = Returned(StaticFilesHandler(application))
    gateway = Gateway(validator(gateway_stack), log=lambda line: None)
    with running(gateway) as port:
        response2, body2 = get(port)
    [(offered2, returned2)] = gateway_stack.results
    # --8<-- [end:gateway]
    print("the gateway: GET the same file")
    print(f"  the server offered wsgi.file_wrapper = {offered2}")
    print(f"  the application returned a {name(returned2)}")
    print(f"  after the response, the file is closed: {returned2.file_to_stream.closed}")
    print(f"  client: {response2.status} {response2.reason}, Content-Length "
          f"{response2.getheader('Content-Length')}, the file's exact bytes: {body2 == on_disk}")

    assert offered is wsgiref.handlers.BaseHandler.wsgi_file_wrapper  # wsgiref.util.FileWrapper
    assert isinstance(returned, offered) and returned.blksize == 4096
    assert type(returned.close.__self__).__name__ == "FileResponse", "Django patched close() through"
    assert basehttp.ServerHandler.sendfile is wsgiref.handlers.BaseHandler.sendfile
    assert returned.filelike.closed, "the server closed the wrapper, which closes the response"
    assert response.status == 200 and body == on_disk
    assert response.getheader("Content-Length") == str(len(on_disk))
    # StaticFilesHandler answered: Django's signals were sent, the project's middleware never ran.
    assert logged == [f"[hello] signal request_started: GET {STATIC}", "[hello] signal request_finished"]
    assert offered2 is None and type(returned2).__name__ == "FileResponse"
    assert returned2.file_to_stream.closed
    assert response2.status == 200 and body2 == on_disk
    assert threading.active_count() == 1, "every server thread has stopped"
