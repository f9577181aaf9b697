"""Which of startproject's middleware can run async, and where load_middleware() adapts the
chain under ASGI when a sync-only middleware is added.

    python snippets/production_sync_async_middleware.py

Sets the example project up in this process (no server: the chain is built when the
handler is), prints the `sync_capable` and `async_capable` flags of every entry of its
MIDDLEWARE, the seven of `startproject` and the hello app's TraceMiddleware, read the way
load_middleware() reads them, then builds an ASGIHandler (that is
`load_middleware(is_async=True)`) three times: with the seven; with TraceMiddleware, which
is sync-only, above them, as the project has it; and with it below them. For each, it
walks the chain from the outside in, and prints what Django logged at DEBUG level while
building it.
"""

import logging
import os
import sys
from pathlib import Path

from asgiref.sync import AsyncToSync, SyncToAsync

MYSITE = Path(__file__).resolve().parent / "mysite"
sys.path.insert(0, str(MYSITE))
os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"

import django  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.handlers.asgi import ASGIHandler  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

django.setup()

# --8<-- [start:flags]
print("| middleware | sync_capable | async_capable |")
print("|---|---|---|")
flags = {}
for path in settings.MIDDLEWARE:
    middleware = import_string(path)
    # The defaults are load_middleware()'s: a class without the flags is sync-only.
    flags[path] = (getattr(middleware, "sync_capable", True),
                   getattr(middleware, "async_capable", False))
    print(f"| {path} | {flags[path][0]} | {flags[path][1]} |")
# --8<-- [end:flags]
print()

TRACE = "hello.middleware.TraceMiddleware"
STARTPROJECT = [path for path in settings.MIDDLEWARE if path != TRACE]
assert settings.MIDDLEWARE == [TRACE, *STARTPROJECT] and len(STARTPROJECT) == 7
assert all(flags[path] == (True, True) for path in STARTPROJECT)  # MiddlewareMixin's flags
assert flags[TRACE] == (True, False)


def layers(chain):
    """Each layer of the chain, outermost first, in a few words."""
    layer = chain
    while layer is not None:
        if isinstance(layer, AsyncToSync):
            yield "async_to_sync(...)"
            layer = layer.awaitable
        elif isinstance(layer, SyncToAsync):
            yield "sync_to_async(...)"
            layer = layer.func
        elif hasattr(layer, "__wrapped__"):  # convert_exception_to_response(), around each layer
            layer = layer.__wrapped__
        elif hasattr(layer, "get_response"):  # a middleware instance
            mode = ("async" if layer.async_mode else "sync") if hasattr(layer, "async_mode") else "sync only"
            yield f"{type(layer).__name__} ({mode})"
            layer = layer.get_response
        else:  # the centre
            yield layer.__qualname__
            layer = None


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


# --8<-- [start:build]
def build(middleware):
    """An ASGIHandler built with ``middleware``: its chain, and what Django logged."""
    log = Collect()
    logger = logging.getLogger("django.request")
    logger.addHandler(log)
    logger.setLevel(logging.DEBUG)
    try:
        with override_settings(MIDDLEWARE=middleware):  # DEBUG is True, so Django logs
            handler = ASGIHandler()  # __init__: self.load_middleware(is_async=True)
    finally:
        logger.removeHandler(log)
    return handler, list(layers(handler._middleware_chain)), log.messages
# --8<-- [end:build]


CASES = {
    "the seven of startproject": STARTPROJECT,
    "TraceMiddleware above them (the example project's MIDDLEWARE)": [TRACE, *STARTPROJECT],
    "TraceMiddleware below them": [*STARTPROJECT, TRACE],
}
built = {}
for title, middleware in CASES.items():
    handler, chain, logged = built[title] = build(middleware)
    print(f"{title}:")
    print("  the chain, outermost first:")
    for layer in chain:
        print(f"    {layer}")
    for message in logged:
        print(f"  Django logged: {message}")
    views = [f"sync_to_async({hook.func.__qualname__})" if isinstance(hook, SyncToAsync) else hook.__qualname__
             for hook in handler._view_middleware]
    print(f"  process_view hooks: {', '.join(views)}")
    print()

plain, above, below = (chain for _, chain, _ in built.values())
assert plain == [f"{path.rsplit('.', 1)[1]} (async)" for path in STARTPROJECT] + ["BaseHandler._get_response_async"]
# One sync-only middleware at the top: a thread for it, and back to the event loop below.
assert above[:3] == ["sync_to_async(...)", "TraceMiddleware (sync only)", "async_to_sync(...)"]
assert above[3:] == plain
# At the bottom: every MiddlewareMixin above it follows it into sync mode.
assert below[0] == "sync_to_async(...)"
assert below[1:8] == [f"{path.rsplit('.', 1)[1]} (sync)" for path in STARTPROJECT]
assert below[8:] == ["TraceMiddleware (sync only)", "async_to_sync(...)", "BaseHandler._get_response_async"]
assert built["the seven of startproject"][2] == []
for title in list(CASES)[1:]:
    assert built[title][2] == [f"Asynchronous handler adapted for middleware {TRACE}."]
# CsrfViewMiddleware.process_view is a plain method: under ASGI it always runs through sync_to_async.
for handler, _, _ in built.values():
    assert [type(hook) for hook in handler._view_middleware] == [SyncToAsync]
    assert handler._view_middleware[0].func.__qualname__ == "CsrfViewMiddleware.process_view"
