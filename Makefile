# Guichet AMO — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= .demo-data
# Demo stores keep their key wrapped by this passphrase (no desktop keyring on a fresh box).
DEMO_PASSPHRASE ?= demo-passphrase-not-for-production
PYTEST_ARGS ?=
# One test worker per core (pytest-xdist); a whole module stays on one worker, so its
# module-scoped centre starts once. TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto

TS_FILES := resources/translations/guichet_ar.ts resources/translations/guichet_en.ts
QM_FILES := $(TS_FILES:.ts=.qm)
UI_SOURCES := $(shell find agent_app/ui -name '*.py' 2>/dev/null)

.PHONY: install run test lint types bench clean demo-reset translations lupdate screenshots \
	installer installer-check

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,server]'
	touch $(STAMP)

BUILD_STAMP := $(VENV)/.installed-build

$(BUILD_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,server,build]'
	touch $(BUILD_STAMP)

# Compiled translations (.qm) are build products of the .ts sources.
translations: install $(QM_FILES)

resources/translations/%.qm: resources/translations/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts sources from the code (then translate what is new).
lupdate: install
	for lang in ar en; do \
	    $(BIN)/pyside6-lupdate -silent -no-obsolete -locations none -source-language fr \
	        -target-language $$lang $(UI_SOURCES) -ts resources/translations/guichet_$$lang.ts; \
	done

run: install translations
	@AGENT_APP_PASSPHRASE='$(DEMO_PASSPHRASE)' DEMO_DIR='$(DEMO_DIR)' BIN='$(BIN)' sh scripts/demo.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy

test: lint types translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The README's screenshots, on a real (virtual) X server: apt-get install xvfb.
screenshots: install translations
	xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python scripts/screenshots.py

# The frozen app for counter PCs (PyInstaller onedir in dist/, plus a .tar.gz or a Windows
# installer); installer-check also runs the built executables' smoke test.
installer: $(BUILD_STAMP) translations
	$(BIN)/python build_installer.py

installer-check: $(BUILD_STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python build_installer.py --smoke-test

bench: install
	$(BIN)/python -m bench.run_all

demo-reset:
	rm -rf $(DEMO_DIR)

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
