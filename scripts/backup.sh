#!/usr/bin/env bash
# Back up lscb: the PostgreSQL database to FILE (pg_dump custom format, compressed) and the
# private files (review documents, rendered reports: LSCB_PRIVATE_FILES_ROOT, default var/private)
# to FILE.files.tar.gz beside it. restore.sh restores both.
# Usage: DATABASE_URL=postgres://user@host:5432/lscb scripts/backup.sh [FILE]
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup: DATABASE_URL must be PostgreSQL" >&2; exit 2;; esac
file="${1:-backups/lscb-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
# --no-owner/--no-privileges: the file restores into a database owned by another role.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file.partial"
private_root="${LSCB_PRIVATE_FILES_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/private}"
mkdir -p "$private_root"
tar --create --gzip --file="$file.files.tar.gz.partial" --directory="$private_root" .
mv "$file.partial" "$file"  # never leave a half-written file under the real name
mv "$file.files.tar.gz.partial" "$file.files.tar.gz"
echo "backup written: $file ($(stat -c %s "$file") bytes), files: $file.files.tar.gz ($(stat -c %s "$file.files.tar.gz") bytes)"
