"""What Django uses of PEP 3333, and what it leaves alone, watched from the server's side.

    python snippets/pep3333_unused.py

A one-file Django project (settings.configure, this file as its URLconf) answers five
requests through wsgiref's server on 127.0.0.1 (port chosen by the system): a page, a
missing page, a view that raises, a streaming response and a file. Between the server and
Django sits `Watch`, an instrument rather than a WSGI role: it records how Django calls
`start_response` (and whether it passes `exc_info`), whether it ever calls the `write()`
callable it gets back, whether it writes to `wsgi.errors`, what it returns (and whether
that supports `len()`), and which `wsgi.*` keys of `environ` it reads. To see reads, `Watch` hands Django a dict subclass,
which the specification does not allow (and `wsgiref.validate` refuses), so this
snippet's server runs without the validator. A scan of Django's source for `wsgi.*` keys
and `start_response` calls backs up the run: what the run never saw, Django never asks for.
"""

import ast
import http.client
import threading
from pathlib import Path

import django
from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="only-for-this-demonstration",
)


def page(request):
    return HttpResponse(f"This page is {request.build_absolute_uri()}\n", content_type="text/plain")


def fails(request):
    raise RuntimeError("a bug in a view")


def streams(request):
    return StreamingHttpResponse((f"chunk {n}\n" for n in range(3)), content_type="text/plain")


def file(request):
    return FileResponse(open(__file__, "rb"), content_type="text/plain")


urlpatterns = [path("page", page), path("fails", fails), path("streams", streams), path("file", file)]


# --8<-- [start:watch]
class ReadsRecorded(dict):
    """An environ that notes each key read from it (a dict subclass)."""

    def __init__(self, environ, reads):
        super().__init__(environ)
        self.reads = reads

    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.reads.add(key)
        return super().__contains__(key)


