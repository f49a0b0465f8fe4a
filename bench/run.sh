#!/usr/bin/env bash
# Run the demo/stats benchmark on SQLite and on a throwaway PostgreSQL cluster, one after the
# other in the same session, and print both results. Usage: bench/run.sh [PEOPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-100000}"
mkdir -p bench/out
rm -f bench/out/bench.db*
.venv/bin/python bench/demo_and_stats.py --people "$people" --db "sqlite:///$PWD/bench/out/bench.db" \
  --out bench/out/sqlite.json
scripts/with-postgres sh -c ".venv/bin/python bench/demo_and_stats.py --people $people \
  --db \"\$POLITZEK_DATABASE_URL\" --out bench/out/postgresql.json"
