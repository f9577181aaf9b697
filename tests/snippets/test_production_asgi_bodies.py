"""snippets/production_asgi_bodies.py: under real uvicorn, a request body of
FILE_UPLOAD_MAX_MEMORY_SIZE bytes stays in memory and one a byte longer goes to disk, and a
150,000-byte HttpResponse leaves as three http.response.body messages of at most 64 KiB."""

from scripts.snippet_runs import run_snippet


def test_the_body_file_rolls_to_disk_past_the_limit_and_the_response_is_chunked():
    run = run_snippet("snippets/production_asgi_bodies.py")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "POST 2,621,440 bytes: 2621440 bytes, SpooledTemporaryFile in memory (BytesIO)" in lines[1]
    assert "POST 2,621,441 bytes: 2621441 bytes, SpooledTemporaryFile on disk" in lines[2]
    assert lines[3] == "GET /asgi/large/: 200, 150,000 bytes, sent as:"
    assert [line.split()[1] for line in lines[4:]] == ["65,536", "65,536", "18,928"]
    assert [line.split()[-1] for line in lines[4:]] == ["more_body=True", "more_body=True", "more_body=False"]
