# Keycloak from the org.keycloak:keycloak-quarkus-dist zip on Maven Central (unpacked once into
# .run/keycloak/dist by services/keycloak/pom.xml), in development mode (H2 database under dist/data/h2),
# with the project's test realm services/keycloak/perimeter-realm.json imported at start.
#
# The realm file holds no secrets: Keycloak's import replaces the ${PERIMETER_...} placeholders with the
# environment, which comes from .run/secrets.env. Keycloak imports a realm only when it does not exist yet, so
# when the realm file or those secrets change, the development database is dropped and everything is imported
# afresh (it holds nothing but this test data).
# shellcheck shell=bash

keycloak_dir()  { echo "$PERIMETER_RUN/keycloak"; }
keycloak_dist() { echo "$PERIMETER_RUN/keycloak/dist"; }
keycloak_url()  { echo "http://127.0.0.1:$PERIMETER_KEYCLOAK_PORT"; }

keycloak_version() {
  sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$PERIMETER_ROOT/services/keycloak/pom.xml" | head -n1
}

# Unpacks the distribution once (again only when services/keycloak/pom.xml names another version).
keycloak_install() {
  local dir dist version tmp
  dir="$(keycloak_dir)"; dist="$(keycloak_dist)"; version="$(keycloak_version)"
  if [[ -x "$dist/bin/kc.sh" && "$(cat "$dist/version.txt" 2>/dev/null)" == *"$version"* ]]; then return 0; fi
  say "unpacking Keycloak $version from Maven Central (first run only)"
  tmp="$dir/unpack.tmp"; rm -rf "$tmp"
  "$PERIMETER_ROOT/scripts/mvn" -B -q -f "$PERIMETER_ROOT/services/keycloak/pom.xml" dependency:unpack \
    -Dkeycloak.dist.dir="$tmp" || { warn "could not fetch the Keycloak distribution; see Maven's output above"; return 1; }
  [[ -x "$tmp/keycloak-$version/bin/kc.sh" ]] || { warn "unexpected layout of the Keycloak zip in $tmp"; return 1; }
  rm -rf "$dist"
  mv "$tmp/keycloak-$version" "$dist"
  rm -rf "$tmp"
}

# What the imported realm depends on: the realm file and the secrets substituted into it.
keycloak_realm_fingerprint() {
  {
    cat "$PERIMETER_ROOT/services/keycloak/perimeter-realm.json"
    printf '%s\n' "$PERIMETER_KEYCLOAK_ADMIN_USER" "$PERIMETER_KEYCLOAK_ADMIN_PASSWORD" "$PERIMETER_TEST_USER_PASSWORD" \
      "$PERIMETER_API_CLIENT_SECRET" "$PERIMETER_CONSOLE_CLIENT_SECRET"
  } | sha256sum | cut -d' ' -f1
}

keycloak_discovery_ok() {
  curl -fsS --max-time 5 "$(keycloak_url)/realms/perimeter/.well-known/openid-configuration" 2>/dev/null \
    | grep -q '"issuer":"'"$(keycloak_url)"'/realms/perimeter"'
}

# keycloak_token REALM FORM...: prints the access token of a token request, or fails.
keycloak_token() {
  local realm="$1"; shift
  local args=() kv
  for kv in "$@"; do args+=(--data-urlencode "$kv"); done
  curl -fsS --max-time 10 "$(keycloak_url)/realms/$realm/protocol/openid-connect/token" "${args[@]}" 2>/dev/null \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' | grep .
}

# The pid in the pid file, when that process is still our bin/kc.sh or its JVM (a pid can be reused).
keycloak_pid() {
  owned_pid "$(keycloak_dir)/keycloak.pid" 'kc\.sh|keycloak'
}

keycloak_start() {
  local dir dist log pidfile port fingerprint
  dir="$(keycloak_dir)"; dist="$(keycloak_dist)"; log="$dir/keycloak.log"; pidfile="$dir/keycloak.pid"
  for port in "$PERIMETER_KEYCLOAK_PORT" "$PERIMETER_KEYCLOAK_MANAGEMENT_PORT"; do
    port_open "$port" && { warn "port $port is taken by another process (not a Keycloak we started)"; return 1; }
  done
  if keycloak_pid >/dev/null; then
    warn "a Keycloak process ($(keycloak_pid)) runs but does not answer; stopping it first"
    keycloak_stop
  fi
  rm -f "$pidfile"
  keycloak_install || return 1

  fingerprint="$(keycloak_realm_fingerprint)"
  if [[ -d "$dist/data/h2" && "$(cat "$dir/realm.fingerprint" 2>/dev/null)" != "$fingerprint" ]]; then
    echo "    the realm file or the secrets changed: dropping Keycloak's development database to import afresh"
    rm -rf "$dist/data/h2"
  fi
  rm -f "$dir/realm.fingerprint"
  mkdir -p "$dist/data/import"
  rm -f "$dist/data/import/"*.json
  cp "$PERIMETER_ROOT/services/keycloak/perimeter-realm.json" "$dist/data/import/perimeter-realm.json"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"

  (
    cd "$dir" || exit 1
    export KC_BOOTSTRAP_ADMIN_USERNAME="$PERIMETER_KEYCLOAK_ADMIN_USER"
    export KC_BOOTSTRAP_ADMIN_PASSWORD="$PERIMETER_KEYCLOAK_ADMIN_PASSWORD"
    # Substituted into the realm file by the import.
    export PERIMETER_TEST_USER_PASSWORD PERIMETER_API_CLIENT_SECRET PERIMETER_CONSOLE_CLIENT_SECRET
    export JAVA_HOME JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m"
    export JAVA_OPTS_APPEND="--sun-misc-unsafe-memory-access=allow"
    setsid nohup "$dist/bin/kc.sh" start-dev \
      --http-host 127.0.0.1 --http-port "$PERIMETER_KEYCLOAK_PORT" \
      --http-management-port "$PERIMETER_KEYCLOAK_MANAGEMENT_PORT" \
      --health-enabled true --metrics-enabled true \
      --import-realm </dev/null >"$log" 2>&1 &
    echo $! > "$pidfile"
  )
  wait_started Keycloak 180 "$log" "$pidfile" keycloak_discovery_ok || return 1

  # The bootstrap administrator, and a client secret taken from the environment by the realm import.
  keycloak_token master grant_type=password client_id=admin-cli \
      "username=$PERIMETER_KEYCLOAK_ADMIN_USER" "password=$PERIMETER_KEYCLOAK_ADMIN_PASSWORD" >/dev/null \
    || { warn "Keycloak answers, but the bootstrap admin '$PERIMETER_KEYCLOAK_ADMIN_USER' gets no token from the master realm (see $log)"; return 1; }
  keycloak_token perimeter grant_type=client_credentials client_id=perimeter-api \
      "client_secret=$PERIMETER_API_CLIENT_SECRET" >/dev/null \
    || { warn "the perimeter realm is there, but perimeter-api's secret from .run/secrets.env is refused (see $log)"; return 1; }
  echo "$fingerprint" > "$dir/realm.fingerprint"
  echo "    $(keycloak_url)/realms/perimeter  admin console $(keycloak_url)/admin (user $PERIMETER_KEYCLOAK_ADMIN_USER)"
}

# TERM, then KILL after 30 s. The pid file names bin/kc.sh, started with setsid, which runs the Keycloak JVM as
# its child: the whole process group is signalled, so no JVM is left behind.
keycloak_stop() {
  stop_group keycloak "$(keycloak_dir)/keycloak.pid" 'kc\.sh|keycloak'
}

keycloak_status() {
  keycloak_discovery_ok
}
