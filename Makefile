# altnotes: `make run` installs (once) and lists the people of the bundled corpus;
# `make test` installs (once) and runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast lint typecheck eval bench compare-jatimex clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# bytecode for the package itself (an editable install does not compile it, and
	@# PYTHONDONTWRITEBYTECODE environments never would): a cached query starts 60 ms faster
	$(BIN)/python -m compileall -q altnotes
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/altnotes people

# The whole suite, GiNZA end-to-end tests included (they share one parse of the corpus).
test: $(STAMP)
	$(BIN)/python -m pytest -m "" -q

# Only the fast tests (no model is loaded).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check altnotes tests bench
	$(BIN)/ruff format --check altnotes tests bench

typecheck: $(STAMP)
	$(BIN)/mypy altnotes

# Precision / recall / F1 against the labelled fixtures in tests/gold.
eval: $(STAMP)
	$(BIN)/python -m tests.evaluate

bench: $(STAMP)
	$(BIN)/python bench/bench.py

# Date normalization against ja-timex on the same labelled cases. ja-timex lives in a
# venv of its own (.venv-jatimex): it is never a dependency of altnotes.
compare-jatimex: $(STAMP)
	test -x .venv-jatimex/bin/python || ($(PYTHON) -m venv .venv-jatimex && \
		.venv-jatimex/bin/python -m pip install --quiet ja-timex)
	JATIMEX_PYTHON=.venv-jatimex/bin/python $(BIN)/python bench/compare_jatimex.py

clean:
	rm -rf $(VENV) .venv-jatimex .pytest_cache .ruff_cache .mypy_cache .hypothesis *.egg-info
