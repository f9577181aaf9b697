import logging

logger = logging.getLogger("hello")


class TraceMiddleware:
    """Log each request on its way in and its response on its way out."""

    def __init__(self, get_response):
        self.get_response = get_response
        logger.info("TraceMiddleware.__init__()")

    def __call__(self, request):
        logger.info("TraceMiddleware: in  %s %s", request.method, request.path)
        response = self.get_response(request)
        logger.info("TraceMiddleware: out %s %s", response.status_code, response.reason_phrase)
        return response