class CountedWrites:
    """A wsgi.errors stream that counts what is written to it."""

    def __init__(self, stream):
        self.stream, self.writes = stream, 0

    def write(self, text):
        self.writes += 1
        return self.stream.write(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self.stream.flush()


class Watch:
    """Between server and Django: note what Django uses of the server."""

    def __init__(self, application):
        self.application = application
        self.seen = []

    def __call__(self, environ, start_response):
        seen = {"start_response": [], "write": 0, "reads": set()}
        self.seen.append(seen)
        errors = CountedWrites(environ["wsgi.errors"])
        environ = ReadsRecorded(environ, seen["reads"])
        environ["wsgi.errors"] = errors

        def watched_start_response(*args, **kwargs):
            seen["start_response"].append((len(args), sorted(kwargs)))
            write = start_response(*args, **kwargs)

            def watched_write(data):
                seen["write"] += 1
                return write(data)

            return watched_write

        result = self.application(environ, watched_start_response)
        seen["returned"] = type(result).__qualname__
        seen["len"] = hasattr(result, "__len__")  # may a server use len(body)?
        seen["errors"] = errors
        return result
# --8<-- [end:watch]


def wsgi_keys_in_source(root):
    """{key: [files]} for every "wsgi.*" string in Django's source, and every call
    of a name start_response with its number of arguments."""
    keys, calls = {}, []
    for file in sorted(root.rglob("*.py")):
        rel = file.relative_to(root.parent).as_posix()
        source = file.read_text(encoding="utf-8")
        if "wsgi." not in source and "start_response" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("wsgi."):
                keys.setdefault(node.value, set()).add(rel)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "start_response":
                calls.append((rel, node.lineno, len(node.args), [k.arg for k in node.keywords]))
    return keys, calls


if __name__ == "__main__":
    from support.wsgiref_serving import QuietRequestHandler, serving

    django.setup()
    from django.core.wsgi import get_wsgi_application

    watch = Watch(get_wsgi_application())
    targets = ["/page", "/missing", "/fails", "/streams", "/file"]
    statuses = []
    # --8<-- [start:run]
    with serving(watch, handler_class=QuietRequestHandler) as port:
        for target in targets:
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            client.request("GET", target)
            response = client.getresponse()
            response.read()
            client.close()
            statuses.append(f"{response.status} {response.reason}")
    # --8<-- [end:run]

    print(f"{'request':<14}{'status':<7}{'start_response':<16}{'write()':<8}{'wsgi.errors':<12}"
          "Django returned")
    for target, status, seen in zip(targets, statuses, watch.seen):
        calls = ", ".join(f"{n} args" + (f" + {kw}" if kw else "") for n, kw in seen["start_response"])
        print(f"GET {target:<10}{status[:3]:<7}{calls:<16}{seen['write']:<8}{seen['errors'].writes:<12}"
              f"{seen['returned']}")
    read = sorted(set().union(*(s["reads"] for s in watch.seen)))
    offered = ["wsgi.errors", "wsgi.file_wrapper", "wsgi.input", "wsgi.multiprocess",
               "wsgi.multithread", "wsgi.run_once", "wsgi.url_scheme", "wsgi.version"]
    print()
    print("wsgi.* keys Django read:", ", ".join(k for k in read if k.startswith("wsgi.")))
    print("wsgi.* keys Django never read:")
    print("   ", ", ".join(k for k in offered if k not in read))
    print("read only for GET /file:", ", ".join(sorted(watch.seen[4]["reads"] - set().union(*(s["reads"] for s in watch.seen[:4])))))
    print("bodies that support len():", ", ".join(t for t, s in zip(targets, watch.seen) if s["len"]) or "none")

    django_root = Path(django.__file__).parent
    keys, calls = wsgi_keys_in_source(django_root)
    print()
    print(f"Every \"wsgi.*\" string in Django {django.get_version()}'s source:")
    for key, files in sorted(keys.items()):
        print(f"  {key:<18} {', '.join(sorted(files))}")
    print("Every call of start_response in Django's source:")
    for rel, line, nargs, kwargs in calls:
        print(f"  {rel}:{line}: {nargs} positional arguments, keywords {kwargs}")

    assert statuses == ["200 OK", "404 Not Found", "500 Internal Server Error", "200 OK", "200 OK"]
    # start_response: once per request, two positional arguments, never exc_info; even for the 500.
    assert all(seen["start_response"] == [(2, [])] for seen in watch.seen)
    # The write() callable is never called, and nothing is written to wsgi.errors.
    assert all(seen["write"] == 0 and seen["errors"].writes == 0 for seen in watch.seen)
    # The iterable Django returns is the response object itself, or the server's file wrapper.
    assert [s["returned"] for s in watch.seen] == [
        "HttpResponse", "HttpResponseNotFound", "HttpResponseServerError", "StreamingHttpResponse", "FileWrapper"]
    assert not any(seen["len"] for seen in watch.seen)
    assert set(offered) - set(read) == {"wsgi.errors", "wsgi.multiprocess", "wsgi.multithread", "wsgi.run_once", "wsgi.version"}
    assert set(read) & set(offered) == {"wsgi.input", "wsgi.url_scheme", "wsgi.file_wrapper"}
    # The source agrees: outside the test client, only the handlers name wsgi.* keys, and the
    # only start_response call passes two positional arguments.
    outside_tests = {k: {f for f in files if not f.startswith("django/test/")} for k, files in keys.items()}
    assert {k for k, files in outside_tests.items() if files} == {
        "wsgi.input", "wsgi.url_scheme", "wsgi.file_wrapper", "wsgi.multithread", "wsgi.multiprocess"}
    assert outside_tests["wsgi.multithread"] == {"django/core/handlers/asgi.py"}, "set for ASGI requests only"
    assert [(rel, nargs, kw) for rel, _, nargs, kw in calls] == [("django/core/handlers/wsgi.py", 2, [])]
    assert threading.active_count() == 1, "the server thread has stopped"
