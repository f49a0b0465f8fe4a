#!/usr/bin/env bash
# Import-rate benchmark on SQLite and on a throwaway PostgreSQL cluster, side by side in one
# session, each against its own floor. Usage: bench/run_import.sh [ROWS]  (needs the sqlite3 shell)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
mkdir -p bench/out
rm -f bench/out/import.db*
.venv/bin/python bench/import_rate.py --rows "$rows" --db "sqlite:///$PWD/bench/out/import.db" \
  --out bench/out/import-sqlite.json
scripts/with-postgres sh -c ".venv/bin/python bench/import_rate.py --rows $rows \
  --db \"\$POLITZEK_DATABASE_URL\" --out bench/out/import-postgresql.json"
