# Bildungsnetz NRW – everything a developer or CI runs. Needs only python3 (3.11).
SHELL := /bin/bash
PY ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
RUN := $(UV) run --frozen --no-sync
HOST ?= 127.0.0.1:8000
SHARED_DATA ?= ../shared/data/nrw
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: help system-deps install demo test test-fast e2e lint format messages bench load two-processes faults clean

help: ## show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	$(PY) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian packages the test suite drives: chromium (browser tests) and gettext (catalogue check).
# Installed with apt-get when missing and we may (root); otherwise the tests name what is missing.
system-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "== apt-get install$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

install: $(VENV)/.installed node_modules/.installed ## install Python and browser-test dependencies
	$(RUN) pybabel compile -d src/bildungsnetz/locale -D django --statistics

demo: install ## install, migrate, load demo data, serve on http://127.0.0.1:8000
	DEBUG=1 $(RUN) bildungsnetz migrate --no-input -v 0
	DEBUG=1 $(RUN) bildungsnetz createcachetable
	DEBUG=1 $(RUN) bildungsnetz load_demo --register "$(SHARED_DATA)/schuldaten.csv"
	DEBUG=1 $(RUN) bildungsnetz runserver $(HOST)

test: install system-deps ## install everything and run the whole suite (set DATABASE_URL for PostgreSQL)
	$(RUN) bildungsnetz makemigrations --check --dry-run -v 0
	$(RUN) pytest $(PYTEST_ARGS)

lint: install ## ruff (lint and format check)
	$(RUN) ruff check src tests bench
	$(RUN) ruff format --check src tests bench

format: install ## format the code
	$(RUN) ruff format src tests bench
	$(RUN) ruff check --fix src tests bench

messages: install ## update the translation catalogues
	cd src/bildungsnetz && ../../$(RUN) bildungsnetz makemessages -l en --no-obsolete --no-location

bench: install ## benchmark key pages and the register import on SQLite and PostgreSQL
	$(RUN) python bench/run.py

load: install ## load test: gunicorn (2 workers) under 10–100 simulated users (PostgreSQL, SQLite)
	$(RUN) python bench/load.py $(LOAD_ARGS)

two-processes: install ## two app processes on one PostgreSQL + Redis, one killed while writing
	$(RUN) python bench/two_processes.py

faults: install ## database restart, Celery worker and import killed with SIGKILL
	$(RUN) python bench/faults.py

clean: ## remove installed environments and local data
	rm -rf $(VENV) $(TOOLS) node_modules var
