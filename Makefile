# The portal's everyday commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
NPM_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | sha1sum | cut -c1-12)

.DEFAULT_GOAL := help
.PHONY: help install hooks css run chromium test test-unit screenshots lint typecheck check audit deploy-check wrk nginx bench bench-cluster clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*; touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -f node_modules/.installed-*; touch $@

install: $(STAMP) $(NPM_STAMP) ## Create the virtual environment and install Python and npm packages

hooks: $(STAMP) ## Run ruff and the Django checks on every commit (pre-commit)
	$(VENV)/bin/pre-commit install

css: $(NPM_STAMP) ## Compile the GOV.UK Frontend styles with Dart Sass
	npm run --silent build:css

# The service as people meet it, with its own error pages and the pages it
# keeps between requests; `DEBUG=1 make run` for Django's debug pages.
run: install css ## Migrate, load the demo data and serve web, worker and beat at http://127.0.0.1:8000
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-0} PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/honcho --procfile Procfile.dev start

chromium:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install css chromium ## Run the whole suite against PostgreSQL and Redis
	$(PY) -m pytest $(PYTEST_ARGS)

test-unit: $(STAMP) ## The pure-Python tests alone: no PostgreSQL, Redis or browser, in seconds
	$(PY) -m pytest -m unit -q $(PYTEST_ARGS)

screenshots: install css chromium ## Every page as each demo user sees it, at 375 and 1280 px, into screenshots/
	$(PY) -m pytest tests/browser/screenshots.py -q -p no:cacheprovider

lint: install ## ruff check, ruff format --check and the import contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP) ## mypy with django-stubs on the domain packages (pyproject.toml [tool.mypy])
	$(VENV)/bin/mypy

check: install ## Django system checks and a check for missing migrations
	mkdir -p var
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py makemigrations --check --dry-run

audit: install ## Check the pinned requirements for known vulnerabilities (pip-audit)
	$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt

# Stand-in values: the check reads the settings and contacts nothing.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=deploy-check-stand-in-secret-key-that-is-long-and-random-enough-0123456789 \
	ALLOWED_HOSTS=portal.example.gov.uk \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \
	REDIS_URL=redis://127.0.0.1:6379/0 \
	EMAIL_URL=smtp+tls://mailer:secret@smtp.example.gov.uk:587

deploy-check: install ## Django's deployment checks on the production settings
	env -u DEBUG $(DEPLOY_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING

wrk:
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the benchmarks"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# Run from a folder of its own by bench/cluster.py, never from /etc/nginx.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "Installing Debian's nginx for the cluster benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

bench: install css wrk nginx ## Load test under gunicorn on loopback, time a reminder sweep, a sensitive period holding 10,000 posts, a busy calendar month, the checks on the longest thread, the reports and the register over 100,000 posts, then the cluster run
	$(PY) bench/run.py
	$(PY) bench/sweep.py
	$(PY) bench/hold.py
	$(PY) bench/calendar_month.py
	$(PY) bench/thread_checks.py
	$(PY) bench/reports.py
	$(PY) bench/register.py
	$(PY) bench/cluster.py

bench-cluster: install css wrk nginx ## Two web processes behind nginx, two workers, one beat; kill one of each under load
	$(PY) bench/cluster.py

clean: ## Remove the embedded database, queues and build output
	rm -rf var static_collected portal/static/css
