#!/bin/sh
# Run Nästa steg: on Telegram when TELEGRAM_BOT_TOKEN is set (environment or .env),
# otherwise the same bot in this terminal. Installs what it needs on first use.
set -e
cd "$(dirname "$0")"
# The store holds open relays' (encrypted) chat ids and the key may sit nearby: files the
# bot creates are for this user only.
umask 077
. scripts/bootstrap.sh
exec .venv/bin/python -m bot run "$@"
