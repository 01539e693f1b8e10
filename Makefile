# The two commands: `make run` and `make test`. Both set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean browser

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## run: extract the bundled example articles into the embedded store and summarise them
run: $(STAMP)
	$(BIN)/dragoman ingest examples/articles --db examples.db
	$(BIN)/dragoman stats --db examples.db

## browser: Debian's headless Chromium for the web UI's browser tests (skipped without it)
browser:
	@test -x /usr/bin/chromium || ! command -v apt-get >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || \
		echo "chromium not installed: browser tests will be skipped"

## test: run the test suite
test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) examples.db examples.db-wal examples.db-shm
