# casetrace: `make run` sets up everything and starts the workbench on the
# sample documents; `make check` sets up everything and runs ruff, the layer
# rules (import-linter), mypy and the whole test suite (CI runs exactly that). Both are idempotent.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.casetrace-installed
SYSTEM_STAMP := .make/system-deps
# A CPU build of torch; pip finds it on these machines' disk (see README for elsewhere).
TORCH  := torch==2.13.0
PORT   ?= 8501

.PHONY: setup run ingest-samples test test-fast test-postgres postgres-up lint layers types check clean help

help:
	@echo "make run    - install everything, ingest samples/corpus, start the workbench"
	@echo "make check  - install everything, ruff, layer rules, mypy + the whole test suite (what CI runs)"
	@echo "make test   - install everything, the whole test suite (SQLite)"
	@echo "make test-postgres - the suite against PostgreSQL"

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

SAMPLE_DOCUMENTS = $(wildcard samples/corpus/*.pdf samples/corpus/*.png samples/corpus/*.tif*)

ingest-samples: setup
	$(BIN)/casetrace db upgrade
	$(BIN)/casetrace ingest $(SAMPLE_DOCUMENTS)

run: ingest-samples
	$(BIN)/casetrace user ensure-admin
	$(BIN)/casetrace serve --port $(PORT)

test: setup
	$(BIN)/python -m pytest

# The same suite against a real PostgreSQL server (fails loudly if none answers).
test-postgres: setup postgres-up
	$(BIN)/python -m pytest --backend postgres -m "not e2e"

postgres-up:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (command -v pg_ctlcluster >/dev/null && \
	   pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n1) main start) || \
	  echo "no local PostgreSQL to start; test-postgres needs CASETRACE_TEST_POSTGRES_URL"

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not e2e"

lint: setup
	$(BIN)/ruff check .

# The layer rules (pyproject.toml [tool.importlinter]): arrows only point down.
layers: setup
	$(BIN)/lint-imports --no-cache

types: setup
	$(BIN)/mypy

check: lint layers types test test-postgres

clean:
	rm -rf $(VENV) .make .pytest_cache .ruff_cache
