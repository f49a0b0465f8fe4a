"""Benchmark: `politzek demo --people N` insert rate and `stats` latency on one database,
each as a ratio against a baseline measured in the same run on the same database:

- insert baseline: the database driver's own executemany of plain 8-column rows (the cost of
  getting rows into this database with no ORM, no history, no generation);
- stats baseline: one full read of every event row with the driver (the least any derivation
  from events must do).

Usage: python bench/demo_and_stats.py --people 100000 --db URL [--out result.json]
The database must be empty; run bench/run.sh to do SQLite and PostgreSQL side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = args.db
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from politzek.demo.generator import create_demo
    from politzek.registry.queries import registry_stats

    call_command("migrate", interactive=False, verbosity=0)
    summary = create_demo(people=args.people, seed=1)
    assert summary is not None
    demo_rate = summary["rows"] / summary["seconds"]

    baseline_rows = min(summary["rows"], 500_000)
    baseline_seconds = _raw_insert(connection, baseline_rows)
    baseline_rate = baseline_rows / baseline_seconds

    stats_times = []
    for _ in range(3):
        started = time.perf_counter()
        figures = registry_stats()
        stats_times.append(time.perf_counter() - started)
    scan_times = [_raw_scan(connection) for _ in range(3)]
    started = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "politzek", "stats", "--json"], capture_output=True, text=True,
                         env={**os.environ})
    cli_seconds = time.perf_counter() - started
    assert cli.returncode == 0, cli.stderr

    result = {
        "database": connection.vendor,
        "people": summary["people"],
        "events": summary["events"],
        "rows": summary["rows"],
        "demo_seconds": round(summary["seconds"], 1),
        "demo_rows_per_second": round(demo_rate),
        "baseline_raw_insert_rows_per_second": round(baseline_rate),
        "demo_rate_vs_raw_insert": round(demo_rate / baseline_rate, 3),
        "stats_seconds_median": round(statistics.median(stats_times), 2),
        "baseline_raw_event_scan_seconds_median": round(statistics.median(scan_times), 2),
        "stats_vs_raw_scan": round(statistics.median(stats_times) / statistics.median(scan_times), 1),
        "stats_command_seconds": round(cli_seconds, 2),
        "figures": {k: figures[k] for k in ("people", "in_custody", "political_prisoners")},
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(text + "\n")


def _raw_insert(connection, rows: int) -> float:
    """Seconds for the driver to insert `rows` plain rows in one transaction, then drop them."""
    cursor = connection.connection.cursor() if connection.connection else None
    if cursor is None:
        connection.ensure_connection()
        cursor = connection.connection.cursor()
    cursor.execute("CREATE TABLE bench_raw (a integer, b varchar(32), c varchar(10), d date, "
                   "e integer, f varchar(200), g integer, h boolean)")
    placeholder = "?" if connection.vendor == "sqlite" else "%s"
    statement = f"INSERT INTO bench_raw VALUES ({', '.join([placeholder] * 8)})"
    data = [(i, "detained", "2021-05-03", "2021-05-03", i % 977, "", None, True) for i in range(rows)]
    started = time.perf_counter()
    for offset in range(0, rows, 2000):
        cursor.executemany(statement, data[offset: offset + 2000])
    connection.connection.commit()
    seconds = time.perf_counter() - started
    cursor.execute("DROP TABLE bench_raw")
    connection.connection.commit()
    return seconds


def _raw_scan(connection) -> float:
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    started = time.perf_counter()
    cursor.execute("SELECT person_id, id, kind, date, case_id, organization_id, sentence_id "
                   "FROM registry_event ORDER BY person_id")
    while cursor.fetchmany(20000):
        pass
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
