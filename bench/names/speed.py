"""Comparisons per second when every name is new, each run in a fresh process so no memo table
(politzek's, or rigour's transliteration cache) holds a name of the timed set.

Each process loads the matcher's tables by scoring the synthetic set (bench/names/pairs.csv),
then times every pair of the real set (bench/names/real_pairs.py --part all: Persian, Latin,
Cyrillic and other scripts of names never seen by that process) on one core. With --tree, the
same is run from another checkout side by side (a baseline: `git worktree add /tmp/base <commit>`).

    .venv/bin/python bench/names/real_pairs.py --part all --out /tmp/real-all.csv
    .venv/bin/python bench/names/speed.py /tmp/real-all.csv --runs 5 --tree /tmp/base
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ONE_RUN = """
import csv, sys, time
from politzek.names.compare import compare
def rows(path):
    with open(path, encoding="utf-8") as handle:
        return [(r["left"], r["right"], r["left_birth_date"] or None, r["right_birth_date"] or None)
                for r in csv.DictReader(handle)]
for left, right, a, b in rows(sys.argv[1]):
    compare([left], [right], a, b)
timed = rows(sys.argv[2])
try:
    from politzek.names.collection import fewer_collections
except ImportError:  # a checkout from before names.collection
    from contextlib import nullcontext as fewer_collections
started = time.process_time()
with fewer_collections():
    for left, right, a, b in timed:
        compare([left], [right], a, b)
print(len(timed) / (time.process_time() - started))
"""


def rates(tree: Path, timed: Path, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", ONE_RUN, str(HERE / "pairs.csv"), str(timed)], cwd=tree,
                             env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, check=True,
                             capture_output=True, text=True)
        found.append(float(out.stdout.strip()))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, help="Another checkout, timed alternately as the baseline.")
    args = parser.parse_args()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):  # alternating, so a busy moment hurts both alike
        ours += rates(HERE.parents[1], args.pairs.resolve(), 1)
        if args.tree:
            theirs += rates(args.tree.resolve(), args.pairs.resolve(), 1)
    def runs(rates: list[float]) -> str:
        return ", ".join(f"{rate:,.0f}" for rate in rates)

    ours_median = statistics.median(ours)
    line = f"this tree: median {ours_median:,.0f} comparisons/s (runs: {runs(ours)})"
    if theirs:
        theirs_median = statistics.median(theirs)
        line += f"; {args.tree}: median {theirs_median:,.0f} ({runs(theirs)}); ratio {ours_median / theirs_median:.2f}"
    print(line)


if __name__ == "__main__":
    main()
