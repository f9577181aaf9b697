"""Why a custom 404 page is not shown: the 404.html template, handler404 and where Django
reads it, and a view that answers 404 itself.

    python snippets/request_custom_404.py

Serves the example project (on 127.0.0.1, a port the system picks) three times, each time
with a root URLconf of this file in place of the project's, and a 404.html template held
in memory (Django's locmem template loader) in place of the project's template settings:

1. DEBUG on, no handler404: Django's debug page, not 404.html.
2. DEBUG off, no handler404: Django's own handler renders 404.html.
3. DEBUG off, a root URLconf that names handler404 and includes an app's URLconf that
   names one too: only the root's is used, and a view that returns HttpResponseNotFound
   is not a 404 "error" at all, so no handler runs for it.
"""

import types

from django.http import Http404, HttpResponseNotFound
from django.urls import include, path

from support.client import get, gist
from support.devserver import serving

log = []


def say(line):
    log.append(line)
    print(line)


def urls_module(name, **names):
    """A URLconf module, as Python makes one when it imports a urls.py with these names."""
    module = types.ModuleType(name)
    vars(module).update(names)
    return module


# --8<-- [start:urlconfs]
def item(request, number):
    raise Http404(f"no item {number}")  # an exception: the 404 handler answers


def gone(request):
    return HttpResponseNotFound("gone: the view's own 404\n", content_type="text/plain")


def site_not_found(request, exception):
    return HttpResponseNotFound(f"site handler404: no page at {request.path}\n", content_type="text/plain")


def shop_not_found(request, exception):  # never called: see below
    return HttpResponseNotFound("shop handler404\n", content_type="text/plain")


shop_urls = urls_module(  # an app's shop/urls.py, included below
    "shop.urls",
    urlpatterns=[path("items/<int:number>/", item), path("gone/", gone)],
    handler404=shop_not_found,  # ignored: Django reads handler404 from the root URLconf only
)
without_handler = urls_module("plain.urls", urlpatterns=[path("shop/", include(shop_urls))])
with_handler = urls_module(
    "site.urls",
    urlpatterns=[path("shop/", include(shop_urls))],
    handler404=site_not_found,
)
# --8<-- [end:urlconfs]

# --8<-- [start:template]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {
        "404.html": "<title>404.html: no page at {{ request_path }}</title>",
    })]},
}]
# --8<-- [end:template]


def ask(port, *paths):
    for url in paths:
        response, body = get(port, url)
        say(f"  GET {url}: {response.status}, {gist(body)}")


# --8<-- [start:runs]
say("-- DEBUG = True, no handler404")
with serving(ROOT_URLCONF=without_handler, TEMPLATES=TEMPLATES) as port:
    ask(port, "/nowhere/")

say("-- DEBUG = False, no handler404")
with serving(ROOT_URLCONF=without_handler, TEMPLATES=TEMPLATES, DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]) as port:
    ask(port, "/nowhere/")

say("-- DEBUG = False, handler404 in the root URLconf and in shop.urls")
with serving(ROOT_URLCONF=with_handler, TEMPLATES=TEMPLATES, DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"]) as port:
    ask(port, "/nowhere/", "/shop/nowhere/", "/shop/items/7/", "/shop/gone/")
# --8<-- [end:runs]

runs = "\n".join(log).split("-- ")[1:]
# DEBUG on: the debug page; 404.html is not even looked at.
assert "GET /nowhere/: 404, page titled 'Page not found at /nowhere/'" in runs[0]
# DEBUG off, no handler404: Django's default handler renders the project's 404.html.
assert "GET /nowhere/: 404, page titled '404.html: no page at /nowhere/'" in runs[1]
# The root URLconf's handler404 answers every 404 raised, under shop/ too; shop's never runs.
assert log[-4:] == [
    "  GET /nowhere/: 404, 'site handler404: no page at /nowhere/\\n'",
    "  GET /shop/nowhere/: 404, 'site handler404: no page at /shop/nowhere/\\n'",
    "  GET /shop/items/7/: 404, 'site handler404: no page at /shop/items/7/\\n'",
    # A response with status 404 is just a response: no exception, no handler.
    "  GET /shop/gone/: 404, \"gone: the view's own 404\\n\"",
]
