"""The middleware onion: the order in which middleware is built, and the order a request
and its response pass through it; a middleware that answers by itself; a middleware that
takes itself out of the chain.

    python snippets/request_onion.py

Serves the example project with four middleware of this file in place of its own, and
sends three requests: one that reaches the view, one that a middleware answers itself,
and the first again. Every step prints a line; the asserts at the end check the order.
"""

from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse

from support.client import get
from support.devserver import serving

steps = []


def say(line):
    steps.append(line)
    print(line)


# --8<-- [start:layers]
class Layer:
    """Say when this middleware is built, and when a request passes it in and out."""

    def __init__(self, get_response):
        self.get_response = get_response  # the next layer in
        say(f"{type(self).__name__}.__init__()")

    def __call__(self, request):
        say(f"  {type(self).__name__}: in  {request.path}")
        response = self.get_response(request)
        say(f"  {type(self).__name__}: out {response.status_code}")
        return response


class Outer(Layer):
    pass


class Gate(Layer):
    """Answers /closed/ itself: the layers inside it and the view never see the request."""

    def __call__(self, request):
        if request.path == "/closed/":
            say("  Gate: answers /closed/ itself")
            return HttpResponse("closed\n", status=403)
        return super().__call__(request)


class Unused(Layer):
    """Decides at start-up that it is not needed."""

    def __init__(self, get_response):
        say("Unused.__init__(): raises MiddlewareNotUsed")
        raise MiddlewareNotUsed


class Inner(Layer):
    pass


MIDDLEWARE = [f"{__name__}.{name}" for name in ("Outer", "Gate", "Unused", "Inner")]
# --8<-- [end:layers]

say(f"MIDDLEWARE = {[m.rsplit('.', 1)[1] for m in MIDDLEWARE]}")
say("-- the server starts: load_middleware() builds the chain")
with serving(MIDDLEWARE=MIDDLEWARE) as port:
    for path in ("/", "/closed/", "/"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        say(f"-- the client gets {response.status} {body!r}")

# Built once, when the server starts, from the last entry to the first: each layer is
# given the one inside it (Unused is tried, and left out).
built = [s for s in steps if "__init__" in s]
assert built == ["Inner.__init__()", "Unused.__init__(): raises MiddlewareNotUsed", "Gate.__init__()", "Outer.__init__()"]
assert steps.index(built[-1]) < steps.index("-- GET /"), "all built before the first request"
# A request goes in from the first entry to the last, and its response comes out in reverse.
first = steps[steps.index("-- GET /") + 1 : steps.index("-- GET /closed/")]
assert first == [
    "  Outer: in  /", "  Gate: in  /", "  Inner: in  /",
    "  Inner: out 200", "  Gate: out 200", "  Outer: out 200",
    "-- the client gets 200 b'Hello from the view.\\n'",
]
# Gate answers /closed/: Inner and the view never see it, Outer still sees the response.
closed = steps[steps.index("-- GET /closed/") + 1 : len(steps) - len(first) - 1]
assert closed == [
    "  Outer: in  /closed/", "  Gate: answers /closed/ itself", "  Outer: out 403",
    "-- the client gets 403 b'closed\\n'",
]
# The third request passes the same instances: nothing is built per request.
assert steps[-len(first):] == first
assert len(built) == 4 and not any("Unused:" in s for s in steps)
