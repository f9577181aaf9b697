"""snippets/production_sync_async_threads.py: under gunicorn an async view runs in a new
thread and a new event loop per request; under uvicorn a sync view runs in a thread of its
own, the same one as the request's sync-only middleware."""

from scripts.snippet_runs import run_snippet


def test_threads_and_loops_are_where_the_page_says():
    run = run_snippet("snippets/production_sync_async_threads.py")
    assert run.returncode == 0, run.stderr
    gunicorn, uvicorn = run.stdout.split("\n\n")[:2]
    assert gunicorn.splitlines()[1:5] == [
        "  GET /where/async/  ThreadWitness in the main thread;",
        "                     the view in thread 1, event loop 1",
        "  GET /where/async/  ThreadWitness in the main thread;",
        "                     the view in thread 2, event loop 2",
    ]
    assert gunicorn.count("the view in the main thread, no event loop") == 2
    assert uvicorn.count("the view in the main thread, event loop 1") == 2
    assert uvicorn.splitlines()[-4:] == [
        "  GET /where/sync/   ThreadWitness in thread 3;",
        "                     the view in thread 3, no event loop",
        "  GET /where/sync/   ThreadWitness in thread 4;",
        "                     the view in thread 4, no event loop",
    ]
