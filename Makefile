# Two commands for a new machine: `make run` and `make test` (see README.md).
# `make check` is the quick loop while developing: lint, and every test but the slow and browser
# ones, with Hypothesis's dev profile (tests/conftest.py).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test check lint format bench demo example-workbook clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) cli.py init --demo --if-absent
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Everything; Hypothesis's ci profile when CI is set (as .ci/run runs it), else dev.
test: lint
	$(PY) -m pytest

check: lint
	HYPOTHESIS_PROFILE=dev $(PY) -m pytest -m "not slow and not browser"

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

demo: $(VENV)/.runtime
	$(PY) cli.py init --demo

# The example catalogue (data/examples/voorbeeldcatalogus.xlsx) from the seed, by the real writer.
example-workbook: $(VENV)/.runtime
	$(PY) -m devtools.example_workbook

bench: $(VENV)/.dev
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
