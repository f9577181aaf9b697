"""Where the standard library's wsgiref does what PEP 3333 asks of a server: links to the
exact lines of CPython's source, at the tag of the Python that runs this snippet.

    python snippets/pep3333_wsgiref_source.py

The site's excerpt tool quotes Django only, so the pages link to wsgiref's source instead
of quoting it, and these links are not typed by hand: for each object below,
`inspect.getsourcelines` gives its first and last line in the running Python's standard
library, and the snippet prints a Markdown link definition to those lines on GitHub,
at the tag of this Python version. The pages include what it prints and use the
labels; `make outputs` rewrites the links when Python changes. The asserts check that
each range is the object's whole definition.
"""

import inspect
import platform
import sysconfig
from pathlib import Path
from wsgiref import handlers, headers, simple_server, util, validate

# --8<-- [start:objects]
OBJECTS = {
    "wsgiref-run": handlers.BaseHandler.run,
    "wsgiref-setup-environ": handlers.BaseHandler.setup_environ,
    "wsgiref-read-environ": handlers.read_environ,
    "wsgiref-start-response": handlers.BaseHandler.start_response,
    "wsgiref-convert-string-type": handlers.BaseHandler._convert_string_type,
    "wsgiref-write": handlers.BaseHandler.write,
    "wsgiref-simple-write": handlers.SimpleHandler._write,
    "wsgiref-simple-flush": handlers.SimpleHandler._flush,
    "wsgiref-finish-response": handlers.BaseHandler.finish_response,
    "wsgiref-finish-content": handlers.BaseHandler.finish_content,
    "wsgiref-set-content-length": handlers.BaseHandler.set_content_length,
    "wsgiref-send-headers": handlers.BaseHandler.send_headers,
    "wsgiref-send-preamble": handlers.BaseHandler.send_preamble,
    "wsgiref-headers-bytes": headers.Headers.__bytes__,
    "wsgiref-close": handlers.BaseHandler.close,
    "wsgiref-result-is-file": handlers.BaseHandler.result_is_file,
    "wsgiref-sendfile": handlers.BaseHandler.sendfile,
    "wsgiref-file-wrapper": util.FileWrapper,
    "wsgiref-handle-error": handlers.BaseHandler.handle_error,
    "wsgiref-error-output": handlers.BaseHandler.error_output,
    "wsgiref-server-setup-environ": simple_server.WSGIServer.setup_environ,
    "wsgiref-get-environ": simple_server.WSGIRequestHandler.get_environ,
    "wsgiref-server-handler-close": simple_server.ServerHandler.close,
    "wsgiref-validator": validate.validator,
}
# --8<-- [end:objects]

STDLIB = Path(sysconfig.get_paths()["stdlib"])
VERSION = platform.python_version()
URL = "https://github.com/python/cpython/blob/v{version}/Lib/{path}#L{first}-L{last}"


def link(label, obj):
    """A Markdown link definition for ``obj``'s lines, titled with what they are."""
    lines, first = inspect.getsourcelines(obj)
    last = first + len(lines) - 1
    path = Path(inspect.getsourcefile(obj)).relative_to(STDLIB).as_posix()
    name = f"{obj.__module__}.{obj.__qualname__}"
    definition = lines[0].strip()
    assert definition.startswith(("def ", "class ")) and f" {obj.__name__}" in definition, definition
    assert lines[-1].strip() and (len(lines) == 1 or lines[-1].startswith(" ")), "ends inside the object"
    url = URL.format(version=VERSION, path=path, first=first, last=last)
    return f"[{label}]: {url} '{name}, Lib/{path} lines {first} to {last}, Python {VERSION}'"


if __name__ == "__main__":
    for label, obj in OBJECTS.items():
        print(link(label, obj))
