"""The application role of PEP 3333 at its smallest, served by the standard library.

    python snippets/pep3333_application.py

`application` is a whole WSGI application: a callable that takes the `environ` dict and
`start_response`, calls `start_response` once with a status and headers (native strings),
and returns an iterable of bytes. The snippet serves it with wsgiref's reference server
on 127.0.0.1 (port chosen by the system), behind `wsgiref.validate.validator`, which
checks both sides of the conversation, and asks for one page with a real HTTP client.
`application` is in support/hello_application.py: pep3333_gateway.py serves it too.
"""

import http.client
import threading
import warnings
from wsgiref.validate import WSGIWarning, validator

from support.hello_application import application
from support.wsgiref_serving import serving


if __name__ == "__main__":
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
