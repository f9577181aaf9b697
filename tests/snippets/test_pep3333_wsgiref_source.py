"""snippets/pep3333_wsgiref_source.py: links to wsgiref's source lines, computed with
inspect for the running Python, and what they point at."""

import importlib
import inspect
import platform
import re

from scripts.snippet_runs import run_snippet

LINK = re.compile(
    r"^\[(?P<label>wsgiref-[a-z-]+)\]: https://github\.com/python/cpython/blob/v(?P<version>[^/]+)/Lib/"
    r"(?P<path>wsgiref/\w+\.py)#L(?P<first>\d+)-L(?P<last>\d+) '(?P<name>[\w.]+), "
)


def resolve(dotted):
    """wsgiref.handlers.BaseHandler.run -> the function object."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise LookupError(dotted)


def test_each_link_names_the_lines_of_its_object_in_the_running_python():
    run = run_snippet("snippets/pep3333_wsgiref_source.py")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert len(lines) >= 20
    assert len({LINK.match(line)["label"] for line in lines if LINK.match(line)}) == len(lines), "unique labels"
    for line in lines:
        m = LINK.match(line)
        assert m, line
        assert m["version"] == platform.python_version()
        obj = resolve(m["name"])
        source, first = inspect.getsourcelines(obj)
        assert (int(m["first"]), int(m["last"])) == (first, first + len(source) - 1), line
        assert inspect.getsourcefile(obj).endswith(m["path"]), line
