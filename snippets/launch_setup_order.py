"""The order of django.setup(): settings, app configs, models, ready().

    python snippets/launch_setup_order.py

Runs the example project's own manage.py as `python manage.py version`: a command that
starts exactly as `runserver` does (the settings probe, then django.setup()) and then
only prints Django's version. A profile hook, installed by this snippet and not by the
project, prints each step as it happens: the import of the settings module and of every
app's `apps` and `models` module, and each AppConfig.create(), import_models() and ready()
call, with the app registry's three flags at the start of each phase.
"""

import runpy
import sys
from pathlib import Path

MYSITE = Path(__file__).resolve().parent / "mysite"
OUR_APPS = ("django.contrib.", "hello")  # the packages of the project's INSTALLED_APPS
steps = []  # every line the hook printed, for the asserts at the end


def say(text):
    steps.append(text)
    print(text)


def flags():
    from django.apps import apps

    return f"apps_ready={apps.apps_ready} models_ready={apps.models_ready} ready={apps.ready}"


# --8<-- [start:hook]
def watch(frame, event, result):
    """A profile hook: Python calls it on every call and return of a Python function."""
    code, module = frame.f_code, frame.f_globals.get("__name__", "")
    name = f"{module}.{code.co_qualname}"
    if event == "call" and code.co_name == "<module>":  # a module is being imported
        if module == "mysite.settings" or (module.startswith(OUR_APPS) and module.endswith((".apps", ".models"))):
            say(f"      import {module}")
    elif event == "call" and name == "django.conf.LazySettings._setup":
        say("ManagementUtility.execute() reads settings.INSTALLED_APPS: the settings probe")
    elif event == "call" and name == "django.apps.registry.Apps.populate":
        say("django.setup() calls apps.populate(settings.INSTALLED_APPS)")
        say(f"  phase 1: app configs   ({flags()})")
    elif event == "call" and name == "django.apps.config.AppConfig.create":
        say(f"    AppConfig.create({frame.f_locals['entry']!r})")
    elif event == "return" and name == "django.apps.config.AppConfig.create":
        say(f"      -> {type(result).__qualname__}")  # a return event carries the return value
    elif event == "call" and code.co_name in ("import_models", "ready") and "self" in frame.f_locals:
        config, caller = frame.f_locals["self"], frame.f_back.f_code.co_name
        if config.__module__.startswith(OUR_APPS) and caller != code.co_name:  # not super().ready()
            if config.label == "admin":  # the first app starts each phase
                say(f"  phase {2 if code.co_name == 'import_models' else 3}: {code.co_name}()   ({flags()})")
            say(f"    {type(config).__qualname__}.{code.co_name}()")
# --8<-- [end:hook]


sys.path.insert(0, str(MYSITE))  # as `python manage.py` does: the script's folder first
sys.argv = ["manage.py", "version"]
sys.stderr = sys.stdout  # one console, as in a terminal: the project logs to stderr
print("$ python manage.py version      # with the profile hook above")
# --8<-- [start:run]
sys.setprofile(watch)
try:
    runpy.run_path(str(MYSITE / "manage.py"), run_name="__main__")  # runs manage.py's main()
finally:
    sys.setprofile(None)
# --8<-- [end:run]
print(f"after django.setup():   ({flags()})")


def position(text):
    return next(i for i, step in enumerate(steps) if step.strip().startswith(text))


# The settings module is imported by the probe, before django.setup() starts.
assert position("ManagementUtility.execute()") < position("import mysite.settings") < position("django.setup()")
# Phase 1 imports every app's `apps` module and creates every config, before any models...
assert position("AppConfig.create('hello')") < position("import hello.apps") < position("phase 2")
assert position("import django.contrib.auth.models") > position("phase 2")
# ...phase 2 imports every models module before the first ready() runs...
assert max(i for i, s in enumerate(steps) if s.endswith(".models")) < position("phase 3")
# ...and each flag turns True as its phase ends.
assert "apps_ready=False" in steps[position("phase 1")] and "apps_ready=True models_ready=False" in steps[position("phase 2")]
assert "models_ready=True ready=False" in steps[position("phase 3")]
assert [s.strip() for s in steps if s.endswith(".ready()")][-1] == "HelloConfig.ready()"
