"""Benchmark: `politzek dedupe` on a synthetic registry of N people (time, peak memory, pairs
compared), and blocking against its baseline, comparing everyone with everyone, side by side
on a sample small enough to do both: how much faster, and whether any pair at or above the
threshold is lost.

Usage: .venv/bin/python bench/names/dedupe_registry.py --people 100000 [--sample 3000]
(writes a throwaway SQLite registry under bench/out/)."""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _child(db: str, sample: int) -> None:
    """Run in a fresh process so its peak memory is the dedupe's own."""
    os.environ["POLITZEK_DATABASE_URL"] = db
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from politzek.names.blocking import candidate_pairs
    from politzek.names.compare import compare
    from politzek.registry import dedupe
    from politzek.registry.visibility import Clearance, Viewer

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    found = dedupe.find_duplicates(Viewer(Clearance.CONFIDENTIAL))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"dedupe of {found.people:,} people: {wall:.1f} s wall, {cpu:.1f} s CPU, {found.compared:,} pairs "
          f"compared ({found.compared / max(found.people, 1):.0f} per person), {found.proposed:,} queued; "
          f"peak memory {peak / 1024:.0f} MB ({(peak - before) / 1024:.0f} MB above the loaded process)")

    ids, names, births = dedupe._people(Viewer(Clearance.CONFIDENTIAL))
    rows = random.Random(1).sample(range(len(ids)), min(sample, len(ids)))
    sample_names, sample_births = [names[r] for r in rows], [births[r] for r in rows]

    def same(i: int, j: int) -> bool:
        return compare(sample_names[i], sample_names[j], sample_births[i], sample_births[j]).same

    started = time.process_time()
    everyone = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows)) if same(i, j)}
    everyone_seconds = time.process_time() - started
    started = time.process_time()
    blocked = {(i, j) for i, j in candidate_pairs(sample_names) if same(i, j)}
    blocked_seconds = time.process_time() - started
    all_pairs = len(rows) * (len(rows) - 1) // 2
    print(f"sample of {len(rows):,}: everyone with everyone {all_pairs:,} pairs in {everyone_seconds:.1f} s, "
          f"blocking in {blocked_seconds:.2f} s ({everyone_seconds / blocked_seconds:.0f}x faster); "
          f"matches found: {len(everyone)} by comparing everyone, {len(everyone & blocked)} of them by blocking")
    rate = all_pairs / everyone_seconds
    print(f"everyone with everyone on all {found.people:,} people would take "
          f"{found.people * (found.people - 1) / 2 / rate / 3600:.1f} h at {rate:,.0f} comparisons/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=3000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.sample)
        return
    out = ROOT / "bench/out"
    out.mkdir(parents=True, exist_ok=True)
    db_file = out / f"dedupe-{args.people}.db"
    db = f"sqlite:///{db_file}"
    if not db_file.exists():
        politzek = [sys.executable, "-m", "politzek", "--db", db]
        subprocess.run([*politzek, "init"], check=True, capture_output=True)
        subprocess.run([*politzek, "demo", "--people", str(args.people), "--seed", "1"], check=True)
    subprocess.run([sys.executable, __file__, "--child", db, "--sample", str(args.sample)], check=True)


if __name__ == "__main__":
    main()
