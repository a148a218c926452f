#!/bin/sh
# Update the dependency locks in requirements/ from pyproject.toml (run after changing a
# dependency, or to take newer releases; commit the result):
#   run.txt  what `./run.sh` installs: the bot with python-telegram-bot, nothing optional;
#   dev.txt  what `./test.sh` installs: the bot, the extras (charts, aiogram, leaflet) and
#            the tools.
# Every file is pinned with its hashes, for every platform (--universal); the bootstrap
# installs with --require-hashes. Needs uv (pip install uv).
set -e
cd "$(dirname "$0")/.."
common="--generate-hashes --universal --python-version 3.11 --no-header"
uv pip compile pyproject.toml $common -o requirements/run.txt "$@"
uv pip compile pyproject.toml --extra charts --extra aiogram --extra leaflet --extra dev $common \
    -o requirements/dev.txt "$@"
