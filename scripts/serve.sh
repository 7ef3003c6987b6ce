#!/usr/bin/env bash
# Serves the dashboard with N Streamlit worker processes behind HAProxy (issue 14), one per core.
#
#   bash scripts/serve.sh --workers N [--port 8501] [--address 0.0.0.0] [--db PATH] [--run-dir DIR] [--no-setup]
#
# Workers listen on 127.0.0.1 only; HAProxy listens on ADDRESS:PORT, keeps each browser on one worker
# (cookie DASHBOARD_WORKER), health-checks /_stcore/health and moves visitors of a dead worker to a
# live one; this script restarts a worker that died. DuckDB allows one writer process or many
# readers: every worker reads the newest immutable snapshot of the database (RUN_DIR/snapshots) and
# a write (upload, rollback, target, account) takes a file lock, writes the database file itself
# and publishes a new snapshot (store/snapshot.py). Command-line writes while this runs must use
# the same setting: DASHBOARD_DB=… DASHBOARD_SNAPSHOT_DIR=RUN_DIR/db .venv/bin/python cli.py import …
# Without --db it serves the demo (data/demo.duckdb), as scripts/start.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

workers=2 port="${PORT:-8501}" address=0.0.0.0 run_dir="" setup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    --db) export DASHBOARD_DB="$2"; shift 2 ;;
    --run-dir) run_dir="$2"; shift 2 ;;
    --no-setup) setup=0; shift ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$workers" -ge 1 ] 2>/dev/null || { echo "serve.sh: --workers must be a number ≥ 1" >&2; exit 2; }
[ "$setup" -eq 0 ] || bash scripts/setup.sh
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$HAPROXY" ] || { echo "serve.sh: haproxy is not installed (bash scripts/setup.sh installs it)" >&2; exit 1; }

run_dir=${run_dir:-${XDG_RUNTIME_DIR:-/tmp}/dashboard-serve-$port}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
if [ -z "${DASHBOARD_DB:-}" ]; then
  export DASHBOARD_DB=data/demo.duckdb
  .venv/bin/python cli.py --db data/demo.duckdb demo --if-missing
else
  .venv/bin/python cli.py init
fi
export DASHBOARD_DB=$(cd "$(dirname "$DASHBOARD_DB")" && pwd)/$(basename "$DASHBOARD_DB")
# Snapshots are made afresh from the database file at each start (it may have changed while stopped).
rm -rf "$run_dir/db"
export DASHBOARD_SNAPSHOT_DIR="$run_dir/db"
# One cookie secret for all workers: a visitor moved to another worker keeps a valid XSRF/sign-in cookie.
[ -s "$run_dir/cookie_secret" ] || (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_hex(32))' > "$run_dir/cookie_secret")
export STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$run_dir/cookie_secret")
.venv/bin/python -c 'from store import open_store; open_store().close()'   # migrate + first snapshot, once

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
for i in $(seq 1 "$workers"); do ports+=("$(free_port)"); done

start_worker() {  # $1 = worker number (1-based)
  local i=$1 p=${ports[$(( $1 - 1 ))]}
  # sessions_app.py, as start.sh: dashboard.py plus the routes that keep a local account signed in
  # across a reload (the proxy's cookie keeps the browser on the worker that set it up)
  .venv/bin/python -m streamlit run sessions_app.py --server.port "$p" --server.address 127.0.0.1 \
    --server.headless true --server.fileWatcherType none >> "$run_dir/worker-$i.log" 2>&1 &
  echo $! > "$run_dir/worker-$i.pid"
}

stop_all() {
  trap - EXIT INT TERM
  for f in "$run_dir"/worker-*.pid "$run_dir/haproxy.pid"; do
    if [ -s "$f" ]; then kill "$(cat "$f")" 2>/dev/null || true; fi
  done
  echo "serve.sh: stopped"
  exit 0
}
trap stop_all EXIT INT TERM

servers=""
for i in $(seq 1 "$workers"); do
  start_worker "$i"
  servers+="    server w$i 127.0.0.1:${ports[$(( i - 1 ))]} check cookie w$i"$'\n'
done
sed -e "s|@RUN_DIR@|$run_dir|g" -e "s|@ADDRESS@|$address|g" -e "s|@PORT@|$port|g" deploy/haproxy.cfg.tmpl \
  | awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' > "$run_dir/haproxy.cfg"
"$HAPROXY" -c -q -f "$run_dir/haproxy.cfg"
"$HAPROXY" -f "$run_dir/haproxy.cfg" -db > "$run_dir/haproxy.log" 2>&1 &
echo $! > "$run_dir/haproxy.pid"
echo "serve.sh: $workers workers behind http://$address:$port (logs and snapshots in $run_dir)"

# Supervise: restart a worker that died; stop when HAProxy stops.
while kill -0 "$(cat "$run_dir/haproxy.pid")" 2>/dev/null; do
  for i in $(seq 1 "$workers"); do
    kill -0 "$(cat "$run_dir/worker-$i.pid")" 2>/dev/null || { echo "serve.sh: worker $i died, restarting"; start_worker "$i"; }
  done
  sleep 1 & wait $!   # a signal interrupts the wait at once, so the trap stops everything promptly
done
