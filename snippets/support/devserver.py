"""The harness the request/response snippets share: Django's development server, serving
the example project inside the snippet's own process, so that the snippet can define
middleware, views and signal receivers next to the client that calls them.

    from support.devserver import serving
    with serving(MIDDLEWARE=[...]) as port:   # optional settings for this server
        ...  # talk to http://127.0.0.1:<port>/ with a real HTTP client

It does what `manage.py runserver --noreload` does once the checks are done (see
`Command.inner_run`): it asks the `runserver` command that manage.py would load for its
handler, and passes it to `django.core.servers.basehttp.run()` with threading on and the
command's server class. The only differences: `run()` runs in a thread of this process,
the port is one the system picks on 127.0.0.1, and the server can be stopped again (it
checks for that every 0.05 s). Stopping waits for the server's own thread; the threads
of the connections are daemon threads, which `socketserver` does not keep and nothing
waits for, so a snippet closes its connections before the block ends.

Importing it puts the example project on the path, as manage.py would, so a snippet that
imports `mysite` or `hello` imports this module first. The client the request snippets
ask it with is support/client.py.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

MYSITE = Path(__file__).resolve().parent.parent / "mysite"
# As manage.py would: the project on the path, its settings named. Django reads them at
# the first serving(), so a snippet may change the settings module before that.
sys.path.insert(0, str(MYSITE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")


def runserver_command():
    """The `runserver` command manage.py would run (staticfiles' one, in this project)."""
    from django.core.management import get_commands, load_command_class

    return load_command_class(get_commands()["runserver"], "runserver")


# --8<-- [start:serving]
@contextlib.contextmanager
def serving(request_handler=None, wrap=None, **settings) -> Iterator[int]:
    """Serve the example project on 127.0.0.1 until the block ends; yield the port.

    ``settings`` override the project's settings for this server (the middleware is
    built with them). Two hooks for snippets that watch the server at work:
    ``request_handler``, a subclass of basehttp.WSGIRequestHandler, is used in its place;
    ``wrap(application)`` returns the WSGI application the server is given instead.
    """
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()

    from django.core.servers import basehttp
    from django.test.utils import override_settings

    started: queue.Queue = queue.Queue()

    class Server(runserver_command().server_cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if request_handler is not None:
                self.RequestHandlerClass = request_handler
            started.put(self)

        def serve_forever(self, poll_interval=0.05):
            # run() calls serve_forever() with the default, which checks for shutdown()
            # every 0.5 s; a shorter interval only makes stopping quicker.
            super().serve_forever(poll_interval)

    with override_settings(**settings):
        command = runserver_command()
        # runserver imports the project's wsgi.py, whose `application` is built (and with
        # it the middleware) as the module runs. Import it afresh for every server, so
        # that each one is built with the settings it is given.
        sys.modules.pop("mysite.wsgi", None)
        handler = command.get_handler(use_static_handler=True, insecure_serving=False)
        if wrap is not None:
            handler = wrap(handler)
        thread = threading.Thread(
            target=basehttp.run,
            args=("127.0.0.1", 0, handler),
            kwargs={"threading": True, "server_cls": Server},
            name="runserver",
        )
        thread.start()
        server = started.get(timeout=30)
        try:
            yield server.server_port
        finally:
            server.shutdown()  # returns once serve_forever() has stopped
            thread.join()
            server.server_close()  # closes the listening socket; it keeps no daemon thread to join
# --8<-- [end:serving]
