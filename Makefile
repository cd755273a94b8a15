# Developer tasks. `make test` is the one command that sets up and runs every check;
# CI runs exactly it (.ci/run).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

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

bench:
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/diff.py
	$(BIN)/python benchmarks/hostile.py

clean:
	rm -rf $(VENV) node_modules build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
