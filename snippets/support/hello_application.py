"""The smallest useful WSGI application: it says hello, and which path was asked for.

pep3333_application.py serves it with wsgiref (docs/pep3333/application.md shows it from
this file), and pep3333_gateway.py with the gateway written from a socket: two snippets,
one application, so it lives here.
"""


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
