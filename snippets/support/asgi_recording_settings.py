"""The example project's settings with one change: the URLconf is
support/asgi_recording_urls.py, the project's URLs plus the views the ASGI snippets ask.
support/asgi_recording.py selects it (snippets/ on the path).
"""

from mysite.settings import *  # noqa: F401,F403 (the project's settings, unchanged)

ROOT_URLCONF = "support.asgi_recording_urls"
