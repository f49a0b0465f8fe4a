"""Benchmark: each reader alone, then the whole import of the same rows, on real files and a
synthetic one (issue 21). For each source, in fresh processes on a fresh SQLite registry:

- reader: `read_rows` over the file, nothing else (the floor);
- import: `run_import` (read, transform, write with history) without the duplicate check;
- import + duplicates: the same with the new people matched against the registry (the default).

Each figure is rows per second of `run_import` alone (process start-up, migrations and the
flows refresh left out), the median of `--repeat` runs; the ratio is import ÷ reader.

Usage: python bench/ingest/readers.py [--repeat 3] [--rows 20000] [--only PROFILE] [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"

MEASURE = r"""
import os, sys, time, json
from pathlib import Path
os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
import django; django.setup()
from django.core.management import call_command
mode, profile_name, source = sys.argv[1], sys.argv[2], Path(sys.argv[3])
if mode == "reader":
    from politzek.ingest.profile import load_profile
    from politzek.ingest.readers import read_rows
    profile = load_profile(profile_name)
    started = time.perf_counter()
    rows = sum(1 for _ in read_rows(source, profile.format, profile.encoding, profile.records_path))
    print(json.dumps({"rows": rows, "seconds": time.perf_counter() - started}))
    sys.exit()
call_command("migrate", verbosity=0)
from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
profile = load_profile(profile_name)
started = time.perf_counter()
result = run_import(profile, source, actor="bench", skip_invalid=True, check_duplicates=mode == "duplicates")
print(json.dumps({"rows": result.rows, "seconds": time.perf_counter() - started,
                  "created": len(result.created), "rejected": len(result.rejected)}))
"""


def measure(mode: str, profile: str, source: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "POLITZEK_DATABASE_URL": f"sqlite:///{folder}/bench.db", "POLITZEK_HOME": folder}
        out = subprocess.run([sys.executable, "-c", MEASURE, mode, profile, str(source)], env=env, check=True,
                             capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--out")
    parser.add_argument("--only", help="Measure only the sources whose profile is this (e.g. politzek-csv).")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from import_rate import generate

    work = Path(tempfile.mkdtemp(prefix="politzek-readers-"))
    synthetic = work / "people.csv"
    generate(synthetic, args.rows)
    sources = [
        ("iran-memorial-yaml", DATA / "iran_memorial" / "victims_2022", "YAML folder, Iran memorial 2022"),
        ("iran-victims-csv", DATA / "iran_memorial" / "iranvictims_2026.csv", "CSV, Iran victims 2026"),
        ("viasna", DATA / "viasna" / "prisoners_sample6.json", "JSON, Viasna sample"),
        ("politzek-csv", synthetic, f"CSV, politzek template, {args.rows:,} synthetic rows"),
    ]
    results = []
    for profile, source, label in sources:
        if args.only and profile != args.only:
            continue
        figures = {}
        for mode in ("reader", "import", "duplicates"):
            runs = [measure(mode, profile, source) for _ in range(args.repeat)]
            seconds = statistics.median(run["seconds"] for run in runs)
            figures[mode] = {"rows": runs[0]["rows"], "seconds": round(seconds, 3),
                             "rows_per_second": round(runs[0]["rows"] / seconds)}
        figures["import_to_reader"] = round(figures["import"]["seconds"] and
                                            figures["reader"]["seconds"] / figures["import"]["seconds"], 4)
        figures["with_duplicates_to_reader"] = round(figures["reader"]["seconds"] / figures["duplicates"]["seconds"],
                                                     4)
        results.append({"source": label, "profile": profile, **figures})
        print(f"{label}: reader {figures['reader']['rows_per_second']:,} rows/s; import "
              f"{figures['import']['rows_per_second']:,} rows/s (÷ reader {figures['import_to_reader']}); "
              f"with duplicate check {figures['duplicates']['rows_per_second']:,} rows/s", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
