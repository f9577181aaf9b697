"""An async-only middleware under WSGI: how load_middleware() adapts the chain around it.

    python snippets/request_async_middleware.py

Serves the example project with three middleware: Django's SecurityMiddleware and
CommonMiddleware (both built on MiddlewareMixin, which can run either way) around an
async-only middleware of this file. It walks the chain that load_middleware() built,
from the outside in, printing what each layer is, then sends one GET through it. The
asserts check where the adapters are: `sync_to_async` around the synchronous chain inside
the async-only middleware, `MiddlewareMixin` in async mode outside it, and
`async_to_sync` at the top, so that the WSGI handler can still call the chain as a plain
function.
"""

import asyncio

from asgiref.sync import AsyncToSync, SyncToAsync, markcoroutinefunction

from support.client import get
from support.devserver import serving

seen = []


# --8<-- [start:middleware]
class AsyncOnly:
    """A middleware that can only run as a coroutine."""

    sync_capable = False
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response  # the next layer in, as load_middleware() adapted it
        markcoroutinefunction(self)  # so that Django sees an instance it must await

    async def __call__(self, request):
        seen.append(f"AsyncOnly: {request.path}, in a running event loop: {running_loop()}")
        return await self.get_response(request)


MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    f"{__name__}.AsyncOnly",
    "django.middleware.common.CommonMiddleware",
]
# --8<-- [end:middleware]


def running_loop():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def layers(chain):
    """Each layer of the chain, outermost first, as (description, object)."""
    layer = chain
    while layer is not None:
        if isinstance(layer, AsyncToSync):
            yield "async_to_sync(...)", layer
            layer = layer.awaitable
        elif isinstance(layer, SyncToAsync):
            yield "sync_to_async(...)", layer
            layer = layer.func
        elif hasattr(layer, "__wrapped__"):  # convert_exception_to_response(), around each layer
            layer = layer.__wrapped__
        elif hasattr(layer, "get_response"):  # a middleware instance
            mode = f"async_mode={layer.async_mode}" if hasattr(layer, "async_mode") else "async def __call__"
            yield f"{type(layer).__name__} ({mode})", layer
            layer = layer.get_response
        else:  # the centre: _get_response
            yield layer.__qualname__, layer
            layer = None


handlers = []
with serving(MIDDLEWARE=MIDDLEWARE, wrap=lambda handler: handlers.append(handler) or handler) as port:
    response, body = get(port, "/")

chain = list(layers(handlers[0].application._middleware_chain))  # inside StaticFilesHandler
print("MIDDLEWARE = [SecurityMiddleware, AsyncOnly, CommonMiddleware]")
print("the chain load_middleware() built, outermost first:")
for description, _ in chain:
    print(f"  {description}")
print("GET /:")
for line in seen:
    print(f"  {line}")
print(f"  the client gets {response.status} {body!r}")

assert [description for description, _ in chain] == [
    "async_to_sync(...)",  # the top of the chain, adapted back for the WSGI handler
    "SecurityMiddleware (async_mode=True)",  # MiddlewareMixin, switched to async mode
    "AsyncOnly (async def __call__)",
    "sync_to_async(...)",  # the synchronous chain inside the async-only middleware
    "CommonMiddleware (async_mode=False)",  # inside it, everything stays synchronous
    "BaseHandler._get_response",
]
assert seen == ["AsyncOnly: /, in a running event loop: True"]
assert response.status == 200 and body == b"Hello from the view.\n"
