# A real EventStoreDB for the EventStoreDB suites, when one is installed on the machine:
# $EVENTSTOREDB_HOME/eventstored, or /opt/eventstoredb/eventstored. Single node, insecure,
# in memory, bound to 127.0.0.1, gRPC and HTTP on 2113.
find_eventstoredb() {
  local home
  for home in "${EVENTSTOREDB_HOME:-}" /opt/eventstoredb; do
    if [ -n "$home" ] && [ -x "$home/eventstored" ]; then
      echo "$home/eventstored"
      return 0
    fi
  done
  return 1
}

start_eventstoredb() {
  local bin=$1
  ESDB_LOG_DIR=$(mktemp -d)
  "$bin" --mem-db --insecure --node-ip 127.0.0.1 --node-port 2113 \
    --replication-ip 127.0.0.1 --run-projections=None --enable-atom-pub-over-http=false \
    --max-append-size 4194304 --log "$ESDB_LOG_DIR" >"$ESDB_LOG_DIR/stdout.log" 2>&1 &
  ESDB_PID=$!
  local i
  for i in $(seq 1 120); do
    if curl -fs -o /dev/null http://127.0.0.1:2113/health/live; then
      export ESDB_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false'
      return 0
    fi
    if ! kill -0 "$ESDB_PID" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "EventStoreDB did not become live; its output:" >&2
  tail -n 50 "$ESDB_LOG_DIR/stdout.log" >&2
  return 1
}

stop_eventstoredb() {
  if [ -n "${ESDB_PID:-}" ]; then kill "$ESDB_PID" 2>/dev/null || true; wait "$ESDB_PID" 2>/dev/null || true; fi
  # Servers the tests started for themselves (their logs go to concord-esdb-* temp dirs), should
  # a test worker have been killed before it could stop them.
  pkill -KILL -f -- '--log=.*/concord-esdb-' 2>/dev/null || true
}
