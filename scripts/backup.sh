#!/usr/bin/env bash
# Back up the lscb PostgreSQL database to one file (pg_dump custom format, compressed).
# Usage: DATABASE_URL=postgres://user@host:5432/lscb scripts/backup.sh [FILE]
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup: DATABASE_URL must be PostgreSQL" >&2; exit 2;; esac
file="${1:-backups/lscb-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
# --no-owner/--no-privileges: the file restores into a database owned by another role.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file.partial"
mv "$file.partial" "$file"  # never leave a half-written file under the real name
echo "backup written: $file ($(stat -c %s "$file") bytes)"
