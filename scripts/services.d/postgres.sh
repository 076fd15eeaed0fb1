# PostgreSQL from Debian's packages, in its own data directory so it never fights a system cluster.
# shellcheck shell=bash

postgres_bin() {
  local dir; dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [[ -x "$dir/initdb" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql; run scripts/setup"
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root, run it as the Debian 'postgres' user.
postgres_as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The cluster lives under .run/postgres, unless the checkout sits where the 'postgres' user cannot reach it
# (e.g. under /root): then under /var/tmp, in a folder named after the checkout.
postgres_dir() {
  local dir="$PERIMETER_RUN/postgres"
  if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$PERIMETER_RUN" 2>/dev/null; then
    dir="/var/tmp/perimeter-$(printf '%s' "$PERIMETER_ROOT" | sha1sum | cut -c1-12)/postgres"
  fi
  echo "$dir"
}

postgres_query() {
  PGPASSWORD="$PERIMETER_POSTGRES_PASSWORD" psql -h 127.0.0.1 -p "$PERIMETER_POSTGRES_PORT" \
    -U "$PERIMETER_POSTGRES_USER" -d "$PERIMETER_POSTGRES_DATABASE" -v ON_ERROR_STOP=1 -Atqc "$1"
}

postgres_start() {
  local dir bin; dir="$(postgres_dir)"; bin="$(postgres_bin)"
  local data="$dir/data" log="$dir/postgres.log"
  if [[ ! -s "$data/PG_VERSION" ]]; then
    echo "    initialising a cluster in $data"
    mkdir -p "$data"
    [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$dir"
    local pwfile; pwfile="$(mktemp)"; printf '%s\n' "$PERIMETER_POSTGRES_PASSWORD" > "$pwfile"
    [[ $EUID -eq 0 ]] && chown postgres "$pwfile"
    postgres_as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
  fi
  [[ $EUID -eq 0 ]] && chown -R postgres:postgres "$dir"
  postgres_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    -o "-p $PERIMETER_POSTGRES_PORT -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" >/dev/null \
    || { tail -n 30 "$log" >&2; die "PostgreSQL did not start"; }
  # Idempotent: the project's role and database.
  postgres_as_owner psql -h "$dir" -p "$PERIMETER_POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL >/dev/null
SELECT format('CREATE ROLE %I LOGIN CREATEROLE CREATEDB', '$PERIMETER_POSTGRES_USER')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PERIMETER_POSTGRES_USER') \gexec
ALTER ROLE "$PERIMETER_POSTGRES_USER" CREATEROLE CREATEDB PASSWORD '$PERIMETER_POSTGRES_PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I', '$PERIMETER_POSTGRES_DATABASE', '$PERIMETER_POSTGRES_USER')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PERIMETER_POSTGRES_DATABASE') \gexec
SQL
  wait_until "PostgreSQL" 30 "$log" postgres_query "SELECT 1"
  echo "    postgresql://127.0.0.1:$PERIMETER_POSTGRES_PORT/$PERIMETER_POSTGRES_DATABASE (user $PERIMETER_POSTGRES_USER)"
}

postgres_stop() {
  local data; data="$(postgres_dir)/data"
  if [[ -s "$data/postmaster.pid" ]]; then
    postgres_as_owner "$(postgres_bin)/pg_ctl" -D "$data" -m fast -w stop >/dev/null && echo "    postgres stopped"
  else
    echo "    postgres is not running"
  fi
}

postgres_status() {
  postgres_query "SELECT 1" >/dev/null 2>&1
}
