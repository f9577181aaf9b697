import logging
import threading

from django.http import HttpResponse

logger = logging.getLogger("hello")


def index(request):
    logger.info("view hello.views.index(), in thread %r", threading.current_thread().name)
    return HttpResponse("Hello from the view.\n", content_type="text/plain")
