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

.PHONY: help install demo test test-fast e2e lint format messages bench clean

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

install: $(VENV)/.installed node_modules/.installed ## install Python and browser-test dependencies
	$(RUN) pybabel compile -d src/bildungsnetz/locale -D django --statistics

demo: install ## install, migrate, load demo data, serve on http://127.0.0.1:8000
	DEBUG=1 $(RUN) bildungsnetz migrate --no-input -v 0
	DEBUG=1 $(RUN) bildungsnetz createcachetable
	DEBUG=1 $(RUN) bildungsnetz load_demo --register "$(SHARED_DATA)/schuldaten.csv"
	DEBUG=1 $(RUN) bildungsnetz runserver $(HOST)

test: install ## install everything and run the whole suite (set DATABASE_URL for PostgreSQL)
	$(RUN) bildungsnetz makemigrations --check --dry-run -v 0
	$(RUN) pytest $(PYTEST_ARGS)

lint: install ## ruff (lint and format check)
	$(RUN) ruff check src tests
	$(RUN) ruff format --check src tests

format: install ## format the code
	$(RUN) ruff format src tests
	$(RUN) ruff check --fix src tests

messages: install ## update the translation catalogues
	cd src/bildungsnetz && ../../$(RUN) bildungsnetz makemessages -l en --no-obsolete --no-location

clean: ## remove installed environments and local data
	rm -rf $(VENV) $(TOOLS) node_modules var
