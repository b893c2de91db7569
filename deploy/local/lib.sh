# Shared settings and helpers of the local stack scripts (sourced, not run).
# Everything lives under $INTAKE_LOCAL (default: <repo>/.local); ports can be overridden from the environment.
set -euo pipefail

INTAKE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INTAKE_LOCAL="${INTAKE_LOCAL:-$INTAKE_ROOT/.local}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${INTAKE_PG_PORT:-55432}"
AMQP_PORT="${INTAKE_AMQP_PORT:-55672}"
RABBIT_MGMT_PORT="${INTAKE_RABBIT_MGMT_PORT:-55673}"
RABBIT_DIST_PORT="${INTAKE_RABBIT_DIST_PORT:-55674}"
EPMD_PORT="${INTAKE_EPMD_PORT:-55675}"
GATEWAY_PORT="${INTAKE_GATEWAY_PORT:-8080}"
UPLOAD_PORT="${INTAKE_UPLOAD_PORT:-8081}"
REPORT_PORT="${INTAKE_REPORT_PORT:-8082}"
WORKER_PORT="${INTAKE_WORKER_PORT:-8083}"
RABBIT_BIN=/usr/lib/rabbitmq/bin
BUILD_CONFIG="${INTAKE_BUILD_CONFIG:-debug}"

log() { printf '[intake] %s\n' "$*" >&2; }
die() { printf '[intake] error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages the stack needs, once.
ensure_packages() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  [ -x "$RABBIT_BIN/rabbitmq-server" ] || missing+=(rabbitmq-server)
  [ -f /usr/include/amqp.h ] || missing+=(librabbitmq-dev)
  command -v curl >/dev/null || missing+=(curl)
  command -v psql >/dev/null || missing+=(postgresql-client-15)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
  # The Debian package starts a system-wide broker on the default ports; ours is private, so stop that one.
  if command -v service >/dev/null && pgrep -f "rabbit.*-sname rabbit@" >/dev/null 2>&1; then
    service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
}

# Runs a command detached in its own session, with no descriptor of ours beyond stdout/stderr to its log,
# so a caller waiting for our exit (or on a pipe we hold) is never held by the daemon.
daemonize() {
  local log_file="$1"; shift
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
    done
    cd "$(dirname "$log_file")"
    exec setsid nohup "$@" < /dev/null > "$log_file" 2>&1
  ) &
}

