#!/usr/bin/env bash
# Sets up (if needed) and starts the dashboard on http://localhost:8501.
# A fresh checkout gets a demo database (data/dashboard.duckdb), labelled as demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python cli.py init
exec .venv/bin/python -m streamlit run dashboard.py --server.port "${PORT:-8501}" "$@"
