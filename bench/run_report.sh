#!/usr/bin/env bash
# Weekly-report benchmark (issue 4) on SQLite and on a throwaway PostgreSQL cluster, side by
# side in one session, each against its own SQL floor. Usage: bench/run_report.sh [PEOPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-1000000}"
mkdir -p bench/out
rm -f bench/out/report.db*
.venv/bin/python bench/weekly_report.py --people "$people" --db "sqlite:///$PWD/bench/out/report.db" \
  --out bench/out/report-sqlite.json
rm -f bench/out/report.db*
scripts/with-postgres sh -c ".venv/bin/python bench/weekly_report.py --people $people \
  --db \"\$POLITZEK_DATABASE_URL\" --out bench/out/report-postgresql.json"
