#!/usr/bin/env bash
# Restore an lscb backup (made by scripts/backup.sh) into DATABASE_URL, replacing its contents,
# and its private files (FILE.files.tar.gz) into LSCB_PRIVATE_FILES_ROOT (default var/private).
# Usage: DATABASE_URL=postgres://user@host:5432/lscb scripts/restore.sh FILE
# Asks for "yes" first (or set LSCB_RESTORE_CONFIRM=yes). One transaction: all or nothing.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
file="${1:?give the backup file to restore}"
test -s "$file" || { echo "restore: $file is missing or empty" >&2; exit 2; }
pg_restore --list "$file" >/dev/null  # a readable pg_dump archive, or stop here
files="$file.files.tar.gz"
test -s "$files" || { echo "restore: $files (the private files) is missing" >&2; exit 2; }
tar --list --gzip --file="$files" >/dev/null  # a readable archive, or stop before touching anything
private_root="${LSCB_PRIVATE_FILES_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/private}"
if [ "${LSCB_RESTORE_CONFIRM:-}" != "yes" ]; then
  read -r -p "Replace every table in ${DATABASE_URL%%\?*} with $file? Type yes: " answer
  [ "$answer" = "yes" ] || { echo "restore: cancelled" >&2; exit 1; }
fi
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$file"
mkdir -p "$private_root"
# Files are named by random ids, so extracting over the folder adds the backup's and keeps none twice.
tar --extract --gzip --file="$files" --directory="$private_root" --no-same-owner
echo "restored $file into the database and $files into $private_root"
