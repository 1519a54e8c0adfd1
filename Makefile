# Tandem: `make run` starts everything, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# What pip installs: the Dockerfile runs `make install PACKAGE=.` (no test tools in the image).
PACKAGE ?= -e '.[dev]'

.PHONY: install run test lint typecheck bench schema migrations graphiql-assets clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(PACKAGE)
	@touch $(STAMP)

install: $(STAMP)

# `make run PORT=8080 HOST=0.0.0.0` to listen elsewhere.
run: $(STAMP)
	$(BIN)/tandem run --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff, mypy, and the schema guard: a breaking change of the GraphQL schema that
# CHANGELOG.md does not name fails (tools/check-schema-changes; SCHEMA_BASE=<rev> to compare
# with another revision than the last committed schema.graphql).
lint: $(STAMP)
	$(BIN)/ruff check adapters api domain workers tests bench tools/check-schema-changes
	$(BIN)/mypy domain api workers
	$(BIN)/python tools/check-schema-changes

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

schema: $(STAMP)
	$(BIN)/tandem schema export > schema.graphql

# Regenerates the migrations of both dialects from the models (developers only).
migrations: $(STAMP)
	$(BIN)/python -m adapters.makemigrations

# Re-fetches GraphiQL's vendored browser assets from npm (pinned; developers only).
graphiql-assets:
	tools/fetch-graphiql

clean:
	rm -rf $(VENV) var
