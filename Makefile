# lscb — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The test command runs against PostgreSQL and a real Redis broker, as CI does.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lscb
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Tests run in two processes (pytest-xdist), each on its own test database; PYTEST_ARGS= for one.
PYTEST_ARGS ?= -n 2
PYTEST = DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest $(PYTEST_ARGS)
# make test runs the suite a second time with every test process's clock this many days ahead
# (lscb.testing.start_shifted_clock), so a test that compares the real clock with a fixed date
# fails on the day it is written, not months later.
FUTURE_DAYS ?= 365

.DEFAULT_GOAL := help
.PHONY: help install assets run demo test test-fast test-future lint check fmt services system-run system-test clean backup restore security-report

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed assets ## Create .venv, install Python and npm packages, copy GOV.UK assets

assets: node_modules/.installed ## Copy GOV.UK Frontend into static/vendor
	$(PY) scripts/vendor_assets.py

demo: install ## Migrate the embedded SQLite database and load the demo boards
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

system-run: ## Install the Debian packages the app needs (scripts/system_packages.sh), if missing
	scripts/system_packages.sh run

system-test: ## Install the Debian packages the app and its tests need, if missing
	scripts/system_packages.sh test

run: system-run demo ## Set up and run the app with demo data on SQLite, tasks in-process
	@echo "lscb is running at http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

services: ## Start PostgreSQL and Redis if they are installed and not running
	scripts/ensure_services.sh

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install ## Django system checks and missing migrations
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py check --fail-level WARNING
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py makemigrations --check --dry-run

test: system-test services install lint check ## Lint, checks, every test on PostgreSQL + Redis, then every test again a year on
	$(PYTEST)
	LSCB_TEST_CLOCK_SHIFT_DAYS=$(FUTURE_DAYS) $(PYTEST)

test-fast: services install ## The inner loop: no browser or real-worker tests, test database kept, stop at the first failure
	$(PYTEST) -m "not browser and not worker" --reuse-db -x

test-future: system-test services install ## Every test with the clock FUTURE_DAYS (365) days ahead, e.g. FUTURE_DAYS=730
	LSCB_TEST_CLOCK_SHIFT_DAYS=$(FUTURE_DAYS) $(PYTEST)

fmt: install ## Format and fix imports
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtualenv, node_modules, the SQLite database and copied assets
	rm -rf $(VENV) node_modules static/vendor db.sqlite3 staticfiles

BACKUP_FILE ?= backups/lscb-$(shell date -u +%Y%m%dT%H%M%SZ).dump

backup: ## Back up DATABASE_URL (PostgreSQL) to BACKUP_FILE with pg_dump -Fc
	scripts/backup.sh $(BACKUP_FILE)

restore: ## Restore BACKUP_FILE into DATABASE_URL with pg_restore (asks first; one transaction)
	@test -n "$(BACKUP_FILE)" -a -f "$(BACKUP_FILE)" || { echo "make restore BACKUP_FILE=path/to/file.dump"; exit 2; }
	scripts/restore.sh $(BACKUP_FILE)

security-report: install ## Print the security figures: matrix, unguarded routes, XSS, fuzzing, check --deploy, bandit
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) bench/security_report.py
