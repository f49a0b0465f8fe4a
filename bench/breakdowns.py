"""Benchmark: the political stock broken down by country, region, gender, tag and article
(`flows.figures._breakdowns`, which names a value only when a person the public may see holds
it: issue 33), beside its baseline run in the same process: the SQL aggregates it replaced,
which counted per value in the database and named every value.

Usage: python bench/breakdowns.py --people 100000 --db sqlite:////tmp/breakdowns.db [--reuse]
The database must be empty unless --reuse (then it holds an earlier run's demo registry).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time

NAMES = ["country", "region", "gender", "tag", "article"]


def _baseline(political, day: dt.date) -> dict:  # noqa: ANN001
    """The SQL aggregates _breakdowns ran before issue 33 (every value named)."""
    from django.db.models import Count, Q

    from politzek.flows.facts import CUSTODY
    from politzek.flows.models import Fact
    from politzek.registry import models as m

    people = political.person_ids_at(day)
    facts = Fact.objects.filter(person_id__in=people, kind=CUSTODY, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gt=day))
    result = {}
    for name in ("country", "region", "gender"):
        rows = facts.values_list(name).annotate(n=Count("person_id", distinct=True)).order_by("-n", name)
        result[name] = {value or "unknown": n for value, n in rows}
    result["tag"] = dict(m.Person.tags.through.objects.filter(person_id__in=people).values_list("tag__code")
                         .annotate(n=Count("person_id", distinct=True)).order_by("-n", "tag__code"))
    articles = (m.Charge.objects.filter(person_id__in=people).values_list("code_system", "article")
                .annotate(n=Count("person_id", distinct=True)).order_by("-n", "article"))
    result["article"] = {f"{system} {article}": n for system, article, n in articles[:20]}
    return result


def _timed(function, repeat: int = 5) -> tuple[float, object]:  # noqa: ANN001
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = args.db
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from politzek.demo.generator import create_demo
    from politzek.flows.facts import POLITICAL
    from politzek.flows.figures import NOT_SHOWN, Scope, _breakdowns, _Spells
    from politzek.flows.refresh import refresh

    call_command("migrate", interactive=False, verbosity=0)
    if not args.reuse:
        create_demo(people=args.people, seed=1)
    refresh()
    day = dt.date.today()
    results = {}
    for scope_name, scope in (("all", Scope()), ("BY", Scope(country="BY"))):
        political = _Spells(scope, POLITICAL)
        # Alternated, so both meet the same state of the machine's caches and load.
        baseline_seconds, baseline = _timed(lambda: _baseline(political, day))  # noqa: B023
        new_seconds, new = _timed(lambda: _breakdowns(political, day, NAMES))  # noqa: B023
        baseline_again, _value = _timed(lambda: _baseline(political, day))  # noqa: B023
        baseline_seconds = min(baseline_seconds, baseline_again)
        results[scope_name] = {
            "stock": sum(new["gender"].values()),
            "baseline_ms": round(baseline_seconds * 1000, 1),
            "breakdowns_ms": round(new_seconds * 1000, 1),
            "ratio": round(new_seconds / baseline_seconds, 2),
            "values_named_before": sum(len(v) for v in baseline.values()),  # type: ignore[union-attr]
            "values_named_now": sum(len([k for k in v if k != NOT_SHOWN]) for v in new.values()),
            "people_not_shown": {name: new[name].get(NOT_SHOWN, 0) for name in NAMES},
        }
    print(json.dumps({"people": args.people, "database": args.db.split(":")[0], **results}, indent=2))


if __name__ == "__main__":
    main()
