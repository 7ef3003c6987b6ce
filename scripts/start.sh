#!/usr/bin/env bash
# Sets up (if needed) and starts the dashboard on http://localhost:8501.
#
#   bash scripts/start.sh [--db PATH] [streamlit options…]
#
# With no database configured (neither $DASHBOARD_DB nor --db) it serves demo data from its
# own file, data/demo.duckdb, built once by `cli.py demo` and labelled as demo on every page.
# With a database configured it only creates/migrates it: the app never writes demo rows into
# a database by itself, so a real database stays empty until figures are imported.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) export DASHBOARD_DB="$2"; shift 2 ;;
    --db=*) export DASHBOARD_DB="${1#--db=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

if [ -z "${DASHBOARD_DB:-}" ]; then
  export DASHBOARD_DB=data/demo.duckdb
  # Builds the demo only if that file has none yet (a restart keeps the same demo).
  .venv/bin/python cli.py --db data/demo.duckdb demo --if-missing
else
  .venv/bin/python cli.py init
fi
# sessions_app.py serves dashboard.py plus the routes that keep a signed-in session across a reload
exec .venv/bin/python -m streamlit run sessions_app.py --server.port "${PORT:-8501}" ${args[@]+"${args[@]}"}
