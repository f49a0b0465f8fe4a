"""Benchmark: what a new search costs in one process (issue 23), without a server or wrk.

On a registry that holds the demo data (bench/run_web.sh keeps one in bench/out), picks
random surnames from its SQLite export, asks the public list for each once through Django's
test client with the whole-page cache off (`/?q=WORD`: the ranking, the count, the facets
and the page), and prints each search's time and queries, then the mean. A surname asked
for the first time is what a news spike brings: nothing about it is kept yet.

Usage: POLITZEK_DATABASE_URL=... python bench/new_searches.py --export bench/out/registry.db [--seed 1] [--count 30]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
import urllib.parse
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", required=True, type=Path, help="politzek's SQLite export of the registry")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "politzek.settings")
    os.environ["POLITZEK_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with sqlite3.connect(args.export) as export:
        names = [row[0] for row in export.execute("SELECT name FROM people WHERE name != ''")]
    rng = random.Random(args.seed)
    surnames = sorted({name.split()[-1] for name in rng.sample(names, min(5000, len(names)))})
    words = rng.sample(surnames, min(args.count, len(surnames)))
    client = Client(HTTP_HOST="localhost")
    client.get("/")  # the list's own count and facets, and the imports, before the first search
    total = 0.0
    for word in words:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/?q=" + urllib.parse.quote(word))
            took = time.perf_counter() - started
        total += took
        print(f"{word:24} {response.status_code} {len(queries):3} queries {took * 1000:6.0f} ms")
    print(f"mean {total / len(words) * 1000:.0f} ms a new search ({len(words)} surnames, seed {args.seed})")


if __name__ == "__main__":
    main()
