"""The application role of PEP 3333 at its smallest, served by the standard library.

    python snippets/pep3333_application.py

`application` is a whole WSGI application: a callable that takes the `environ` dict and
`start_response`, calls `start_response` once with a status and headers (native strings),
and returns an iterable of bytes. The snippet serves it with wsgiref's reference server
on 127.0.0.1 (port chosen by the system), behind `wsgiref.validate.validator`, which
checks both sides of the conversation, and asks for one page with a real HTTP client.
Other snippets import `application` to serve it with other servers.
"""

import http.client
import threading
import warnings
from wsgiref.validate import WSGIWarning, validator


# --8<-- [start:application]
def application(environ, start_response):
    """Say hello, and which path was asked for."""
    # environ values are native strings (str). PATH_INFO holds the URL's bytes,
    # percent-decoded, one character per byte (ISO-8859-1): encode to get them.
    path = environ["PATH_INFO"].encode("iso-8859-1")
    body = b"Hello from a WSGI application. You asked for " + path + b"\n"
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]  # an iterable of bytes: here, a list with one item
# --8<-- [end:application]


if __name__ == "__main__":
    from pep3333_serving import serving

    warnings.simplefilter("error", WSGIWarning)  # a WSGI warning is a failure here
    # --8<-- [start:serve]
    with serving(validator(application)) as port:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/caf%C3%A9")
        response = client.getresponse()
        body = response.read()
        client.close()
    # --8<-- [end:serve]

    print(f"HTTP/1.{response.version % 10} {response.status} {response.reason}")
    for name, value in response.getheaders():
        print(f"{name}: {value}")
    print()
    print(body.decode("utf-8"), end="")

    assert response.status == 200
    assert body == "Hello from a WSGI application. You asked for /café\n".encode("utf-8")
    # wsgiref added the headers the application left to the server.
    assert response.getheader("Server").startswith("WSGIServer/")
    assert response.getheader("Date")
    assert threading.active_count() == 1, "the server thread has stopped"
