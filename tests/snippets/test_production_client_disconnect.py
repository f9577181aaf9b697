"""snippets/production_client_disconnect.py: a client that hangs up mid-stream stops the
sync generator with GeneratorExit under gunicorn and the async one with CancelledError
under uvicorn, and request_finished follows in both."""

from scripts.snippet_runs import run_snippet


def test_each_server_stops_the_generator_its_own_way():
    run = run_snippet("snippets/production_client_disconnect.py")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "gunicorn (WSGI), sync generator: stopped by GeneratorExit, then request_finished",
        "uvicorn (ASGI), async generator: stopped by CancelledError, then request_finished",
    ]
