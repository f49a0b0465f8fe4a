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
import json
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
    parser.add_argument("--only", choices=("match", "vet"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = _registry(args.people)
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    if args.only:
        _run_one(args)
        return
    from politzek.flows.listing import primary_names
    from politzek.flows.refresh import refresh
    from politzek.registry.models import Person

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

    # Each measurement in a fresh process, so neither finds the other's names already read.
    baseline = _timed(args, "match")
    vetted = _timed(args, "vet")
    print(f"{args.entries:,} entries against {args.people:,} people: matching alone {baseline['seconds']:.1f} s "
          f"({args.entries / baseline['seconds']:.0f} entries/s); vet {vetted['seconds']:.1f} s "
          f"({args.entries / vetted['seconds']:.0f} entries/s), {vetted['seconds'] / baseline['seconds']:.2f}x the "
          f"matching; verdicts {vetted['verdicts']}; {vetted['missing']:,} political prisoners missing from the "
          "list ranked")


def _timed(args: argparse.Namespace, part: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--people", str(args.people), "--entries", str(args.entries),
                          "--only", part], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.splitlines()[-1])


def _run_one(args: argparse.Namespace) -> None:
    from politzek.bargaining.exchange_list import vet_list
    from politzek.flows.refresh import refresh
    from politzek.names.lists import read_list
    from politzek.registry.candidates import candidates_for
    from politzek.registry.visibility import Viewer

    refresh()
    path = ROOT / "bench" / "out" / f"list-{args.entries}.csv"
    viewer = Viewer.public()
    started = time.perf_counter()
    if args.only == "match":
        entries = read_list(path)
        candidates_for([(entry.names[0], entry.birth_date) for entry in entries], viewer, limit=5)
        print(json.dumps({"seconds": time.perf_counter() - started}))
        return
    result = vet_list(path, viewer, country="BY")
    print(json.dumps({"seconds": time.perf_counter() - started, "verdicts": result.summary["verdicts"],
                      "missing": result.missing_total}))


if __name__ == "__main__":
    main()
