"""snippets/request_async_middleware.py: under WSGI, load_middleware() wraps the chain
inside an async-only middleware with sync_to_async, switches the MiddlewareMixin layers
outside it to async mode, and adapts the top of the chain back with async_to_sync."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_the_adapters_around_an_async_only_middleware():
    run = run_snippet("snippets/request_async_middleware.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert (
        "outermost first:\n"
        "  async_to_sync(...)\n"
        "  SecurityMiddleware (async_mode=True)\n"
        "  AsyncOnly (async def __call__)\n"
        "  sync_to_async(...)\n"
        "  CommonMiddleware (async_mode=False)\n"
        "  BaseHandler._get_response\n"
    ) in out
    assert "  AsyncOnly: /, in a running event loop: True\n" in out
    assert out.endswith("  the client gets 200 b'Hello from the view.\\n'\n")
    # The view still ran in the connection's thread: sync_to_async(thread_sensitive=True)
    # hands synchronous code back to the thread that called async_to_sync.
    assert "view hello.views.index(), in thread 'Thread-1 (process_request_thread)'" in run.stderr
