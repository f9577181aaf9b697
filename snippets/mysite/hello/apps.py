import logging

from django.apps import AppConfig
from django.core.signals import request_finished, request_started

logger = logging.getLogger("hello")


def log_request_started(sender, environ=None, scope=None, **kwargs):
    # WSGIHandler sends the request's WSGI environ; ASGIHandler sends its ASGI scope instead.
    if environ is not None:
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
    else:
        method, path = scope["method"], scope["path"]
    logger.info("signal request_started: %s %s", method, path)


def log_request_finished(sender, **kwargs):
    logger.info("signal request_finished")


class HelloConfig(AppConfig):
    name = "hello"

    def ready(self):
        logger.info("HelloConfig.ready()")
        request_started.connect(log_request_started)
        request_finished.connect(log_request_finished)
