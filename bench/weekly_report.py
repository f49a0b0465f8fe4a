"""Benchmark: a weekly report over six years for one country (issue 4), beside its floor.

- report: `flows.figures.compute` for Belarus, 2020-01-01 to 2025-12-31, weekly (313 weeks,
  both stocks, every flow, the revolving door and the breakdowns), three times, median; and
  the `politzek report` command end to end once (process start-up included);
- floor: one hand-written SQL aggregate over the events table that counts the same weekly
  inflow of detentions for the same country and years, three times, median;
- also measured, not part of the goal: building the demo and the first full refresh of the
  facts table (what the first report after a large import pays once).

Usage: python bench/weekly_report.py --people 1000000 --db URL [--out result.json]
(bench/run_report.sh runs SQLite and PostgreSQL side by side). The database must be empty,
unless --reuse: then it must hold a refreshed registry from an earlier run (the demo is not
built again), so the report can be re-measured on a quiet machine without an hour's build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time

FIRST, LAST = dt.date(2020, 1, 1), dt.date(2025, 12, 31)


def _floor(connection) -> float:  # noqa: ANN001
    week = ("strftime('%Y-%W', e.date_earliest)" if connection.vendor == "sqlite"
            else "date_trunc('week', e.date_earliest)")
    sql = (f"SELECT {week} AS week, count(*) FROM registry_event e JOIN registry_person p ON p.id = e.person_id "
           "WHERE p.country = %s AND e.kind = 'detained' AND e.date_earliest BETWEEN %s AND %s GROUP BY week")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, ["BY", FIRST, LAST])
        weeks = cursor.fetchall()
    assert len(weeks) > 250, len(weeks)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out")
    parser.add_argument("--reuse", action="store_true", help="measure an already built and refreshed registry")
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = args.db
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from politzek.demo.generator import create_demo
    from politzek.flows.figures import Scope, compute
    from politzek.flows.models import Fact
    from politzek.flows.refresh import refresh
    from politzek.registry.models import Event, Person

    call_command("migrate", interactive=False, verbosity=0)
    if args.reuse:
        people = Person.objects.count()
        assert people == args.people, f"--reuse: the database holds {people} people, not {args.people}"
        summary = {"events": Event.objects.count(), "seconds": None}
    else:
        summary = create_demo(people=args.people, seed=1)
        assert summary is not None
    started = time.perf_counter()
    refreshed = refresh()
    refresh_seconds = time.perf_counter() - started

    report_times = []
    for _ in range(3):
        started = time.perf_counter()
        figures = compute(Scope(country="BY"), FIRST, LAST, "week")
        report_times.append(time.perf_counter() - started)
    floor_times = [_floor(connection) for _ in range(3)]
    started = time.perf_counter()
    cli = subprocess.run([sys.executable, "-m", "politzek", "report", "--country", "BY", "--from", str(FIRST),
                          "--to", str(LAST), "--period", "week", "--format", "json"],
                         capture_output=True, text=True, env={**os.environ})
    cli_seconds = time.perf_counter() - started
    assert cli.returncode == 0, cli.stderr
    report, floor = statistics.median(report_times), statistics.median(floor_times)
    result = {
        "database": connection.vendor,
        "people": args.people,
        "reused": args.reuse,  # True: the demo and its first refresh were an earlier run's
        "events": summary["events"],
        "facts": Fact.objects.count(),
        "weeks": len(figures.political),
        "demo_seconds": round(summary["seconds"], 1) if summary["seconds"] is not None else None,
        "first_refresh_seconds": round(refresh_seconds, 1),
        "first_refresh_people": refreshed.people,
        "report_seconds_median": round(report, 3),
        "floor_seconds_median": round(floor, 3),
        "report_vs_floor": round(report / floor, 2),
        "report_command_seconds": round(cli_seconds, 2),
        "political_prisoners_at_end": figures.political[-1].stock_end,
        "in_custody_at_end": figures.custody[-1].stock_end,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
