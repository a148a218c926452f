#!/bin/sh
# Back up the Nästa steg store while the bot is running.
#
# Uses SQLite's online backup, so the copy is consistent even while the bot writes
# (the store is in WAL mode; copying the file with cp could give a broken copy).
# Also packs the content kept in the data dir, when there is any: every version editors
# published from Telegram (content-versions/) and the live content/ and locales/.
# Never the pseudonym key, which must stay apart from backups.
#
# Usage: backup.sh [DATA_DIR [BACKUP_DIR [KEEP]]]
#   DATA_DIR    the bot's BOT_DATA_DIR           (default /var/lib/nasta-steg)
#   BACKUP_DIR  where the copies go              (default /var/lib/nasta-steg-backup)
#   KEEP        how many newest copies to keep   (default 14)
# The same can be given as environment variables DATA_DIR, BACKUP_DIR, KEEP;
# PYTHON names the Python 3 to use (default python3).
#
# Run it as the bot's own user (deploy/nasta-steg-backup.service does), so that SQLite's
# side files (-wal, -shm) never end up owned by another user.
# Each copy is BACKUP_DIR/nasta-steg-YYYYMMDDTHHMMSSZ.sqlite3 (UTC), mode 600, and beside it
# nasta-steg-content-YYYYMMDDTHHMMSSZ.tar.gz (the content and its versions).
set -eu

DATA_DIR="${1:-${DATA_DIR:-/var/lib/nasta-steg}}"
BACKUP_DIR="${2:-${BACKUP_DIR:-/var/lib/nasta-steg-backup}}"
KEEP="${3:-${KEEP:-14}}"
PYTHON="${PYTHON:-python3}"

case "$KEEP" in
    '' | *[!0-9]* | 0) echo "backup.sh: KEEP must be a whole number of 1 or more" >&2; exit 2 ;;
esac
src="$DATA_DIR/nasta-steg.sqlite3"
if [ ! -f "$src" ]; then
    echo "backup.sh: no store at $src (has the bot run yet?)" >&2
    exit 1
fi
umask 077
mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$BACKUP_DIR/nasta-steg-$stamp.sqlite3"
tmp="$out.partial"
rm -f "$tmp"

"$PYTHON" - "$src" "$tmp" <<'PY'
import sqlite3
import sys
from urllib.parse import quote

src_path, out_path = sys.argv[1], sys.argv[2]
src = sqlite3.connect(f"file:{quote(src_path)}?mode=ro", uri=True, timeout=30)
dst = sqlite3.connect(out_path)
with dst:
    src.backup(dst)  # one step: a single consistent snapshot
src.close()
dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
check = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.close()
if check != "ok":
    sys.exit(f"backup.sh: the copy failed its integrity check: {check}")
PY

mv "$tmp" "$out"
echo "backup.sh: wrote $out"

# The content and its versions (versions first: a version's files are written before it).
parts=""
for part in content-versions content locales; do
    if [ -d "$DATA_DIR/$part" ]; then parts="$parts $part"; fi
done
if [ -n "$parts" ]; then
    packed="$BACKUP_DIR/nasta-steg-content-$stamp.tar.gz"
    # shellcheck disable=SC2086 # the folder names have no spaces
    tar -czf "$packed.partial" -C "$DATA_DIR" --exclude='.*' $parts
    mv "$packed.partial" "$packed"
    echo "backup.sh: wrote $packed"
fi

# Keep the KEEP newest copies of each (the names sort by time).
for pattern in '^nasta-steg-[0-9]{8}T[0-9]{6}Z\.sqlite3$' \
    '^nasta-steg-content-[0-9]{8}T[0-9]{6}Z\.tar\.gz$'; do
    ls -1 "$BACKUP_DIR" | grep -E "$pattern" | sort -r |
        tail -n +"$((KEEP + 1))" | while read -r old; do
            rm -f "$BACKUP_DIR/$old"
            echo "backup.sh: removed old copy $old"
        done
done
