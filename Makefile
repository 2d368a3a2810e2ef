# The two set-up commands in the README: `make run` and `make test`.
# Each creates .venv on first use and reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench i18n snapshot-update clean

run: $(VENV)/.installed-run
	$(BIN)/python -m compileall -q tui storage forms printouts workflows
	$(BIN)/walkin $(ARGS)

# The gates first (lint, types of the layers below the screens), then the whole suite on two
# workers (pytest-xdist; tests/conftest.py gives each its own PostgreSQL database). One test file
# alone: make test PYTEST_ARGS=tests/forms/test_triage.py
PYTEST_ARGS ?= -n 2 --dist worksteal
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q tui storage forms printouts workflows bench
	$(BIN)/python -m bench

# Re-extract the message catalogue, merge it into the translations and compile them.
i18n: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -o forms/locale/walkin.pot --no-location --omit-header --sort-output -w 100 tui storage forms printouts workflows
	$(BIN)/pybabel update -i forms/locale/walkin.pot -d forms/locale -D walkin --no-fuzzy-matching -w 100 --ignore-pot-creation-date --ignore-obsolete
	$(BIN)/pybabel compile -d forms/locale -D walkin --statistics

snapshot-update: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/tui/test_snapshots.py --snapshot-update

$(VENV)/.installed-run: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[postgres]'
	touch $@

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

clean:
	rm -rf $(VENV) build *.egg-info
