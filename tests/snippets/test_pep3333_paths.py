"""snippets/pep3333_paths.py: SCRIPT_NAME and PATH_INFO through the gateway, with the
example project mounted under /mysite; native strings for non-ASCII paths."""

from scripts.snippet_runs import run_snippet


def test_mount_point_and_non_ascii_path_reach_django_as_the_snippet_asserts():
    run = run_snippet("snippets/pep3333_paths.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "environ: SCRIPT_NAME='/mysite' PATH_INFO='/cafÃ©'\n" in out
    assert "[hello] TraceMiddleware: in  GET /mysite/café\n" in out
    assert out.endswith("client: HTTP/1.1 404 Not Found\n")
