# The two set-up commands of the README. Both install what they need (system packages, the
# sandbox runtime, the app's virtualenv) idempotently through scripts/setup.sh.
VENV ?= .venv
PYTEST_ARGS ?=

.PHONY: start test setup lint

setup:
	bash scripts/setup.sh

start: setup
	$(VENV)/bin/tfgrader serve --demo

test: setup
	bash scripts/test.sh $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
