"""snippets/pep3333_roles.py: which Django objects play which PEP 3333 role."""

from scripts.snippet_runs import run_snippet


def test_roles_are_the_objects_runserver_uses():
    run = run_snippet("snippets/pep3333_roles.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "  runserver loads the same object: True\n" in out
    assert "  which wraps the project's application: True\n" in out
    assert "django.core.servers.basehttp.ServerHandler\n      < wsgiref.simple_server.ServerHandler\n" in out
