#!/bin/sh
# Make ./.venv with the project installed (with the extras named in $extras, e.g. dev),
# only when needed.
# Sourced by run.sh and test.sh, so a fresh clone needs nothing but Python 3.11+.
set -e
extras="${extras:-}"
py=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        py="$candidate"; break
    fi
done
if [ -z "$py" ]; then
    echo "Nästa steg needs Python 3.11 or newer (python3 --version)." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $py ..." >&2
    "$py" -m venv .venv
fi
stamp=".venv/.installed-${extras:-base}"
want=$(cat pyproject.toml | cksum)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing dependencies into .venv ..." >&2
    target="."
    [ -n "$extras" ] && target=".[$extras]"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
    echo "$want" > "$stamp"
fi
