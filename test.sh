#!/bin/sh
# Run every check: lint and format (ruff), types (mypy), the import contracts
# (import-linter), the content check and the whole test suite (offline, in parallel).
# Installs what it needs on first use, from the lock in requirements/dev.txt.
set -e
cd "$(dirname "$0")"
lock=dev
. scripts/bootstrap.sh
# The preview's browser test needs Debian's chromium, and the leaflet needs Pango and fonts
# for Arabic script (fonts-noto-core); install them where we can (root + apt).
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
    { ! command -v chromium >/dev/null 2>&1 ||
        [ ! -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] ||
        ! ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1; }; then
    echo "Installing chromium, Pango and the Noto fonts for the preview and leaflet tests ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core; } >/dev/null 2>&1 ||
        echo "chromium or the fonts could not be installed: those tests will skip" >&2
fi
.venv/bin/python -m ruff check bot tests bench
.venv/bin/python -m ruff format --check bot tests bench
.venv/bin/python -m mypy
.venv/bin/lint-imports
.venv/bin/python -m bot check >/dev/null || .venv/bin/python -m bot check
# One test process per core and one more (see tests/conftest.py), idle ones taking tests
# from busy ones; -n 0 runs in one process.
exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
