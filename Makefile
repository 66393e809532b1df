# kiemtra: `make lab` opens the course, `make test` runs every test. Both build .venv first when it is missing.
.DELETE_ON_ERROR:
.PHONY: lab test app course datasets bench clean-venv

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
FIRST_NOTEBOOK := notebooks/00_gioi_thieu.ipynb
ARGS ?=
PYTEST_ARGS ?=

# nbval reads its sanitize file without an encoding; UTF-8 everywhere keeps Vietnamese text intact.
export PYTHONUTF8 := 1

$(STAMP): pyproject.toml
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e '.[test]'
	$(VPY) -m ipykernel install --sys-prefix --name kiemtra --display-name "Python 3 (kiemtra)"
	touch $@

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(FIRST_NOTEBOOK) $(ARGS)

test: $(STAMP)
	$(VPY) -m pytest tests notebooks kiemtra_lib --doctest-modules \
	  --nbval --nbval-current-env --nbval-cell-timeout=120 \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

clean-venv:
	rm -rf $(VENV)

# Every course notebook executed into build/course/ (executed .ipynb + HTML with the code hidden, for handouts).
course: $(STAMP)
	$(VPY) scripts/execute_notebooks.py --out-dir build/course --html
