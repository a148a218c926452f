#!/bin/sh
# Make ./.venv with the locked dependencies of $lock ("run", the default, or "dev": see
# requirements/), only when needed. Sourced by run.sh and test.sh, so a fresh clone needs
# nothing but Python 3.11+. To update the locks: scripts/lock.sh (docs in that file).
set -e
lock="${lock:-run}"
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
stamp=".venv/.installed-$lock"
want=$(cat "requirements/$lock.txt" pyproject.toml | cksum)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing the locked dependencies ($lock) into .venv ..." >&2
    # --require-hashes: exactly the files the lock names, nothing newer, nothing else.
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        --no-deps -r "requirements/$lock.txt"
    if [ "$lock" = dev ]; then  # tools like lint-imports import the package itself
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
            --no-build-isolation -e .
    fi
    echo "$want" > "$stamp"
fi
