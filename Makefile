# Everything runs in .venv, created from this repository's own files on first use: the Python
# packages from the hash-checked lock (requirements.txt), axe-core from package-lock.json, and
# Debian's chromium (browser tests, PDF edition) when the machine lacks it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCKED := $(VENV)/.locked
STAMP  := $(VENV)/.installed
CHROMIUM   := /usr/bin/chromium
NODE_STAMP := node_modules/.installed
# The report year; empty means the latest year in data/.
YEAR   ?=
YEAR_ARG := $(if $(YEAR),--year $(YEAR))
# The place (a folder of data/ with a place.json); empty means the default, zhongwei.
PLACE  ?=
PLACE_ARG := $(if $(PLACE),--place $(PLACE))
# Extra options for `make lock`, e.g. LOCK_ARGS=--upgrade to move every package beneath
# requirements.in to its newest compatible version (plain `make lock` keeps their pins).
LOCK_ARGS ?=

.PHONY: venv lock browser validate book test lint bench clean

# A changed lock rebuilds .venv from nothing, so it holds exactly what the lock lists. pip and
# setuptools come first, from the lock with their hashes; the rest then installs with them and
# without build isolation, so the two packages published only as source (jieba, fontmeta) are
# built by the pinned setuptools, not by whatever an isolated build would download.
$(LOCKED): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	awk '/^[a-z0-9]/ { keep = ($$1 ~ /^(pip|setuptools)==/) } keep' requirements.txt > $(VENV)/bootstrap.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/bootstrap.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-build-isolation -r requirements.txt
	$(BIN)/python -m pip check
	touch $@

# The project itself, editable, built by the locked setuptools (-qq: its build chatter).
$(STAMP): $(LOCKED) pyproject.toml
	$(BIN)/python -m pip install -qq --no-deps --no-build-isolation -e .
	touch $@

venv: $(STAMP)

# Recompile the lock from requirements.in (see README: adding or upgrading a dependency).
# The lock is for Python 3.11 on Linux (any 3.11.x, so Debian's 3.11.2 too) and carries the
# hashes of every file published for each pinned version (x86_64, aarch64, ...). uv keeps the
# pins of the current lock where it can; an unchanged result leaves requirements.txt untouched,
# so .venv is not rebuilt for nothing.
lock: $(LOCKED)
	@awk '!/^[ \t]*(#|$$)/ && !/==/ { print FILENAME ":" FNR ":1: pin it exactly (name==version): " $$0; bad = 1 } \
		END { exit bad }' requirements.in >&2
	cp requirements.txt $(VENV)/requirements.txt
	$(BIN)/uv pip compile requirements.in --quiet --generate-hashes \
		--python-version 3.11 --python-platform linux \
		--custom-compile-command "make lock" $(LOCK_ARGS) -o $(VENV)/requirements.txt
	cmp -s $(VENV)/requirements.txt requirements.txt || cp $(VENV)/requirements.txt requirements.txt

# Debian's chromium, for the browser tests and the PDF edition (no browser download: Playwright
# drives this executable). Installed once; the executable is its own stamp.
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "error: $@ is missing and this machine has no apt-get;" \
		"install Debian's chromium package (or Chromium at $@) by hand" >&2; exit 1; }
	@if [ "$$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null; then sudo=sudo; else \
		echo "error: $@ is missing; installing Debian's chromium needs root:" \
			"run 'apt-get update && apt-get install -y --no-install-recommends chromium' as root" >&2; \
		exit 1; fi; \
	set -x; $$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
	@test -x $@ || { echo "error: apt-get installed chromium but $@ is still missing" >&2; exit 1; }

# axe-core, pinned with its integrity hash in package-lock.json; the browser tests load
# node_modules/axe-core/axe.min.js into each page.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is missing; install Node.js 18 or later with npm" \
		"(Debian: apt-get install nodejs npm) to fetch axe-core" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

browser: $(CHROMIUM) $(NODE_STAMP)

validate: venv
	$(BIN)/python scripts/validate_data.py $(PLACE_ARG) $(YEAR_ARG)

book: venv $(CHROMIUM)
	$(BIN)/python scripts/build_book.py $(PLACE_ARG) $(YEAR_ARG)

# ruff, and the package's layers (the import contract in pyproject.toml).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

EXECUTED = _build/exec/*/notebooks/*.ipynb

# The whole suite: lint; unit, data and command-line tests; the build tests (they build the
# book, or confirm it current); nbval re-executes every executed page and compares outputs;
# nbval --lax runs every source notebook as a teacher would open it, with its defaults.
# pytest exits 5 when it collects no tests; make treats that as a failure, on purpose.
test: venv browser lint
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest -p no:cacheprovider --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--nbval-current-env $(EXECUTED)
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env notebooks/*.ipynb

bench: venv
	$(BIN)/python scripts/bench_build.py $(YEAR_ARG)

clean:
	rm -rf _build
