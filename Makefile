.PHONY: install test lint check bench

install:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]'

test:
	.venv/bin/python -m pytest -n 2

lint:
	.venv/bin/ruff check compare tests benchmarks
	.venv/bin/ruff format --check compare tests benchmarks
	.venv/bin/mypy compare

check: lint test

bench:
	.venv/bin/python benchmarks/run.py
