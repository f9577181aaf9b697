"""snippets/production_sync_only.py: under real uvicorn, the ORM in an async view raises
SynchronousOnlyOperation; through sync_to_async, in a sync view, or with
DJANGO_ALLOW_ASYNC_UNSAFE set, it does not."""

from scripts.snippet_runs import run_snippet


def test_the_error_applies_only_on_the_event_loops_thread():
    run = run_snippet("snippets/production_sync_only.py")
    assert run.returncode == 0, run.stderr
    plain, unsafe = run.stdout.split("\n\n")[:2]
    assert "200 SynchronousOnlyOperation: You cannot call this from an async context" in plain
    assert plain.count("200 0 users (no event loop in this thread)") == 2
    assert "SynchronousOnlyOperation" not in unsafe
    assert "200 0 users (an event loop runs in this thread)" in unsafe
