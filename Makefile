# S3 Monitor — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1

.PHONY: run test install install-test lint typecheck db seed forecast messages catalogues clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Runtime install; re-run when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed catalogues
install-test: $(VENV)/.installed-test catalogues

# Translations (README, Translations): one gettext catalogue per language, compiled to .mo.
LOCALE := dashboard/locale
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/messages.po))

catalogues: $(CATALOGUES)

$(LOCALE)/%/LC_MESSAGES/messages.mo: $(LOCALE)/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@ -l $*

# Extracts the messages the code uses (messages.pot) and merges them into every catalogue:
# new ones arrive untranslated, unused ones become obsolete (#~).
messages: install
	$(BIN)/pybabel -q extract -F pyproject.toml --no-location --sort-output -w 100 -o $(LOCALE)/messages.pot \
		api auth callbacks dashboard data app.py
	$(BIN)/pybabel -q update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages -w 100 \
		--ignore-pot-creation-date

db: install
	$(BIN)/s3dash db upgrade

seed: db
	$(BIN)/s3dash seed --if-empty

# Forecasts are fitted here, never in a web request. A series that fails is reported and
# keeps its previous forecast; the leading `-` lets the server start anyway.
forecast: seed
	-$(BIN)/s3dash forecast --if-missing

# Creates and seeds the embedded SQLite database if missing, computes forecasts if missing,
# then serves on $(HOST):8050.
run: forecast
	$(BIN)/s3dash serve --host $(HOST)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy

# pytest-xdist: PYTEST_WORKERS processes, each with its own databases, server threads and
# Chromium; worksteal keeps a module's tests together on one worker unless another one runs
# out of work (README, Tests). PYTEST_WORKERS=0: everything in this one process.
PYTEST_WORKERS ?= 2

test: lint typecheck
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

clean:
	rm -rf $(VENV) instance $(CATALOGUES) $(LOCALE)/messages.pot .pytest_cache .mypy_cache .ruff_cache *.egg-info
