# hemorehab: `make run` serves the platform, `make test` runs the whole test suite.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint check bench clean messages

run: install
	$(BIN)/hemorehab serve

test: install
	$(BIN)/pytest

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

# Refresh the Chinese catalogue after adding strings (needs GNU gettext), then compile it.
messages: install
	cd src/hemorehab && DJANGO_SETTINGS_MODULE=hemorehab.settings ../../$(BIN)/django-admin makemessages -l zh_Hans --no-location --no-obsolete
	$(BIN)/python -m hemorehab.i18n

bench: install
	for b in bench/bench_*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
