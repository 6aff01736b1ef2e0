#!/usr/bin/env bash
# A PostgreSQL server for the tests, on 127.0.0.1: installs Debian's
# packages when no server binaries are found, creates a cluster in
# $VANE_PG_DIR (default /tmp/weathervane-pg-$VANE_PG_PORT) unless there is
# one, starts it unless it runs, creates the database `vane_test`, and
# prints the line to export:
#
#   eval "$(scripts/postgres.sh)"     # sets VANE_TEST_POSTGRES_URL
#
# Idempotent: a running server is reused. As root (CI), the server runs as
# the `postgres` user. Everything but the export line goes to stderr.
# `scripts/postgres.sh stop` stops the server.
set -euo pipefail
port=${VANE_PG_PORT:-55432}
dir=${VANE_PG_DIR:-/tmp/weathervane-pg-$port}
db=vane_test
url="postgres://vane@127.0.0.1:$port/$db"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "postgres.sh: installing PostgreSQL (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

# Run as the postgres user when root (initdb and postgres refuse root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = stop ]; then
  as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true
  exit 0
fi

if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  if [ ! -s "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir" -U vane --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # Settings for a throwaway test server: no durability, more memory.
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c shared_buffers=256MB -c max_connections=200" \
    start >&2
fi
if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U vane -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U vane "$db"
fi
echo "postgres.sh: server on 127.0.0.1:$port, database $db ($dir)" >&2
echo "export VANE_TEST_POSTGRES_URL=$url"
