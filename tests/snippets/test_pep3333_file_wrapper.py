"""snippets/pep3333_file_wrapper.py: a static file through runserver's stack, with and
without wsgi.file_wrapper."""

from scripts.snippet_runs import run_snippet


def test_file_wrapper_is_used_when_offered_and_the_bytes_are_exact_either_way():
    run = run_snippet("snippets/pep3333_file_wrapper.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = run.stdout
    assert "  the application returned a wsgiref.util.FileWrapper\n" in out
    assert "  the application returned a django.http.response.FileResponse\n" in out
    assert out.count("the file's exact bytes: True") == 2
    assert out.count("the file is closed: True") == 2
