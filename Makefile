# The two commands: `make run` (portal on SQLite with demo data, mail to a local sink) and `make test` (everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
export FLASK_APP := wsgi.py

.PHONY: run test security translations i18n-extract i18n-check db seed clean benchmarks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamp files: pip runs again only when a requirements file changes, so a second `make run` starts at once.
$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	touch $(VENV)/.installed-run $@

translations: $(VENV)/.installed-run
	$(BIN)/python -m tools.i18n compile

i18n-extract: $(VENV)/.installed-run
	$(BIN)/python -m tools.i18n extract

i18n-check: $(VENV)/.installed-run
	$(BIN)/python -m tools.i18n check

db: $(VENV)/.installed-run
	APP_ENV=$${APP_ENV:-development} $(BIN)/flask db upgrade heads
	APP_ENV=$${APP_ENV:-development} $(BIN)/flask seed --demo
	@# Demo staff accounts (known password + TOTP secret, printed) exist only on a development machine.
	@if [ "$${APP_ENV:-development}" = development ]; then APP_ENV=development $(BIN)/flask users seed-demo; fi

run: translations db
	@echo "Serving on http://127.0.0.1:$(PORT) (mail goes to instance/mail-sink/ unless MAIL_SERVER is set)"
	APP_ENV=$${APP_ENV:-development} exec $(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile - --config python:app.gunicorn_conf wsgi:app

test: $(VENV)/.installed-dev translations security
	$(BIN)/pytest

# Static security checks on app/: any medium or high finding fails (accepted ones are explained in bandit.yaml).
security: $(VENV)/.installed-dev
	$(BIN)/bandit -q -c bandit.yaml -r app --severity-level medium

benchmarks: $(VENV)/.installed-dev translations
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) instance test-artifacts .pytest_cache
