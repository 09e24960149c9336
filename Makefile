# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: run test bench lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

run: $(STAMP)
	$(VENV)/bin/editor-app run

test: $(TSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(TSTAMP)
	$(PY) bench/run.py

lint: $(TSTAMP)
	$(PY) -m ruff check editor_app tests bench

clean:
	rm -rf $(VENV) build dist *.egg-info
