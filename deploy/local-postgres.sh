#!/usr/bin/env bash
# Installs Debian's PostgreSQL if missing, starts it on 127.0.0.1:5432 and creates the test
# database "attest" (user attest, password attest). Idempotent; used by .ci/run and developers.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
conf="/etc/postgresql/$version/main/postgresql.conf"
grep -q "^listen_addresses = '127.0.0.1'" "$conf" || echo "listen_addresses = '127.0.0.1'" >> "$conf"
grep -q "^port = 5432" "$conf" || sed -i 's/^port = .*/port = 5432/' "$conf"
# The test suite keeps one application context (and connection pool) per test configuration alive at once:
# PostgreSQL's default of 100 connections runs out before the suite ends.
restart=0
if ! grep -q "^max_connections = 300" "$conf"; then
  sed -i '/^max_connections/d' "$conf"
  echo "max_connections = 300" >> "$conf"
  restart=1
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
if [ "$restart" = 1 ]; then
  pg_ctlcluster "$version" main restart
fi

for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }

# Over the local socket (peer authentication): TCP connections as postgres may need a password.
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'attest') THEN
    CREATE ROLE attest LOGIN PASSWORD 'attest';
  ELSE
    ALTER ROLE attest LOGIN PASSWORD 'attest';
  END IF;
END
$$;
SQL
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='attest'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE DATABASE attest OWNER attest\""
echo "PostgreSQL $version ready on 127.0.0.1:5432 (database attest)"
