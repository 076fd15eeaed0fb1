# Apache Pulsar standalone (broker + one bookie, RocksDB metadata) from the org.apache.pulsar:pulsar-broker
# artifact on Maven Central: services/pulsar/pom.xml gives the classpath, services/pulsar/standalone.conf the
# configuration template. Data, rendered config, classpath, log and pid live in .run/pulsar.
# shellcheck shell=bash

pulsar_dir() { echo "$PERIMETER_RUN/pulsar"; }

pulsar_admin_url()   { echo "http://127.0.0.1:$PERIMETER_PULSAR_WEB_PORT"; }
pulsar_service_url() { echo "pulsar://127.0.0.1:$PERIMETER_PULSAR_BROKER_PORT"; }

# Answers only when the broker serves admin requests and the standalone created public/default.
pulsar_ready() {
  curl -fsS --max-time 5 "$(pulsar_admin_url)/admin/v2/namespaces/public" 2>/dev/null | grep -q '"public/default"' \
    && port_open "$PERIMETER_PULSAR_BROKER_PORT"
}

# The pid in the pid file, when that process is still our Pulsar (a pid can be reused after a reboot).
pulsar_pid() {
  owned_pid "$(pulsar_dir)/pulsar.pid" 'org.apache.pulsar.PulsarStandaloneStarter'
}

pulsar_start() {
  local dir; dir="$(pulsar_dir)"
  local log="$dir/pulsar.log" pidfile="$dir/pulsar.pid" conf="$dir/standalone.conf" cp_file="$dir/classpath.txt"
  local port
  for port in "$PERIMETER_PULSAR_BROKER_PORT" "$PERIMETER_PULSAR_WEB_PORT" "$PERIMETER_PULSAR_BOOKIE_PORT"; do
    port_open "$port" && { warn "port $port is taken by another process (not a Pulsar we started)"; return 1; }
  done
  if pulsar_pid >/dev/null; then
    warn "a Pulsar process ($(pulsar_pid)) runs but does not answer; stopping it first"
    pulsar_stop
  fi
  rm -f "$pidfile"

  resolve_classpath pulsar "$cp_file"
  sed -e "s|@RUN_DIR@|$dir|g" \
      -e "s|@BROKER_PORT@|$PERIMETER_PULSAR_BROKER_PORT|g" \
      -e "s|@WEB_PORT@|$PERIMETER_PULSAR_WEB_PORT|g" \
      -e "s|@BOOKIE_PORT@|$PERIMETER_PULSAR_BOOKIE_PORT|g" \
      "$PERIMETER_ROOT/services/pulsar/standalone.conf" > "$conf"
  mkdir -p "$dir/bookkeeper" "$dir/metadata"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"

  # Pulsar 4.0 on JDK 25: the opens/exports Pulsar's own bin/pulsar passes, plus native access for RocksDB and
  # Netty. The working directory is the run dir, so nothing Pulsar writes relative to it lands in the checkout.
  local -a jvm=(
    -Xms128m -Xmx512m -XX:MaxDirectMemorySize=384m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
    -Dlog4j.configurationFile="$PERIMETER_ROOT/services/pulsar/log4j2.xml"
    -Dlog4j2.formatMsgNoLookups=true
    -Dio.netty.tryReflectionSetAccessible=true
    -Djute.maxbuffer=10485760
    -Dpulsar.allocator.exit_on_oom=true
    --enable-native-access=ALL-UNNAMED
    --sun-misc-unsafe-memory-access=allow
    --add-opens java.base/java.io=ALL-UNNAMED
    --add-opens java.base/java.nio=ALL-UNNAMED
    --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
    --add-opens java.base/java.util.zip=ALL-UNNAMED
    --add-opens java.base/sun.net=ALL-UNNAMED
    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-opens java.base/jdk.internal.platform=ALL-UNNAMED
    --add-opens java.management/sun.management=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  )
  local -a args=(
    --config "$conf"
    --metadata-url "rocksdb://$dir/metadata"
    --zookeeper-port "$PERIMETER_PULSAR_ZOOKEEPER_PORT"
    --zookeeper-dir "$dir/zookeeper-unused"
    --bookkeeper-port "$PERIMETER_PULSAR_BOOKIE_PORT"
    --bookkeeper-dir "$dir/bookkeeper"
    --advertised-address 127.0.0.1
    --no-functions-worker
    --no-stream-storage
  )
  (
    cd "$dir" || exit 1
    PULSAR_STANDALONE_USE_ZOOKEEPER='' \
      setsid nohup "$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$(cat "$cp_file")" \
        org.apache.pulsar.PulsarStandaloneStarter "${args[@]}" </dev/null >"$log" 2>&1 &
    echo $! > "$pidfile"
  )
  wait_started Pulsar 120 "$log" "$pidfile" pulsar_ready || return 1
  echo "    $(pulsar_service_url)  admin $(pulsar_admin_url)"
}

# TERM (the broker closes topics and ledgers), then KILL after 30 s. The process was started with setsid, so
# it leads its own process group: the group is signalled, which leaves no stray child behind.
pulsar_stop() {
  stop_group pulsar "$(pulsar_dir)/pulsar.pid" 'org.apache.pulsar.PulsarStandaloneStarter'
}

pulsar_status() {
  pulsar_ready
}
