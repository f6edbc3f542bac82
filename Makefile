# Two entry points: `make demo` (install + run the coder on examples/) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint clean browser vendor

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/eventwire

demo: install
	$(BIN)/eventwire extract examples/articles.jsonl --format table

# The browser tests drive Debian's chromium; install it when missing (needs root).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "warning: could not install chromium; the browser tests will be skipped"

test: install browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

# Copy the dashboard's world outline from npm (world-atlas) into the package.
vendor:
	webvendor/vendor.sh

clean:
	rm -rf $(VENV) build src/*.egg-info
