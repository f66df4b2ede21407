# Two commands for a fresh machine with Python 3.11+:  `make demo`  and  `make test`.
# Both create .venv and install the pinned requirements on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint bench install

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	# the pip bundled with older Pythons trips over extras (lxml[html-clean]): upgrade it first
	$(PY) -m pip install --quiet --disable-pip-version-check "pip>=25"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(PY) -m newscrawl demo -o out/demo.jsonl

test: $(VENV)/.installed
	$(PY) -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check newscrawl spiders tests benchmarks scripts
	$(VENV)/bin/mypy newscrawl spiders

bench: $(VENV)/.installed
	$(PY) -m benchmarks.corpus_bench
