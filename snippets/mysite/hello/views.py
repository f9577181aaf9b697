import logging
import threading

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template.response import TemplateResponse

logger = logging.getLogger("hello")


def index(request):
    logger.info("view hello.views.index(), in thread %r", threading.current_thread().name)
    return HttpResponse("Hello from the view.\n", content_type="text/plain")


def page(request):
    """A response whose template is rendered after the view has returned."""
    logger.info("view hello.views.page()")
    return TemplateResponse(request, "hello/page.html", {"greeting": "Hello"})


def boom(request):
    """A view that fails."""
    logger.info("view hello.views.boom()")
    raise RuntimeError("the view failed")


def forgetful(request):
    """A view that forgets to return its response."""
    logger.info("view hello.views.forgetful()")
    HttpResponse("never returned")


# The project's error handlers, named by handler404 and handler500 in mysite/urls.py.
# Django calls them only when DEBUG is False.


def not_found(request, exception):
    return HttpResponseNotFound(f"hello: no page at {request.path}\n", content_type="text/plain")


def server_error(request):
    return HttpResponseServerError("hello: something went wrong\n", content_type="text/plain")
