# The two commands of README.md. Each creates or refreshes .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= output

.PHONY: demo test bench bench-full lint clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Refresh the environment whenever pyproject.toml changes.
$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.core

venv: $(VENV)/.core

## make demo: build the graph and HTML view of the bundled sample corpus into output/
demo: $(VENV)/.core
	$(BIN)/kg build corpus/sample --out $(OUT)

## make test: the whole test suite (browser tests need Debian's chromium: .ci/run installs it)
test: $(VENV)/.test
	$(BIN)/python -m pytest -q

## make bench: quick benchmark tier (1k articles); make bench-full: 10k/100k too
bench: $(VENV)/.test
	$(BIN)/python benchmarks/run.py

bench-full: $(VENV)/.test
	$(BIN)/python benchmarks/run.py --full

lint: $(VENV)/.test
	$(BIN)/ruff check .

clean:
	rm -rf $(OUT)/* build *.egg-info
