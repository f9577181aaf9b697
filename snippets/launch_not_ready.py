"""Why a script gets AppRegistryNotReady, and what django.setup() changes.

    python snippets/launch_not_ready.py

A standalone script (not manage.py) that uses the example project's settings. Setting
DJANGO_SETTINGS_MODULE is not enough: nothing has populated the app registry yet, so
importing a models module, or asking the registry for a model, fails. After
django.setup(), the same two lines work.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "mysite"))
sys.stderr = sys.stdout  # one console, as in a terminal: the project logs to stderr


def attempt(label, action):
    try:
        print(f"{label}: {action()}")
        return None
    except Exception as exc:
        print(f"{label}: {type(exc).__module__}.{type(exc).__name__}: {exc}")
        return exc


# --8<-- [start:script]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

import django
from django.apps import apps
from django.conf import settings


def import_user_model():
    from django.contrib.auth.models import User

    return User


def ask_the_registry():
    return apps.get_model("auth", "User")


print(f"settings.DEBUG = {settings.DEBUG}   (settings load on first use, no setup needed)")
before = [attempt("import the model  ", import_user_model), attempt("apps.get_model()  ", ask_the_registry)]

django.setup()

after = [attempt("import the model  ", import_user_model), attempt("apps.get_model()  ", ask_the_registry)]
# --8<-- [end:script]

from django.core.exceptions import AppRegistryNotReady

# Importing a model needs phase 1 done (the app configs); get_model() needs phase 2 too.
assert [(type(exc), str(exc)) for exc in before] == [
    (AppRegistryNotReady, "Apps aren't loaded yet."),
    (AppRegistryNotReady, "Models aren't loaded yet."),
]
assert after == [None, None], "after django.setup() both work"
assert import_user_model() is ask_the_registry()
