#!/usr/bin/env bash
# make test needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres) and Redis on
# 127.0.0.1:6379. Starts either if it is installed but stopped; if one is not installed, says
# what to do and stops before any test runs.
set -euo pipefail

fail() { echo "$*" >&2; exit 1; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] ||
    fail "PostgreSQL is not installed: apt-get install -y postgresql, and allow trust auth for user
postgres from 127.0.0.1 (pg_hba.conf), then run make test again."
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null ||
    fail "Redis is not installed: apt-get install -y redis-server, then run make test again."
  echo "Starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || fail "PostgreSQL did not start on 127.0.0.1:5432"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || fail "Redis did not start on 127.0.0.1:6379"
