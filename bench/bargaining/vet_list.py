"""Benchmark: `politzek vet` on a list of M entries against a synthetic registry of N people,
beside its baseline run on the same entries in the same process: matching alone (the
registry candidates of each entry, what `dedupe --list` does). The ratio is the cost of the
verdicts, flags, duplicate search and the missing-from-list ranking on top of matching.

The list: 90% names of public registry people (two in three with their birth date), 10% names
nobody has (half of them noted "prisoner of war").

Usage: .venv/bin/python bench/bargaining/vet_list.py --people 100000 --entries 1000
(writes a throwaway SQLite registry under bench/out/; reuses it when it exists)."""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _registry(people: int) -> str:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"vet-{people}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        politzek = [sys.executable, "-m", "politzek", "--db", url]
        subprocess.run([*politzek, "init"], check=True)
        subprocess.run([*politzek, "demo", "--people", str(people), "--seed", "7"], check=True)
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = _registry(args.people)
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from politzek.bargaining.exchange_list import vet_list
    from politzek.flows.listing import primary_names
    from politzek.flows.refresh import refresh
    from politzek.names.lists import read_list
    from politzek.registry.candidates import candidates_for
    from politzek.registry.models import Person
    from politzek.registry.visibility import Viewer

    refresh()
    rng = random.Random(1)
    ids = list(Person.objects.filter(visibility="public").values_list("id", flat=True))
    chosen = rng.sample(ids, args.entries * 9 // 10)
    names = primary_names(Person.objects.filter(pk__in=chosen))
    # Two entries in three carry the birth date, as the groups' lists usually do.
    born = dict(Person.objects.filter(pk__in=chosen).values_list("id", "birth_date"))
    path = ROOT / "bench" / "out" / f"list-{args.entries}.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "birth_date", "citizenship", "notes", "side"])
        for i, (person_id, name) in enumerate(sorted(names.items())):
            birth = born.get(person_id) if i % 3 else None
            writer.writerow([name, str(birth) if birth else "", "", "", "EU"])
        for i in range(args.entries - len(names)):  # nobody in the registry
            writer.writerow([f"Zzyzx Unlisted {i}", "", "", "prisoner of war" if i % 2 else "", "RU"])

    viewer = Viewer.public()
    entries = read_list(path)
    started = time.perf_counter()
    candidates_for([(entry.names[0], entry.birth_date) for entry in entries], viewer, limit=5)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    result = vet_list(path, viewer, country="BY")
    vetted = time.perf_counter() - started
    print(f"{len(entries):,} entries against {args.people:,} people: matching alone {baseline:.1f} s "
          f"({len(entries) / baseline:.0f} entries/s); vet {vetted:.1f} s ({len(entries) / vetted:.0f} entries/s), "
          f"{vetted / baseline:.2f}x the matching; verdicts {result.summary['verdicts']}; "
          f"{result.missing_total:,} political prisoners missing from the list ranked")


if __name__ == "__main__":
    main()
