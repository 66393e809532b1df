# kiemtra: `make lab` opens the course, `make test` runs every test. Both build .venv first when it is missing.
.DELETE_ON_ERROR:
.PHONY: lab test app course datasets bench clean-venv class

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

# Jupyter refuses to run as root unless told; CI machines and containers run as root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(FIRST_NOTEBOOK) $(AS_ROOT) $(ARGS)

test: $(STAMP)
	$(VPY) -m pytest tests notebooks kiemtra_lib --doctest-modules \
	  --nbval --nbval-current-env --nbval-cell-timeout=120 \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

datasets: $(STAMP)
	$(VENV)/bin/kiemtra datasets build datasets/

clean-venv:
	rm -rf $(VENV)

# Every course notebook executed into build/course/ (executed .ipynb + HTML with the code hidden + a PDF handout
# printed by Debian's Chromium, which scripts/ensure_chromium.sh installs with fonts carrying Vietnamese letters).
course: $(STAMP)
	sh scripts/ensure_chromium.sh
	$(VENV)/bin/kiemtra course build --out-dir build/course --html --pdf

# The course as a web app (Voilà) for trainees who never read code: http://127.0.0.1:8866/ lists the lessons in
# order, code hidden. Listens on this machine only unless APP_IP says otherwise; APP_PORT changes the port.
APP_PORT ?= 8866
APP_IP ?= 127.0.0.1
app: $(STAMP)
	$(VENV)/bin/kiemtra course app notebooks --port=$(APP_PORT) --ip=$(APP_IP) $(ARGS)

# issue 15: the class server (JupyterHub, an account per trainee), as root: `make class ROSTER=lop.xlsx` builds
# /opt/kiemtra (class/install.sh), creates the roster's accounts and the password handout, and starts the hub on
# http://CLASS_IP:CLASS_PORT/ (this machine only by default); Ctrl+C stops it. Everything it keeps is in CLASS_STATE.
# The IT staff's guide: class/HUONG_DAN_QUAN_TRI.md.
CLASS_IP ?= 127.0.0.1
CLASS_PORT ?= 8000
CLASS_STATE ?= /var/lib/kiemtra-lop
class:
	@test -n "$(ROSTER)" || { echo "Cần danh sách lớp: make class ROSTER=duong/dan/lop.xlsx" >&2; exit 2; }
	sh class/install.sh
	CLASS_IP=$(CLASS_IP) CLASS_PORT=$(CLASS_PORT) CLASS_STATE=$(CLASS_STATE) \
	  /opt/kiemtra/venv/bin/python -m kiemtra_lib.classroom start --roster "$(ROSTER)" \
	  --config "$(CURDIR)/class/jupyterhub_config.py" $(ARGS)

# issue 9: every benchmark at full size, each against a baseline timed in the same run (minutes; not part of test).
bench: $(STAMP)
	$(VPY) benchmarks/run_all.py $(ARGS)
