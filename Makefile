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
# Zensical, the second builder, in a venv of its own (requirements-zensical.txt).
ZVENV := .venv-zensical
ZBIN := $(ZVENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check update lock releases browser nginx lighthouse zensical zensical-build zensical-serve

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --config-file mkdocs.serve.yml --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed $(ZVENV)/.installed releases browser nginx
	$(BIN)/python -m pytest

build: $(VENV)/.installed releases
	$(BIN)/mkdocs build --strict

# Every generated file (excerpts, shown outputs, call trees, diagrams, the history page's
# fragments): `make check` reports
# every problem of every kind, then fails; `make update` rewrites what changed and lists the
# pages to review. KIND and NAMES narrow them: `make update KIND=outputs NAMES=one_request`.
# Diagrams are drawn in Chromium, hence `browser`; the history compares older releases,
# hence `releases`.
check: $(VENV)/.installed releases browser
	$(BIN)/python -m scripts.generate check $(KIND) $(NAMES)

update: $(VENV)/.installed releases browser
	$(BIN)/python -m scripts.generate update $(KIND) $(NAMES)

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

$(ZVENV)/.installed: requirements-zensical.txt
	@test -x $(ZBIN)/python || test -n "$(PYTHON)" || { echo "error: Python 3.12 or newer is needed; run make with PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(ZBIN)/python || $(PYTHON) -m venv $(ZVENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian or Ubuntu install the python3-venv package" >&2; exit 1; }
	$(ZBIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	@touch $@

# Re-pin every dependency, transitive ones included, from requirements.in; then Zensical's
# from requirements-zensical.in, each package both use at the version requirements.txt pins.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Exact pins of every dependency; generated from requirements.in by 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel; } > requirements.txt
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.in -c requirements.txt
	{ echo "# Exact pins of Zensical's dependencies; generated from requirements-zensical.in by 'make lock'."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude pip --exclude setuptools --exclude wheel; } > requirements-zensical.txt
	rm -rf .lock-venv
