# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint quality clean

setup: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: setup
	$(VENV)/bin/corroborate analyze examples/ --db out/demo.db --out out/demo

test: setup
	$(PY) -m ruff check src tests bench
	$(PY) -m mypy
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench
	$(PY) -m mypy

# The quality harness (about 30 minutes on 2 cores; needs ../shared beside the checkout).
quality: setup
	$(PY) bench/quality.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
