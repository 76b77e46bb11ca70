# Quick start: `make demo` and `make test` on a fresh machine (Python 3.11+).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
OUT := out
HH := workbooks/hoang-hoa-2023

.PHONY: setup test demo bench lint masters golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check cchc_xl tests scripts

demo: setup
	$(BIN)/cchc-xl check $(HH)/master.xlsx
	$(BIN)/cchc-xl show $(HH)/master.xlsx

bench: setup
	$(BIN)/python scripts/bench.py

# Rebuild the seed masters from their transcriptions (workbooks/*/source/*.json).
masters: setup
	$(BIN)/python scripts/make_master_template.py templates/master.xlsx
	$(BIN)/python scripts/build_seed_master.py workbooks/hoang-hoa-2023
	$(BIN)/python scripts/build_seed_master.py workbooks/nghia-hung-2023

# Regenerate the golden reference workbooks after a reviewed change.
golden: setup
	$(BIN)/python scripts/regenerate_golden.py

clean:
	rm -rf $(OUT) .pytest_cache
