"""The environ dict three servers build for the same request: wsgiref's reference server,
Django's development server (runserver's classes) and the gateway of `pep3333_gateway.py`.

    python snippets/pep3333_environ.py

One application, which keeps a copy of the `environ` it is called with, is served by each
server behind `wsgiref.validate.validator` on 127.0.0.1 (ports chosen by the system) and
receives the same POST from `http.client`: a query string, a form body and two custom
headers, one of them with an underscore in its name. The table shows the CGI keys and the
`wsgi.*` keys of PEP 3333 side by side. (The validator wraps `wsgi.input` and
`wsgi.errors` to check how they are used; the table shows the server's own streams.)
"""

import http.client
import os
import socket
import threading
import warnings
from wsgiref.util import FileWrapper
from wsgiref.validate import WSGIWarning, validator

from support.socket_gateway import Gateway, running
from support.wsgiref_serving import QuietRequestHandler, serving

CGI_KEYS = ["REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
            "CONTENT_LENGTH", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "REMOTE_ADDR",
            "HTTP_HOST", "HTTP_X_COLOUR", "HTTP_X_SHADE"]
WSGI_KEYS = ["wsgi.version", "wsgi.url_scheme", "wsgi.input", "wsgi.errors", "wsgi.multithread",
             "wsgi.multiprocess", "wsgi.run_once", "wsgi.file_wrapper"]


class KeepsEnviron:
    """A WSGI application that keeps a copy of each environ and answers with its body."""

    def __init__(self):
        self.environs = []

    def __call__(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        kept = dict(environ)
        for key in ("wsgi.input", "wsgi.errors"):  # the server's own stream, not the validator's
            kept[key] = environ[key].input if key == "wsgi.input" else environ[key].errors
        self.environs.append(kept)
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [body]


def post(port):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    # --8<-- [start:request]
    client.request("POST", "/form?page=2", body=b"name=caf%C3%A9", headers={
        "Content-Type": "text/plain",
        "X-Colour": "teal",
        "X_Shade": "dark",  # an underscore: looks like X-Shade once in environ
    })
    # --8<-- [end:request]
    response = client.getresponse()
    body = response.read()
    client.close()
    assert response.status == 200 and body == b"name=caf%C3%A9", "the body read from wsgi.input"


def shown(key, value, server):
    if key == "SERVER_NAME" and server != "the gateway":
        assert value == socket.getfqdn("127.0.0.1")
        return "socket.getfqdn(host)"  # the machine's name for 127.0.0.1
    if isinstance(value, (str, tuple, bool)):
        return repr(value)
    if isinstance(value, type):
        return value.__qualname__
    return f"a {type(value).__qualname__}"


if __name__ == "__main__":
    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    from django.core.servers import basehttp

    class QuietDjangoRequestHandler(basehttp.WSGIRequestHandler):
        def log_message(self, format, *args):
            pass  # runserver's access log, not needed here

    app = KeepsEnviron()
    with serving(validator(app), handler_class=QuietRequestHandler) as port:
        post(port)
    with serving(validator(app), server_class=basehttp.WSGIServer, handler_class=QuietDjangoRequestHandler) as port:
        post(port)
    with running(Gateway(validator(app), log=lambda line: None)) as port:
        post(port)
    servers = ["wsgiref", "Django's runserver", "the gateway"]
    environs = dict(zip(servers, app.environs))

    for group in (CGI_KEYS, WSGI_KEYS):
        print(f"{'':<19}" + "".join(f"{server:<21}" for server in servers).rstrip())
        for key in group:
            cells = [shown(key, env[key], server) if key in env else "(absent)" for server, env in environs.items()]
            print(f"{key:<19}" + "".join(f"{cell:<21}" for cell in cells).rstrip())
        print()
    for server, env in environs.items():
        others = sorted(set(env) - set(CGI_KEYS) - set(WSGI_KEYS) - set(os.environ))
        copied = "a copy of os.environ" if set(os.environ) <= set(env) else "no os.environ"
        print(f"{server} also gives {copied}, and:")
        print(f"    {', '.join(others)}")

    for env in app.environs:
        assert (env["REQUEST_METHOD"], env["PATH_INFO"], env["QUERY_STRING"]) == ("POST", "/form", "page=2")
        assert env["CONTENT_LENGTH"] == "14" and env["HTTP_X_COLOUR"] == "teal"
        assert env["wsgi.version"] == (1, 0) and env["wsgi.url_scheme"] == "http"
    wsgiref_env, django_env, gateway_env = app.environs
    assert wsgiref_env["HTTP_X_SHADE"] == gateway_env["HTTP_X_SHADE"] == "dark"
    assert "HTTP_X_SHADE" not in django_env, "runserver drops headers with underscores"
    assert [type(env["wsgi.input"]).__name__ for env in app.environs] == ["BufferedReader", "LimitedStream", "BytesIO"]
    assert [env.get("wsgi.file_wrapper") for env in app.environs][2] is None
    assert wsgiref_env["wsgi.file_wrapper"] is django_env["wsgi.file_wrapper"] is FileWrapper
    assert set(os.environ) <= set(wsgiref_env) and set(os.environ) <= set(django_env)
    assert threading.active_count() == 1, "every server thread has stopped"
