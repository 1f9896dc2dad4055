# Everything runs in .venv, created from this repository's own files on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The report year; empty means the latest year in data/.
YEAR   ?=
YEAR_ARG := $(if $(YEAR),--year $(YEAR))

.PHONY: venv validate book test lint bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

validate: venv
	$(BIN)/python scripts/validate_data.py $(YEAR_ARG)

book: venv
	$(BIN)/python scripts/build_book.py $(YEAR_ARG)

lint: venv
	$(BIN)/ruff check .

EXECUTED = _build/exec/*/notebooks/*.ipynb

# The whole suite: lint; unit, data and command-line tests; the build tests (they build the
# book, or confirm it current); nbval re-executes every executed page and compares outputs;
# nbval --lax runs every source notebook as a teacher would open it, with its defaults.
# pytest exits 5 when it collects no tests; make treats that as a failure, on purpose.
test: venv lint
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest -p no:cacheprovider --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--nbval-current-env $(EXECUTED)
	$(BIN)/python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env notebooks/*.ipynb

bench: venv
	$(BIN)/python scripts/bench_build.py $(YEAR_ARG)

clean:
	rm -rf _build
