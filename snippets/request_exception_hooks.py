"""An exception raised in a view, and one raised in a middleware: which hooks see it, what
the middleware around it gets, and what the client receives.

    python snippets/request_exception_hooks.py

Serves the example project (DEBUG on, as generated) with three middleware of this file,
Outer, Failing and Inner, in place of its own; Outer and Inner have a `process_exception`
hook, and Outer would report any exception that reached it. A receiver reports the
`got_request_exception` signal. Three requests: /boom/, whose view raises; / with
?fail=yes, on which Failing raises before the view; and /boom/ with ?handle=yes, on which
Inner's `process_exception` answers.
"""

from django.core.signals import got_request_exception
from django.http import HttpResponse

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:middleware]
class Outer:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except Exception as exc:  # never happens: each layer is wrapped, see below
            say(f"  Outer caught {exc!r}")
            raise
        say(f"  Outer on the way out: a response, {response.status_code}")
        return response

    def process_exception(self, request, exception):
        say(f"  Outer.process_exception({exception!r})")


class Failing:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.GET.get("fail") == "yes":
            raise ValueError("the middleware failed")
        response = self.get_response(request)
        say(f"  Failing on the way out: a response, {response.status_code}")
        return response


class Inner:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        say(f"  Inner.process_exception({exception!r})")
        if request.GET.get("handle") == "yes":
            return HttpResponse("Inner handled it.\n", status=503)
# --8<-- [end:middleware]


def on_got_request_exception(sender, request, **kwargs):
    say("  signal got_request_exception")


got_request_exception.connect(on_got_request_exception)

with serving(MIDDLEWARE=[f"{__name__}.{name}" for name in ("Outer", "Failing", "Inner")]) as port:
    for path in ("/boom/", "/?fail=yes", "/boom/?handle=yes"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        say(f"  client: {response.status}, {gist(body)}")


def requests():
    marks = [i for i, line in enumerate(log) if line.startswith("-- ")] + [len(log)]
    return [[line.strip() for line in log[a + 1 : b]] for a, b in zip(marks, marks[1:])]


in_view, in_middleware, handled = requests()
# Raised in the view: every process_exception, innermost first; then the signal and a 500
# response, which every middleware sees on its way out as an ordinary response.
assert in_view == [
    "Inner.process_exception(RuntimeError('the view failed'))",
    "Outer.process_exception(RuntimeError('the view failed'))",
    "signal got_request_exception",
    "Failing on the way out: a response, 500",
    "Outer on the way out: a response, 500",
    "client: 500, page titled 'RuntimeError at /boom/'",
]
# Raised in a middleware: no process_exception at all. The layer around Failing turns the
# exception into a 500 response at once; Outer only ever sees that response.
assert in_middleware == [
    "signal got_request_exception",
    "Outer on the way out: a response, 500",
    "client: 500, page titled 'ValueError at /'",
]
# Answered by a process_exception: the others are skipped, and there is no signal.
assert handled == [
    "Inner.process_exception(RuntimeError('the view failed'))",
    "Failing on the way out: a response, 503",
    "Outer on the way out: a response, 503",
    "client: 503, 'Inner handled it.\\n'",
]
assert not any("caught" in line for line in log)
