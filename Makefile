# Two entry points: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# axe-core (accessibility engine for the browser tests) comes from the npm registry when npm exists.
AXE_VERSION := 4.14.1
AXE := tests/.cache/axe-$(AXE_VERSION).min.js

# The engines after MkDocs 1.x that tests/test_engines.py builds the static export with (Zensical, ProperDocs): each in
# an environment of its own under tests/.cache/engines/ (never in .venv), installed from the package registry once per
# machine and version (the versions are in that file). A failed install is reported by the test itself.
ENGINES := tests/.cache/engines/.prepared

.PHONY: serve test build build-public check bench screenshots clean engines

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

serve: $(STAMP)  ## serve the site with live reload on http://127.0.0.1:8000, rebuilding what each edit changes
	$(BIN)/career serve

test: $(STAMP)  ## run every test: lint and type gates, then the suite
	@$(MAKE) --no-print-directory $(AXE) || true
	@$(MAKE) --no-print-directory $(ENGINES) || true
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

$(AXE):
	@mkdir -p tests/.cache
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/.cache && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && \
	  tar -xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js && mv package/axe.min.js axe-$(AXE_VERSION).min.js && \
	  rm -rf package axe-core-$(AXE_VERSION).tgz; \
	else echo "npm not found: the accessibility check (axe-core) will be skipped"; fi

engines: $(ENGINES)  ## install the engines the static export is tested on (done by make test)

$(ENGINES): $(STAMP) tests/test_engines.py
	$(BIN)/python tests/test_engines.py && touch $@

build: $(STAMP)  ## strict build of the internal site (Korean at /, English at /en/) into site/
	$(BIN)/mkdocs build --strict

build-public: $(STAMP)  ## strict build of the public site (for candidates) into site-public/
	CAREER_AUDIENCE=public $(BIN)/mkdocs build --strict -d site-public

check: $(STAMP)  ## validate framework/
	$(BIN)/career check

bench: $(STAMP)  ## measure build times at 1x, 10x and 50x the seed; writes docs/benchmarks.md
	$(BIN)/python bench/run.py

screenshots: $(STAMP)  ## the README's screenshots of the site (Chromium), into docs/screenshots/
	$(BIN)/python tests/screenshots.py

clean:
	rm -rf $(VENV) site site-public .pytest_cache tests/.cache
