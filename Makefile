# Two commands do all setup on a fresh machine with python3 (3.11+) and make: `make site` and `make test`.
# Every target says what it does after `##`; `make help` lists them from there.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= 2
PORT ?= 8888

.PHONY: help site pdf notebooks test check-data datadict lab run bench clean lock

help: ## list every target and what it does
	@awk -F ':[^#]*## ' '/^[a-z-]+:[^#]*## / {printf "make %-11s %s\n", $$1, $$2}' $(firstword $(MAKEFILE_LIST))

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

check-data: $(STAMP) ## validate data/ and list every problem as file:line: column: problem (value)
	$(BIN)/python -m helpers check-data

notebooks: $(STAMP) check-data ## check data/, then rerun in place only the notebooks whose inputs changed
	$(BIN)/python -m helpers execute --jobs $(JOBS)

site: notebooks ## set up .venv if needed, make notebooks, then render _build/site/ with a page per Ally
	$(BIN)/python -m helpers site

pdf: site ## make site (which prints the collection to _build/site/nato-coalitions.pdf), then print that PDF again
	$(BIN)/python -m helpers pdf

# Tests run inside a network namespace that has only loopback when this machine allows it (root and unshare):
# no test, notebook (nbval) or browser page can then reach the network, which is what tests/test_offline.py
# checks. Elsewhere they run as they are, and test_offline.py isolates the notebooks itself.
ISOLATE := $(shell [ "$$(id -u)" = 0 ] && unshare -n true 2>/dev/null && command -v ip >/dev/null && echo yes)
# Browser, JupyterLab and kernel tests mostly wait on other processes: more workers than cores shortens the run.
# loadscope keeps a notebook's cells (and a test module) on one worker; the browser's page checks are spread over
# six classes (tests/site/test_browse.py) so that the workers share them.
TEST_JOBS ?= 3
PYTEST = $(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadscope --nbval

test: $(STAMP) ## set up .venv if needed, then every test: data, helpers, strict nbval, site, JupyterLab
ifeq ($(ISOLATE),yes)
	unshare -n sh -c 'ip link set lo up && exec $(PYTEST)'
else
	$(PYTEST)
endif

lab: $(STAMP) ## JupyterLab on the project root at 127.0.0.1:8888 (PORT=...), with a token printed in its log
	$(BIN)/python -m helpers lab $(PORT)

run: $(STAMP) ## NB=04 ARGS="-p year 2019": rerun a notebook with parameters into _build/runs/; no NB: list them
ifeq ($(NB),)
	@$(BIN)/python -m helpers rerun --list
else
	$(BIN)/python -m helpers rerun $(NB) $(ARGS)
endif

datadict: $(STAMP) ## rewrite the data dictionary in data/README.md from data/datapackage.json
	$(BIN)/python -m helpers datadict

# Refresh the lock: resolve pyproject.toml's pins and their dependencies anew with uv (from PyPI), with hashes.
UV_VERSION := 0.9.5
lock: $(STAMP) ## resolve pyproject.toml's pins anew into requirements.lock (with hashes; uses PyPI)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	( sed -n '1,2p' requirements.lock; $(BIN)/uv pip compile pyproject.toml --generate-hashes --no-header \
	  --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu --quiet -o - ) > requirements.lock.new
	mv requirements.lock.new requirements.lock
	@echo "requirements.lock refreshed; run make test, then commit it"

bench: $(STAMP) ## time notebooks, make site, make test (warm, and in a fresh clone), check-data; bench/results.md
	$(BIN)/python -m helpers bench

clean: ## remove _build/ (site, runs, caches) and .pytest_cache; .venv stays
	rm -rf _build .pytest_cache
