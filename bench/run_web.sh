#!/usr/bin/env bash
# Web benchmark (issue 5): politzek's public pages and API under wrk, beside Datasette serving
# politzek's own SQLite export, on SQLite and then a throwaway PostgreSQL cluster.
# Needs wrk (apt-get install wrk). Datasette goes into its own venv (bench/out/datasette),
# never into politzek's dependencies. Usage: bench/run_web.sh [PEOPLE [sqlite|postgresql|both]]
# The SQLite registry and its export are kept in bench/out and reused; delete them to rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
people="${1:-100000}"
which="${2:-both}"
command -v wrk >/dev/null || { echo "run_web: wrk not found; apt-get install wrk" >&2; exit 1; }
mkdir -p bench/out
if [ ! -x bench/out/datasette/bin/datasette ]; then
  python3 -m venv bench/out/datasette
  bench/out/datasette/bin/pip install -q "datasette>=0.65,<2"
fi
export POLITZEK_HOME="$PWD/bench/out/home"
sqlite_url="sqlite:///$PWD/bench/out/web.db"
if [ ! -f bench/out/web.db ] || [ ! -f bench/out/registry.db ]; then
  rm -f bench/out/web.db* bench/out/registry.db*
  .venv/bin/politzek --db "$sqlite_url" init
  .venv/bin/politzek --db "$sqlite_url" demo --people "$people"
  .venv/bin/politzek --db "$sqlite_url" export sqlite bench/out/registry.db
fi
.venv/bin/politzek --db "$sqlite_url" init  # a registry made before the latest migrations
if [ "$which" != postgresql ]; then
  .venv/bin/python bench/web_load.py --db "$sqlite_url" --export bench/out/registry.db \
    --datasette bench/out/datasette/bin/datasette --out bench/out/web-sqlite.json
fi
[ "$which" = sqlite ] && exit 0
scripts/with-postgres sh -c ".venv/bin/politzek init && .venv/bin/politzek demo --people $people && \
  .venv/bin/python bench/web_load.py --db \"\$POLITZEK_DATABASE_URL\" --export bench/out/registry.db \
  --datasette bench/out/datasette/bin/datasette --out bench/out/web-postgresql.json"
