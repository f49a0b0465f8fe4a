"""Benchmark: rows per second through `politzek import politzek-csv` on one database, beside
the database's own floor for loading the same file into a plain table, in the same run:
SQLite's `.import` (the sqlite3 shell) or PostgreSQL's `COPY … FROM STDIN (FORMAT csv)`.

Usage: python bench/import_rate.py --rows 100000 --db URL [--out result.json]
(bench/run_import.sh runs SQLite and PostgreSQL side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
          "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources")


def _name_pool() -> list[tuple[str, str]]:
    """(Cyrillic, Latin) names from the demo's synthetic pools: surname, given name and
    patronymic drawn independently, as diverse as a real list (the first version used 81
    combinations and one Latin name for everyone, so the duplicate check compared every row
    with every other; its figures before 2026-12-03 are not comparable)."""
    from rigour.text.translit import ascii_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import tomllib

    pools = tomllib.loads((Path(__file__).resolve().parents[1] / "politzek/demo/data/names.toml")
                          .read_text(encoding="utf-8"))["ru"]
    rng = random.Random(7)
    names = []
    for _ in range(50_000):
        given, patronymic = rng.choice(pools["male"])[0], rng.choice(pools["male"])[1]
        name = f"{rng.choice(pools['surnames'])} {given} {patronymic}"
        names.append((name, ascii_text(name)))
    return names


def generate(path: Path, rows: int) -> None:
    """A synthetic person CSV in politzek's template (synthetic names: no real people)."""
    rng = random.Random(1)
    pool = _name_pool()
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        for i in range(rows):
            year = rng.randint(2020, 2025)
            released = rng.random() < 0.4
            name, latin = rng.choice(pool)
            handle.write(",".join([
                f"bench-{i}", name, latin,
                rng.choice(["BY", "RU"]), "", "m", f"{rng.randint(1950, 2004)}",
                "", "", rng.choice(["", "journalist", "anti-war"]), "public",
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{year + 1}-01-15",
                rng.choice(["viasna", "memorial", ""]), f"{year + 1}-02",
                "pardon" if released else "", f"{year + 2}-06-01" if released else "",
                f"https://example.org/bench/{i}",
            ]) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="politzek-bench-"))
    source = work / "people.csv"
    generate(source, args.rows)
    env = {**os.environ, "POLITZEK_DATABASE_URL": args.db}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "politzek", "init"], env=env, check=True, capture_output=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "politzek", "import", "politzek-csv", str(source), "--json"],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["created"] == args.rows, summary
    floor_seconds = _floor(args.db, source, work)
    result = {
        "database": "sqlite" if args.db.startswith("sqlite") else "postgresql",
        "rows": args.rows,
        "import_seconds": round(seconds, 1),
        "import_rows_per_second": round(args.rows / seconds),
        "floor_seconds": round(floor_seconds, 2),
        "floor_rows_per_second": round(args.rows / floor_seconds),
        "import_vs_floor": round((args.rows / seconds) / (args.rows / floor_seconds), 4),
    }
    shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


def _floor(url: str, source: Path, work: Path) -> float:
    if url.startswith("sqlite"):
        database = work / "floor.db"
        sqlite3.connect(database).close()
        started = time.perf_counter()
        subprocess.run(["sqlite3", str(database), "-cmd", ".mode csv", f".import {source} people"], check=True)
        return time.perf_counter() - started
    import psycopg

    with psycopg.connect(url) as connection:
        connection.execute("CREATE TEMP TABLE floor (" + ", ".join(f"c{i} text" for i in range(18)) + ")")
        started = time.perf_counter()
        with connection.cursor().copy("COPY floor FROM STDIN (FORMAT csv, HEADER true)") as copy, \
                source.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        return time.perf_counter() - started


if __name__ == "__main__":
    main()
