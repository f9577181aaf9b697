# The two commands of README.md, `make serve` and `make test`, and the tools behind them.
# Each target first creates .venv (once, and again when requirements.txt changes) with
# the exact versions pinned in requirements.txt.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The interpreter: the release .python-version pins when it is installed (pyenv's copy, or
# python3.X on PATH), else the newest Python 3.12 or newer on PATH (Django 6.1 needs 3.12).
# Override with `make test PYTHON=/path/to/python3.13`.
PINNED := $(strip $(shell cat .python-version 2>/dev/null))
PYTHON ?= $(shell for p in "$$(pyenv root 2>/dev/null)/versions/$(PINNED)/bin/python" \
	$(if $(PINNED),python$(basename $(PINNED))) python3.14 python3.13 python3.12 python3 python; do \
	command -v "$$p" >/dev/null 2>&1 && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo "$$p"; break; }; done)
# The supported Django series, newest first, and their exact releases: django-series.txt.
# .venv holds the newest series' Django (requirements.txt) and every tool; each other series
# has .venv-django-<series>, the same pins with that series' Django
# (requirements-django-<series>.txt). DJANGO=<series> narrows check/update/serve to one.
SERIES_FILE := django-series.txt
SERIES := $(shell awk '!/^\#/ && NF {print $$1}' $(SERIES_FILE))
NEWEST := $(firstword $(SERIES))
OLDER := $(filter-out $(NEWEST),$(SERIES))
release_of = $(shell awk '$$1 == "$(1)" {print $$2}' $(SERIES_FILE))
SERIES_VENVS := $(foreach s,$(OLDER),.venv-django-$(s)/.installed)
ifneq ($(DJANGO),)
ifeq ($(filter $(DJANGO),$(SERIES)),)
$(error DJANGO=$(DJANGO) is not a series of $(SERIES_FILE); the series are: $(SERIES))
endif
endif
# Zensical, the second builder, in a venv of its own (requirements-zensical.txt).
ZVENV := .venv-zensical
ZBIN := $(ZVENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check update lock lock-series bump series-venvs releases browser nginx lighthouse zensical zensical-build zensical-serve

# The newest series by default (mkdocs.serve.yml); `make serve DJANGO=5.2` another one.
ifeq ($(filter-out $(NEWEST),$(DJANGO)),)
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --config-file mkdocs.serve.yml --dev-addr 127.0.0.1:8000
else
serve: $(VENV)/.installed
	$(BIN)/python -m scripts.series_site serve $(DJANGO) --dev-addr 127.0.0.1:8000
endif

test: $(VENV)/.installed $(SERIES_VENVS) $(ZVENV)/.installed releases browser nginx
	$(BIN)/python -m pytest

# One site per series, side by side: site/<series>/, site/versions.json, site/index.html.
build: $(VENV)/.installed releases
	$(BIN)/python -m scripts.series_site build site

# Every generated file (excerpts, shown outputs, call trees, diagrams, the history page's
# fragments): `make check` reports
# every problem of every kind, then fails; `make update` rewrites what changed and lists the
# pages to review. KIND and NAMES narrow them: `make update KIND=outputs NAMES=one_request`.
# Diagrams are drawn in Chromium, hence `browser`; the history compares older releases,
# hence `releases`.
# Each kind that depends on Django is checked for every series (DJANGO=6.0: only that one).
check: $(VENV)/.installed $(SERIES_VENVS) releases browser
	$(BIN)/python -m scripts.generate check $(if $(DJANGO),--django $(DJANGO)) $(KIND) $(NAMES)

update: $(VENV)/.installed $(SERIES_VENVS) releases browser
	$(BIN)/python -m scripts.generate update $(if $(DJANGO),--django $(DJANGO)) $(KIND) $(NAMES)

series-venvs: $(SERIES_VENVS)

# The older Django releases the history page compares (history/releases.toml): each wheel
# downloaded once from the package registry into ~/.cache/how-django-serves-a-request/
# (or $DJANGO_RELEASES_CACHE), outside the project, refused unless its sha256 is the pinned one, and unpacked there.
releases: $(VENV)/.installed
	$(BIN)/python -m scripts.django_releases ensure

browser: $(VENV)/.installed
	$(BIN)/python -m scripts.browser ensure

nginx: $(VENV)/.installed
	$(BIN)/python -m scripts.nginx ensure

# Lighthouse, for the mobile performance figure of `python -m scripts.benchmark` (not the
# tests): the exact versions of lighthouse/package-lock.json, installed there with npm.
lighthouse: lighthouse/node_modules/.installed

lighthouse/node_modules/.installed: lighthouse/package-lock.json
	cd lighthouse && npm ci --no-audit --no-fund
	@touch $@

# The site built and served by Zensical instead (not the published build; see CONTRIBUTING.md).
zensical: $(ZVENV)/.installed

zensical-build: $(ZVENV)/.installed
	$(ZBIN)/zensical build --strict --clean --config-file mkdocs.yml

zensical-serve: $(ZVENV)/.installed
	$(ZBIN)/zensical serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python || test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed (Django 6.1 requires it); install it, or run make with PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian or Ubuntu install the python3-venv package" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# An older series' environment: the same pins as .venv, with that series' Django.
.venv-django-%/.installed: requirements-django-%.txt
	@test -x .venv-django-$*/bin/python || test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed; run make with PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x .venv-django-$*/bin/python || $(PYTHON) -m venv .venv-django-$* || { echo "error: '$(PYTHON) -m venv' failed; on Debian or Ubuntu install the python3-venv package" >&2; exit 1; }
	.venv-django-$*/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-django-$*.txt
	@touch $@

$(ZVENV)/.installed: requirements-zensical.txt
	@test -x $(ZBIN)/python || test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed; run make with PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(ZBIN)/python || $(PYTHON) -m venv $(ZVENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian or Ubuntu install the python3-venv package" >&2; exit 1; }
	$(ZBIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@touch $@

# Re-pin every dependency, transitive ones included, from requirements.in and the newest
# series' Django; then each older series' lock file, the same pins with its Django; then
# Zensical's from requirements-zensical.in, each package both use at the version
# requirements.txt pins. Lock files of series no longer listed are deleted.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.in "django==$(call release_of,$(NEWEST))"
	{ echo "# Exact pins of every dependency; generated from requirements.in by 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel; } > requirements.txt
	$(MAKE) lock-series
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.in -c requirements.txt
	{ echo "# Exact pins of Zensical's dependencies; generated from requirements-zensical.in by 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel; } > requirements-zensical.txt
	rm -rf .lock-venv

# One series to a new patch release, in one command: `make bump DJANGO=5.2 RELEASE=5.2.20`
# edits django-series.txt, re-locks (the older series' lock files alone, unless it is the
# newest series), reinstalls that environment and regenerates that series' files,
# listing the pages to review.
bump:
	@test -n "$(DJANGO)" -a -n "$(RELEASE)" || { echo "usage: make bump DJANGO=<series> RELEASE=<release>" >&2; exit 2; }
	$(BIN)/python -m scripts.django_series bump $(DJANGO) $(RELEASE)
	$(if $(filter $(NEWEST),$(DJANGO)),$(MAKE) lock,$(MAKE) lock-series)
	$(MAKE) update DJANGO=$(DJANGO)

# Only the older series' lock files, from requirements.txt as it is.
lock-series:
	@for f in requirements-django-*.txt; do s=$${f#requirements-django-}; s=$${s%.txt}; \
	  case " $(OLDER) " in *" $$s "*) ;; *) test ! -e "$$f" || { echo "rm $$f (series $$s is not listed)"; rm "$$f"; };; esac; done
	@set -e; for s in $(OLDER); do \
	  r=$$(awk -v s="$$s" '$$1 == s {print $$2}' $(SERIES_FILE)); \
	  rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv; \
	  echo "requirements-django-$$s.txt: Django $$r with the pins of requirements.txt"; \
	  .lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.in "django==$$r" \
	    -c <(grep -iv '^django==' requirements.txt); \
	  { echo "# The pins of requirements.txt with Django $$r (series $$s); generated by 'make lock'."; \
	    .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel; } > requirements-django-$$s.txt; \
	done; rm -rf .lock-venv