pg_running() { "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; }

# Starts a private Postgres 15 on 127.0.0.1:$PG_PORT (trust auth, data under .local/postgres).
start_postgres() {
  if pg_running; then log "postgres already running on $PG_PORT"; return; fi
  local data="$INTAKE_LOCAL/postgres"
  mkdir -p "$INTAKE_LOCAL"
  chmod 755 "$INTAKE_LOCAL"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    chown postgres:postgres "$data"
    su postgres -c "$PG_BIN/initdb -D '$data' -U postgres --auth=trust -E UTF8 --no-sync" >/dev/null
  fi
  su postgres -c "$PG_BIN/pg_ctl -D '$data' -o \"-p $PG_PORT -k '$data' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off\" -l '$data/server.log' -w start" >/dev/null
  log "postgres up on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local data="$INTAKE_LOCAL/postgres"
  if [ -f "$data/postmaster.pid" ]; then
    su postgres -c "$PG_BIN/pg_ctl -D '$data' -m fast -w stop" >/dev/null 2>&1 || true
    log "postgres stopped"
  fi
}

rabbit_env() {
  export HOME="$INTAKE_LOCAL/rabbitmq/home"
  export RABBITMQ_NODENAME="${INTAKE_RABBIT_NODENAME:-intake@localhost}"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$INTAKE_LOCAL/rabbitmq/mnesia"
  export RABBITMQ_LOG_BASE="$INTAKE_LOCAL/rabbitmq/log"
  export RABBITMQ_PID_FILE="$INTAKE_LOCAL/rabbitmq/rabbitmq.pid"
  export RABBITMQ_CONFIG_FILE="$INTAKE_LOCAL/rabbitmq/rabbitmq"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$INTAKE_LOCAL/rabbitmq/enabled_plugins"
  export ERL_EPMD_PORT="$EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  # +sbwt none…: Erlang schedulers sleep instead of busy-waiting when idle. By default an idle broker spins
  # at ~45 % of a core, which on a 2-core machine is CPU taken from the worker and Postgres.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
  export ERL_CRASH_DUMP="$INTAKE_LOCAL/rabbitmq/erl_crash.dump"
}

rabbit_running() { (rabbit_env; "$RABBIT_BIN/rabbitmqctl" -q status >/dev/null 2>&1); }
# A broker answering on these ports that rabbitmqctl cannot reach: one started from another checkout (its
# HOME, so its Erlang cookie, differs). Usable as it is; starting a second node would fail on the ports.
rabbit_answering() { curl -fsS -m 5 -u guest:guest "http://127.0.0.1:$RABBIT_MGMT_PORT/api/overview" >/dev/null 2>&1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts a private RabbitMQ with the management plugin on loopback ($AMQP_PORT, management $RABBIT_MGMT_PORT).
start_rabbitmq() {
  if rabbit_running; then log "rabbitmq already running on $AMQP_PORT"; return; fi
  if rabbit_answering; then log "rabbitmq started from another checkout already answers on $AMQP_PORT; using it"; return; fi
  for port in "$AMQP_PORT" "$RABBIT_MGMT_PORT" "$RABBIT_DIST_PORT"; do
    port_taken "$port" && die "port $port is taken by another process; set INTAKE_AMQP_PORT, INTAKE_RABBIT_MGMT_PORT and INTAKE_RABBIT_DIST_PORT to free ones"
  done
  mkdir -p "$INTAKE_LOCAL/rabbitmq/home" "$INTAKE_LOCAL/rabbitmq/mnesia" "$INTAKE_LOCAL/rabbitmq/log"
  cat > "$INTAKE_LOCAL/rabbitmq/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
loopback_users.guest = true
CONF
  echo '[rabbitmq_management].' > "$INTAKE_LOCAL/rabbitmq/enabled_plugins"
  (
    rabbit_env
    daemonize "$INTAKE_LOCAL/rabbitmq/server.out" "$RABBIT_BIN/rabbitmq-server"
    for _ in $(seq 1 120); do
      if port_taken "$AMQP_PORT"; then break; fi
      sleep 0.5
    done
    "$RABBIT_BIN/rabbitmqctl" -q await_startup --timeout 60 >/dev/null
  ) || die "rabbitmq did not start; see $INTAKE_LOCAL/rabbitmq/server.out"
  log "rabbitmq up on 127.0.0.1:$AMQP_PORT (management $RABBIT_MGMT_PORT)"
}

stop_rabbitmq() {
  if rabbit_running; then
    (rabbit_env; "$RABBIT_BIN/rabbitmqctl" -q stop >/dev/null 2>&1 || true)
    log "rabbitmq stopped"
  fi
  # The node started its own epmd on $EPMD_PORT; end exactly that one (no node is registered any more).
  if command -v epmd >/dev/null; then
    ERL_EPMD_PORT="$EPMD_PORT" epmd -kill >/dev/null 2>&1 || true
  fi
}

database_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/${1:-intake}?sslmode=disable"; }
# Deletes the vhosts test suites made (named intake-*), with their queues: each quorum queue keeps a Raft
# member ticking, and hundreds left from earlier runs keep an idle broker busy.
delete_test_vhosts() {
  local base="http://127.0.0.1:$RABBIT_MGMT_PORT/api/vhosts"
  curl -fsS -u guest:guest "$base" 2>/dev/null \
    | python3 -c 'import json, sys, urllib.parse; [print(urllib.parse.quote(v["name"], safe="")) for v in json.load(sys.stdin) if v["name"].startswith("intake-")]' \
    | while read -r vhost; do curl -fsS -u guest:guest -X DELETE "$base/$vhost" >/dev/null 2>&1 || true; done || true
}

# Drops the databases test suites made (named intake_*; the stack's own is `intake`). Hundreds of idle
# databases keep autovacuum starting a worker every few hundred milliseconds.
drop_test_databases() {
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atq \
    -c "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE);', datname) FROM pg_database WHERE datname LIKE 'intake\\_%'" 2>/dev/null \
    | "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q >/dev/null 2>&1 || true
}

amqp_url() { echo "amqp://guest:guest@127.0.0.1:$AMQP_PORT/${1:-}"; }

ensure_database() {
  local name="$1"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
}

build_services() {
  log "building ($BUILD_CONFIG)"
  (cd "$INTAKE_ROOT" && swift build -c "$BUILD_CONFIG" >&2)
}

bin_dir() { (cd "$INTAKE_ROOT" && swift build -c "$BUILD_CONFIG" --show-bin-path); }
