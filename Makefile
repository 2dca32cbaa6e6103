# hemorehab: `make run` serves the platform, `make test` runs the daily test suite (all but the
# slow tests), `make test-slow` the slow ones; CI runs both on SQLite and PostgreSQL.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-slow install lint check bench clean messages templates

run: install
	$(BIN)/hemorehab serve

test: install
	$(BIN)/pytest -m "not slow"

test-slow: install
	$(BIN)/pytest -m slow

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || "$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m hemorehab.i18n
	touch $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djhtml --tabwidth 2 --check src/hemorehab

# Indent every template (djhtml); CI checks that nothing is left to indent.
templates: install
	$(BIN)/djhtml --tabwidth 2 src/hemorehab

# Refresh the Chinese catalogue after adding strings (needs GNU gettext), then compile it.
messages: install
	cd src/hemorehab && DJANGO_SETTINGS_MODULE=hemorehab.settings ../../$(BIN)/django-admin makemessages -l zh_Hans --no-location --no-obsolete
	$(BIN)/python -m hemorehab.i18n

bench: install
	for b in bench/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
