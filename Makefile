# Developer tasks. `make test` is the one command that sets up and runs every check;
# CI runs exactly it (.ci/run).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The lowest versions pyproject.toml allows, so that a lower bound that no longer holds fails
# here rather than on a user's machine; ruff and mypy run with the newest versions only.
LOWEST ?= .venv-lowest

.PHONY: test bench clean

test:
	./.ci/install-system-packages
	npm ci --silent --no-audit --no-fund
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/ruff check pmframework tests benchmarks
	$(BIN)/ruff format --check pmframework tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST)/bin/python -m pip install --quiet -c .ci/constraints-lowest.txt -e '.[test]'
	$(LOWEST)/bin/python -m pytest

bench:
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/diff.py
	$(BIN)/python benchmarks/sheets.py
	$(BIN)/python benchmarks/hostile.py

clean:
	rm -rf $(VENV) $(LOWEST) node_modules build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
