# Two commands do all setup on a fresh machine with python3 (3.11+) and make:
#   make site   re-execute every notebook and render the collection to _build/site/
#   make test   data checks, helper tests, strict nbval and browser tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2
PORT ?= 8888

.PHONY: help site pdf notebooks test check-data lab run bench clean lock

help:
	@echo "make site        rerun every notebook and render the collection to _build/site/"
	@echo "make pdf         the whole site as one PDF, _build/collection.pdf (after make site)"
	@echo "make test        run every test (data, helpers, notebooks with strict nbval, browser)"
	@echo "make lab         open JupyterLab on notebooks/ (localhost, with a token)"
	@echo "make run NB=04 ARGS=\"-p year 2019\"  rerun a notebook with parameters into _build/runs/"
	@echo "make check-data  validate data/ (python -m helpers check-data)"
	@echo "make bench       time notebooks, site, tests and check-data; write bench/results.md"
	@echo "make lock        refresh requirements.lock (every package, with hashes) from pyproject.toml"

# The environment is rebuilt when the lock or the pins change: every package from requirements.lock, checked
# against its hashes, then the project itself without resolving anything more.
$(STAMP): pyproject.toml requirements.lock
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@# setuptools warns in a box about folders named like the package on every editable install of a flat
	@# layout; the layout is deliberate (helpers/ beside notebooks/), so the build backend's warnings are muted.
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

check-data: $(STAMP)
	$(BIN)/python -m helpers check-data

notebooks: $(STAMP) check-data
	$(BIN)/python -m helpers execute --jobs $(JOBS)

site: notebooks
	$(BIN)/python -m helpers site

pdf: site
	$(BIN)/python -m helpers pdf

# Tests run inside a network namespace that has only loopback when this machine allows it (root and unshare):
# no test, notebook (nbval) or browser page can then reach the network, which is what tests/test_offline.py
# checks. Elsewhere they run as they are, and test_offline.py isolates the notebooks itself.
ISOLATE := $(shell [ "$$(id -u)" = 0 ] && unshare -n true 2>/dev/null && command -v ip >/dev/null && echo yes)
# Browser, JupyterLab and kernel tests mostly wait on other processes: more workers than cores shortens the run.
# loadscope keeps a notebook's cells (and a test module) on one worker but sends each test class to any worker:
# the legibility test's three widths are three classes.
TEST_JOBS ?= 3
PYTEST = $(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadscope --nbval

test: $(STAMP)
ifeq ($(ISOLATE),yes)
	unshare -n sh -c 'ip link set lo up && exec $(PYTEST)'
else
	$(PYTEST)
endif

lab: $(STAMP)
	$(BIN)/python -m helpers lab $(PORT)

run: $(STAMP)
	@test -n "$(NB)" || { echo 'usage: make run NB=04 ARGS="-p year 2019 -p ally FRA"'; exit 2; }
	$(BIN)/python -m helpers rerun $(NB) $(ARGS)

# Refresh the lock: resolve pyproject.toml's pins and their dependencies anew with uv (from PyPI), with hashes.
UV_VERSION := 0.9.5
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	( sed -n '1,2p' requirements.lock; $(BIN)/uv pip compile pyproject.toml --generate-hashes --no-header \
	  --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu --quiet -o - ) > requirements.lock.new
	mv requirements.lock.new requirements.lock
	@echo "requirements.lock refreshed; run make test, then commit it"

bench: $(STAMP)
	$(BIN)/python -m helpers.bench

clean:
	rm -rf _build .pytest_cache
