"""`process_request` or `process_view`? What each one knows, when it runs, and what
happens when it returns a response.

    python snippets/request_process_view.py

Serves the example project with two middleware of this file, First and Second, in
place of its own. Both are old-style middleware (MiddlewareMixin) with all three
hooks. Three requests: one to a view, one to a URL no view matches, and one to
/boom/, whose view Second's process_view refuses to run.
"""

from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin

from support.client import get
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:middleware]
class Hooks(MiddlewareMixin):
    def process_request(self, request):
        say(f"  {self.name}.process_request: resolver_match is {request.resolver_match}")

    def process_view(self, request, view_func, view_args, view_kwargs):
        say(f"  {self.name}.process_view: the view is {view_func.__module__}.{view_func.__name__}, "
            f"url_name {request.resolver_match.url_name!r}")

    def process_response(self, request, response):
        say(f"  {self.name}.process_response: {response.status_code}")
        return response


class First(Hooks):
    name = "First"


class Second(Hooks):
    name = "Second"

    def process_view(self, request, view_func, view_args, view_kwargs):
        super().process_view(request, view_func, view_args, view_kwargs)
        if view_func.__name__ == "boom":
            say("  Second.process_view: returns a response; the view is not called")
            return HttpResponse("Not today.\n", status=503)
# --8<-- [end:middleware]


with serving(MIDDLEWARE=[f"{__name__}.First", f"{__name__}.Second"]) as port:
    for path in ("/", "/nowhere/", "/boom/"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        say(f"  client: {response.status} {response.reason}")


def requests():
    marks = [i for i, line in enumerate(log) if line.startswith("-- ")] + [len(log)]
    return [[line.strip() for line in log[a + 1 : b]] for a, b in zip(marks, marks[1:])]


index, nowhere, boom = requests()
# process_request runs on the way in, before the URL is resolved: it cannot know the view.
# Every process_view runs after every process_request, in MIDDLEWARE order, with the view.
assert [line.split(":")[0] for line in index] == [
    "First.process_request", "Second.process_request", "First.process_view", "Second.process_view",
    "Second.process_response", "First.process_response", "client",
]
assert index[0] == "First.process_request: resolver_match is None"
assert index[2] == "First.process_view: the view is hello.views.index, url_name 'index'"
# No view matches: process_request still runs, process_view never does.
assert [line.split(":")[0] for line in nowhere] == [
    "First.process_request", "Second.process_request", "Second.process_response", "First.process_response", "client",
]
assert nowhere[-1] == "client: 404 Not Found"
# A response from process_view: no later process_view, no view, but every process_response.
assert boom[-4:] == [
    "Second.process_view: returns a response; the view is not called",
    "Second.process_response: 503", "First.process_response: 503", "client: 503 Service Unavailable",
]
