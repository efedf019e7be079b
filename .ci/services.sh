#!/usr/bin/env bash
# Installs (when missing) and starts throw-away Redis and PostgreSQL servers on loopback for the
# test suite, then prints the variables the tests read. Used by .ci/run and by hand:
#   eval "$(bash .ci/services.sh)" && npm test
# Everything lives under one temporary folder; `bash .ci/services.sh stop` ends both servers.
set -euo pipefail

ROOT=${TESTIO_SERVICES_DIR:-/tmp/testio-mcp-services}
REDIS_PORT=${TEST_REDIS_PORT:-6390}
PG_PORT=${TEST_PG_PORT:-5440}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

if [ "${1:-}" = "stop" ]; then
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  [ -n "$PG_BIN" ] && [ -d "$ROOT/pg" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ROOT/pg" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi

if ! command -v redis-server >/dev/null 2>&1 || [ -z "$PG_BIN" ]; then
  echo "Installing redis-server and postgresql..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server postgresql >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

mkdir -p "$ROOT"
# Redis: no persistence, loopback only; noeviction as a job queue on Redis would need.
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --maxmemory-policy noeviction --daemonize yes --logfile "$ROOT/redis.log" >&2
fi

# PostgreSQL refuses to run as root: a fresh data dir owned by postgres, started through runuser.
if ! runuser -u postgres -- "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; then
  rm -rf "$ROOT/pg"
  install -d -o postgres -g postgres "$ROOT/pg" "$ROOT/pg-socket"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$ROOT/pg" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ROOT/pg" -l "$ROOT/pg/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $ROOT/pg-socket -c fsync=off -c max_connections=200" start >&2
fi
for _ in $(seq 1 30); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && runuser -u postgres -- "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1 && break
  sleep 0.5
done

echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
