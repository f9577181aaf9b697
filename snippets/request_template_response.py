"""A TemplateResponse is rendered late: after the view has returned and the middleware's
`process_template_response` hooks have run, but before the response travels back out
through the middleware.

    python snippets/request_template_response.py

Serves the example project with two middleware of this file, Outer and Inner, in place
of its own. Both report their hooks; Outer's `process_template_response` changes the
template's context. The example project's `hello` app reports its view. Two requests:
/page/, whose view returns a TemplateResponse, and /, whose view returns an HttpResponse.
"""

import logging

from support.client import get
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


# --8<-- [start:middleware]
class Reporting:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        rendered = getattr(response, "is_rendered", "(not a TemplateResponse)")
        say(f"  {type(self).__name__} on the way out: is_rendered {rendered}")
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        say(f"  {type(self).__name__}.process_view")

    def process_template_response(self, request, response):
        say(f"  {type(self).__name__}.process_template_response: is_rendered {response.is_rendered}, "
            f"template {response.template_name!r}, context {response.context_data}")
        return response


class Outer(Reporting):
    def process_template_response(self, request, response):
        response = super().process_template_response(request, response)
        response.context_data["greeting"] = "Bonjour"  # not rendered yet: still possible
        response.add_post_render_callback(lambda r: say(f"  rendered: {r.content!r}"))
        return response


class Inner(Reporting):
    pass
# --8<-- [end:middleware]


class SayViews(logging.Handler):
    """The hello app's report of its views (not of its signals), in this console."""

    def emit(self, record):
        if record.getMessage().startswith("view "):
            say(f"  [hello] {record.getMessage()}")


with serving(MIDDLEWARE=[f"{__name__}.Outer", f"{__name__}.Inner"]) as port:
    logging.getLogger("hello").addHandler(SayViews())
    for path in ("/page/", "/"):
        say(f"-- GET {path}")
        response, body = get(port, path)
        say(f"  client: {response.status} {body!r}")

page = [line.strip() for line in log[1 : log.index("-- GET /")]]
assert [line.split(":")[0].split(" on the way")[0] for line in page] == [
    "Outer.process_view", "Inner.process_view", "[hello] view hello.views.page()",
    # the view has returned: the template response middleware, from the last to the first,
    "Inner.process_template_response", "Outer.process_template_response",
    # then rendering, then the way out through the middleware
    "rendered", "Inner", "Outer", "client",
]
assert page[3].startswith("Inner.process_template_response: is_rendered False, template 'hello/page.html', context {'greeting': 'Hello'")
assert page[-1] == "client: 200 b'Bonjour from a template.\\n'"
# An HttpResponse has nothing to render: no process_template_response is called.
assert not any("process_template_response" in line for line in log[log.index("-- GET /") :])
