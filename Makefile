# altnotes: `make run` installs (once) and lists the people of the bundled corpus;
# `make test` installs (once) and runs the whole test suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast record-parses train-ner lint typecheck eval bench compare-jatimex wheel-check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,dask]"
	@# bytecode for the package itself (an editable install does not compile it, and
	@# PYTHONDONTWRITEBYTECODE environments never would): a cached query starts 60 ms faster
	$(BIN)/python -m compileall -q altnotes
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/altnotes people

# The whole suite: stage tests replay recorded parses; a few end-to-end tests run GiNZA.
test: $(STAMP)
	$(BIN)/python -m pytest -m "" -q

# Only the fast tests (no model is loaded).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q

# Re-record GiNZA's parses of every text the stage tests use (tests/fixtures/parses.json.gz),
# e.g. after a model upgrade: a test fails while the recording's model differs.
record-parses: $(STAMP)
	rm -f tests/fixtures/parses.json.gz
	ALTNOTES_RECORD=1 $(BIN)/python -m pytest -q -p no:cacheprovider

# Retrain our NER (altnotes/data/ner) the way spaCy trains: training/convert.py turns the
# Stockmark and UD Japanese GSD train/dev splits in ../shared/data into DocBins (ja_ginza's
# tokenizer), `spacy train training/config.cfg` trains, training/export.py writes the
# component folder and its model card (training time included). About 35 minutes on 2 busy
# cores. CI never trains.
NER_WORK ?= training/work
train-ner: $(STAMP)
	$(BIN)/python training/convert.py $(NER_WORK)/corpus
	start=$$(date +%s) && \
	$(BIN)/python -m spacy train training/config.cfg --code training/cpu_ops.py \
		--output $(NER_WORK)/output \
		--paths.train $(NER_WORK)/corpus/train.spacy --paths.dev $(NER_WORK)/corpus/dev.spacy && \
	$(BIN)/python training/export.py $(NER_WORK)/output altnotes/data/ner \
		--corpus $(NER_WORK)/corpus --seconds $$(( $$(date +%s) - start ))

# A wheel installed apart from the checkout runs on the bundled corpus from another folder.
wheel-check: $(STAMP)
	rm -rf build dist /tmp/altnotes-wheel
	$(BIN)/python -m pip wheel --quiet --no-deps -w dist .
	$(BIN)/python -m pip install --quiet --no-deps --target /tmp/altnotes-wheel dist/altnotes-*.whl
	cd /tmp && PYTHONPATH=/tmp/altnotes-wheel ALTNOTES_CACHE_DIR=/tmp/altnotes-wheel/.cache \
		$(abspath $(BIN))/python -c "import altnotes, sys; assert altnotes.__file__.startswith('/tmp/altnotes-wheel'), altnotes.__file__; from altnotes.cli import main; main(['people', '--limit', '5'])"

lint: $(STAMP)
	$(BIN)/ruff check altnotes tests bench tools training
	$(BIN)/ruff format --check altnotes tests bench tools training

typecheck: $(STAMP)
	$(BIN)/mypy altnotes

# Precision / recall / F1 against the labelled fixtures in tests/gold.
eval: $(STAMP)
	$(BIN)/python -m tools.evaluate

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
