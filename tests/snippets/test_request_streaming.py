"""snippets/request_streaming.py: the development server sends each chunk of a streaming
response as it is produced; a middleware that joins the stream buffers it."""

from scripts.includes import ROOT
from scripts.snippet_runs import run_snippet


def test_each_chunk_is_on_the_wire_before_the_next_exists():
    run = run_snippet("snippets/request_streaming.py", ROOT)  # the same run as the shown-output check
    assert run.returncode == 0, run.stderr
    streamed, joined = run.stdout.split("-- GET /countdown/")[1:]
    assert streamed.count("the generator resumes: the client has read") == 3
    assert "Content-Length: None, Transfer-Encoding: None, Connection: close" in streamed
    assert joined.index("yields '1\\n'") < joined.index("the client has the status and headers")
    assert run.stdout.count("the client has the whole body: b'3\\n2\\n1\\n'") == 2
