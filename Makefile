# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAMPLE ?= resources/samples/space-tourism-scrape.txt

.PHONY: run test lint typecheck bench screenshots clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(SAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	for b in benchmarks/*.py; do QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info
