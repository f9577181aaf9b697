"""snippets/production_gunicorn_workers.py: real gunicorn loads wsgi.py per worker, once in
the master with --preload, and again in a worker that replaces one."""

from scripts.snippet_runs import run_snippet


def test_gunicorn_sets_django_up_where_the_page_says():
    run = run_snippet("snippets/production_gunicorn_workers.py")
    assert run.returncode == 0, run.stderr
    runs = run.stdout.split("\n\n")
    assert runs[0].splitlines()[1:3] == [
        "  master    set up: nothing",
        "  worker 1  set up: HelloConfig.ready(), TraceMiddleware.__init__()",
    ]
    assert "  master    set up: HelloConfig.ready(), TraceMiddleware.__init__()" in runs[1]
    assert "  worker 2  set up: nothing" in runs[1]
    assert runs[2].splitlines()[-1] == "  the GET was served by: worker 1"
    assert "  worker 2  set up: HelloConfig.ready(), TraceMiddleware.__init__()" in runs[2]
