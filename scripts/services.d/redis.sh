# Redis from Debian's packages.
# shellcheck shell=bash

redis_start() {
  local dir="$PERIMETER_RUN/redis"
  command -v redis-server >/dev/null || die "redis-server not found; run scripts/setup"
  redis-server --bind 127.0.0.1 --port "$PERIMETER_REDIS_PORT" --protected-mode yes \
    --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --save "" --appendonly no >/dev/null
  wait_until "Redis" 30 "$dir/redis.log" redis_status
  echo "    redis://127.0.0.1:$PERIMETER_REDIS_PORT"
}

redis_stop() {
  stop_group redis "$PERIMETER_RUN/redis/redis.pid" redis-server
}

redis_status() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$PERIMETER_REDIS_PORT" PING 2>/dev/null)" == "PONG" ]]
}
