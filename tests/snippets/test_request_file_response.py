"""snippets/request_file_response.py: a FileResponse goes to the server inside
wsgi.file_wrapper, is written block by block, and is closed before request_finished."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_file_wrapper_blocks_keep_alive_and_close():
    run = run_snippet("snippets/request_file_response.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.count("the server gets a wsgiref.util.FileWrapper (it is environ['wsgi.file_wrapper'])") == 2
    assert out.count("request_finished: the file is closed: True") == 2
    assert out.count("Content-Length: 10000, Connection: None, 10000 bytes") == 2
    assert out.endswith("[4096, 4096, 1808] (after the status line, Date, Server and headers)\n")
