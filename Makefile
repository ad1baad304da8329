# Guichet AMO — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= .demo-data
# Demo stores keep their key wrapped by this passphrase (no desktop keyring on a fresh box).
DEMO_PASSPHRASE ?= demo-passphrase-not-for-production
PYTEST_ARGS ?=

.PHONY: install run test lint types bench clean demo-reset

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,server]'
	touch $(STAMP)

run: install
	@AGENT_APP_PASSPHRASE='$(DEMO_PASSPHRASE)' DEMO_DIR='$(DEMO_DIR)' BIN='$(BIN)' sh scripts/demo.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy

test: lint types
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench.run_all

demo-reset:
	rm -rf $(DEMO_DIR)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
