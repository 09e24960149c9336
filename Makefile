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

# Installers (packaging/README.md): the one-folder app in dist/editor-app/ and the Debian package.
PSTAMP := $(VENV)/.installed-package

.PHONY: package deb

$(PSTAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[package]'
	touch $@

package: $(PSTAMP)
	rm -rf dist/editor-app
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/editor-app.spec
	dist/editor-app/editor-app --version

deb: package
	$(PY) packaging/linux/build_deb.py --bundle dist/editor-app --out dist \
		--icons build/pyinstaller/icons --work build/deb

# README screenshots of the desktop window (docs/screenshots/render.py), offscreen unless a display is set.
.PHONY: screenshots

screenshots: $(TSTAMP)  # page-view.png typesets a PDF proof with typst (test extra)
	$(PY) docs/screenshots/render.py docs/screenshots
