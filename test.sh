#!/bin/sh
# Run every check: lint (ruff), types (mypy), and the whole test suite (offline).
# Installs what it needs on first use.
set -e
cd "$(dirname "$0")"
extras=dev
. scripts/bootstrap.sh
# The preview's browser test needs Debian's chromium; install it where we can (root + apt).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ]; then
    echo "Installing chromium for the preview test ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
        >/dev/null 2>&1 || echo "chromium could not be installed: the browser test will skip" >&2
fi
.venv/bin/python -m ruff check bot tests bench
.venv/bin/python -m mypy
.venv/bin/python -m bot check >/dev/null || .venv/bin/python -m bot check
exec .venv/bin/python -m pytest "$@"
