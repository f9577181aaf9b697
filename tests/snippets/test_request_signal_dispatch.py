"""snippets/request_signal_dispatch.py: dispatch_uid connects a receiver once; send() runs
async receivers after the sync ones, together, in an event loop of async_to_sync()'s;
asend() runs the sync ones in a thread and the async ones in the caller's loop."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_dispatch_uid_and_async_receivers():
    run = run_snippet("snippets/request_signal_dispatch.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    uid, send, asend, request = run.stdout.split("-- ")[1:]
    assert uid.count("dispatch_uid=None") == 2 and uid.count("dispatch_uid='shop.send_receipt'") == 1
    for sent in (send, asend):
        assert sent.count("so the two ran at the same time") == 1
        assert sent.index("sync_two") < sent.index("async_one")
    assert "sync_one:  thread 'MainThread', no event loop" in send
    assert "async_one: thread 'MainThread', an event loop is running" in asend
    assert "async receiver of request_started" in request and "client: 200" in request
