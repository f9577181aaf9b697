"""snippets/production_asgi_threads.py: under real uvicorn, ASGIHandler and the messages it
sends run on the event loop's thread; request_started's receivers, the sync view and
request_finished run in one other thread, a new one for each request."""

from scripts.snippet_runs import run_snippet

SYNC_PARTS = ("request_started", "view", "request_finished")


def test_the_sync_parts_of_each_request_share_one_thread_of_their_own():
    run = run_snippet("snippets/production_asgi_threads.py")
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.split("request 2:")
    for request, thread in ((first, "sync thread A"), (second, "sync thread B")):
        steps = [line.strip() for line in request.splitlines() if line.startswith("  ")]
        assert [step.split()[0] for step in steps] == [
            "application", "request_started", "view", "send", "send", "request_finished", "application"]
        for step in steps:
            assert (thread in step) if step.startswith(SYNC_PARTS) else step.endswith("MainThread"), step
