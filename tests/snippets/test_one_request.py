"""snippets/one_request.py: the landing page's run of one GET through `runserver`."""

from scripts.snippet_runs import run_snippet


def test_one_request_runs_standalone_and_its_asserts_hold(runserver_banner):
    run = run_snippet("snippets/one_request.py")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("$ python manage.py runserver 127.0.0.1:0 --noreload\n")
    # The server really bound 127.0.0.1 on a port the system picked, not a fixed one.
    assert f"{runserver_banner} http://127.0.0.1:" in out
    assert f"{runserver_banner} http://127.0.0.1:0/" not in out
    assert "HTTP/1.1 200 OK\n" in out and out.endswith("Hello from the view.\n")
