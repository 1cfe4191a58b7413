# casetrace: `make run` sets up everything and starts the workbench on the
# sample documents; `make check` sets up everything and runs ruff and the
# whole test suite (CI runs exactly that). Both are idempotent.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.casetrace-installed
SYSTEM_STAMP := .make/system-deps
# A CPU build of torch; pip finds it on these machines' disk (see README for elsewhere).
TORCH  := torch==2.13.0
PORT   ?= 8501

.PHONY: setup run ingest-samples test test-fast lint check clean help

help:
	@echo "make run    - install everything, ingest samples/corpus, start the workbench"
	@echo "make check  - install everything, ruff + the whole test suite (what CI runs)"
	@echo "make test   - install everything, the whole test suite"

$(SYSTEM_STAMP): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@mkdir -p $(dir $@) && touch $@

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(SYSTEM_STAMP) $(STAMP)

ingest-samples: setup
	$(BIN)/casetrace db upgrade
	-$(BIN)/casetrace ingest samples/corpus

run: ingest-samples
	$(BIN)/casetrace user ensure-admin
	$(BIN)/casetrace serve --port $(PORT)

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not e2e"

lint: setup
	$(BIN)/ruff check .

check: lint test

clean:
	rm -rf $(VENV) .make .pytest_cache .ruff_cache
