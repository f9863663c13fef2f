# Gestiona Energía – the two commands of the README, and a few helpers.
#   make run   – install, migrate, load demo data, serve web + worker on http://127.0.0.1:8000
#   make test  – install what tests need (Debian's Chromium included) and run every test

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test install install-dev chromium migrate demo worker lint format bench clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's Chromium drives the browser tests (Playwright cannot download its own here);
# poppler (pdftoppm) and zbar (zbarimg) let the tests look at a certificate and read its QR.
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ] || [ ! -x /usr/bin/zbarimg ]; then \
		echo "Installing Debian's chromium, poppler-utils and zbar-tools for the tests…"; \
		if [ "$$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core poppler-utils zbar-tools >/dev/null; \
	fi

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

worker: install
	$(VENV)/bin/celery -A lms worker --beat --loglevel INFO --concurrency 2 \
		--without-mingle --without-gossip --schedule var/celerybeat-schedule

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo > var/demo-logins.txt
	@$(VENV)/bin/celery -A lms worker --beat --loglevel WARNING --concurrency 2 \
		--without-mingle --without-gossip --schedule var/celerybeat-schedule & \
	WORKER=$$!; trap 'kill $$WORKER 2>/dev/null; wait $$WORKER 2>/dev/null' EXIT INT TERM; \
	cat var/demo-logins.txt; \
	echo "Portal: http://$(HOST):$(PORT)/   (Ctrl+C para detener web y worker)"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Unit and page tests run in TEST_PROCESSES parallel processes (each with its own test
# database, media folder and cache); then the browser journeys, also in parallel, and
# last the tests that start real worker processes, one at a time. "No tests selected"
# (exit 5) is not a failure.
TEST_PROCESSES ?= 2
test: install-dev chromium
	@export DJANGO_SETTINGS_MODULE=lms.settings.test; \
	$(VENV)/bin/pytest -n $(TEST_PROCESSES) -m "not browser and not worker" $(PYTEST_ARGS); rc=$$?; \
	[ $$rc -eq 5 ] && rc=0; [ $$rc -ne 0 ] && exit $$rc; \
	$(VENV)/bin/pytest -n $(TEST_PROCESSES) -m "browser and not worker" $(PYTEST_ARGS); rc=$$?; \
	[ $$rc -eq 5 ] && rc=0; [ $$rc -ne 0 ] && exit $$rc; \
	$(VENV)/bin/pytest -m worker $(PYTEST_ARGS); rc=$$?; \
	[ $$rc -eq 5 ] && rc=0; exit $$rc

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf var/test-media test-artifacts

# Benchmarks on PostgreSQL (see bench/README.md): BENCH_SIZE=small|national
BENCH_SIZE ?= small
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/gestiona_bench
# The generated dataset (manage.py bench_dataset) that bench.run measures, one per size.
BENCH_DATA_DB ?= postgres://postgres@127.0.0.1:5432/gestiona_bench_$(BENCH_SIZE)
# Every script runs even when an earlier one misses a budget; the target fails at the end.
MISSED := var/bench/missed
bench: install-dev
	@mkdir -p var/bench; rm -f $(MISSED)
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='gestiona_bench'" | grep -q 1 || \
		psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE gestiona_bench" >/dev/null
	DATABASE_URL=$(BENCH_DB) DJANGO_SETTINGS_MODULE=lms.settings.bench $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) -m bench.inventory || echo inventory >> $(MISSED)
	DATABASE_URL=$(BENCH_DB) DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) -m bench.certificates --size $(BENCH_SIZE) || echo certificates >> $(MISSED)
	DATABASE_URL=$(BENCH_DB) DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) -m bench.energy --size $(BENCH_SIZE) || echo energy >> $(MISSED)
	DATABASE_URL=$(BENCH_DB) DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) -m bench.fleet || echo fleet >> $(MISSED)
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='gestiona_bench_$(BENCH_SIZE)'" | grep -q 1 || \
		psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE gestiona_bench_$(BENCH_SIZE)" >/dev/null
	DATABASE_URL=$(BENCH_DATA_DB) DJANGO_SETTINGS_MODULE=lms.settings.bench $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATA_DB) DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py bench_dataset --size $(BENCH_SIZE)
	DATABASE_URL=$(BENCH_DATA_DB) DJANGO_SETTINGS_MODULE=lms.settings.bench $(PY) -m bench.run --size $(BENCH_SIZE) || echo pages >> $(MISSED)
	# Query counts of the same pages on this dataset (bench/results/queries-<size>.json),
	# compared with the budgets and with the counts of the other sizes measured before.
	DATABASE_URL=$(BENCH_DATA_DB) DJANGO_SETTINGS_MODULE=lms.settings.bench $(PY) -m bench.queries --size $(BENCH_SIZE) || echo queries >> $(MISSED)
	# Query-count budgets (bench/budgets.py): same queries on two dataset sizes.
	$(VENV)/bin/pytest tests/bench -q || echo query-tests >> $(MISSED)
	@if [ -s $(MISSED) ]; then echo "Presupuestos no cumplidos en: $$(tr '\n' ' ' < $(MISSED))(ver arriba)"; exit 1; fi
