"""Benchmark: how long the first visitor after an edit waits for the derived pages (issue 38:
7.1–13.6 s for /statistics/, 8.2 s for /ru/accountability/, 6.0 s for /simulator/ in a browser
review). Every documenter's edit moves the data version, so during a working day the "first
visitor" is every visitor after every edit.

Starts `politzek serve` (gunicorn, 1 worker) on a demo registry, asks every page once so that
everything is computed and cached, then, ROUNDS times: edits one person (a tracked change, as a
documenter's save is), and times the first request of each derived page after the edit. The
baseline, in the same run after the same edit: the first request of a person page, a plain
page render that no derived figure delays.

Usage: python bench/first_visit.py --db sqlite:////tmp/fv.db [--people 7500] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request

from one_worker_server import one_worker_server

PAGES = ["/statistics/", "/ru/statistics/", "/statistics/?country=BY", "/accountability/", "/ru/accountability/",
         "/simulator/", "/deals/", "/this-week/"]


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        response.read()
    return time.perf_counter() - started


def _edit(db: str, round_number: int) -> int:
    """One tracked change to one public person, as a documenter's save: returns the person's id."""
    done = subprocess.run([sys.executable, "-c", f"""
import os, django
os.environ["POLITZEK_DATABASE_URL"] = {db!r}
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "politzek.settings")
django.setup()
from politzek.registry.models import Person
person = Person.objects.filter(visibility="public").order_by("id")[{round_number}]
person.occupation = "bench edit {round_number}"
person._change_reason = "bench/first_visit.py"
person.save()
print(person.pk)
"""], capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--people", type=int, default=7500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "POLITZEK_DATABASE_URL": args.db}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "politzek", "init"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "politzek", "demo", "--people", str(args.people), "--if-empty"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    with one_worker_server(env) as (base, _server):
        for page in PAGES:  # everything computed once, as on a server that has been up a while
            _get(base + page)
        waits: dict[str, list[float]] = {page: [] for page in [*PAGES, "person page (baseline)"]}
        for round_number in range(args.rounds):
            person = _edit(args.db, round_number)
            time.sleep(1)  # what a documenter's next visitor leaves: the background refresh's chance
            waits["person page (baseline)"].append(_get(f"{base}/people/{person}/"))
            for page in PAGES:
                waits[page].append(_get(base + page))
    baseline = statistics.median(waits["person page (baseline)"])
    print(json.dumps({page: {"median_s": round(statistics.median(values), 3),
                             "max_s": round(max(values), 3),
                             "ratio_to_person_page": round(statistics.median(values) / baseline, 1)}
                      for page, values in waits.items()}, indent=1))


if __name__ == "__main__":
    main()
