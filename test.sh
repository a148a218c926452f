#!/bin/sh
# Run every check: lint (ruff), types (mypy), and the whole test suite (offline).
# Installs what it needs on first use.
set -e
cd "$(dirname "$0")"
extras=dev
. scripts/bootstrap.sh
.venv/bin/python -m ruff check bot tests bench
.venv/bin/python -m mypy
.venv/bin/python -m bot check >/dev/null || .venv/bin/python -m bot check
exec .venv/bin/python -m pytest "$@"
