"""Benchmark: the simulator's vectorized model, 10,000 runs × 10 years in weekly steps, for
each policy of the bundled scenario (belarus-demo), beside its baseline in the same process:
the same model written as a plain-Python loop (simulate/reference.py), on fewer runs, per run.

Usage: OMP_NUM_THREADS=1 .venv/bin/python bench/simulate/runs.py [--runs 10000] [--reference-runs 20]"""

from __future__ import annotations

import argparse
import random
import time

from politzek.simulate.model import simulate_policy
from politzek.simulate.reference import reference_run
from politzek.simulate.report import bundled_scenarios
from politzek.simulate.scenario import load_scenario


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--reference-runs", type=int, default=20)
    args = parser.parse_args()
    scenario = load_scenario(bundled_scenarios()["belarus-demo"])
    print(f"scenario {scenario.name}; {scenario.horizon_weeks} weeks; {args.runs:,} runs vectorized, "
          f"{args.reference_runs} runs plain Python")
    whole = 0.0
    for policy in scenario.policies:
        started = time.perf_counter()
        run = simulate_policy(scenario, policy, args.runs, seed=1, uncertainty=False)
        vectorized = time.perf_counter() - started
        whole += vectorized
        prisoners = int(run.arrests.sum() + round(scenario.value("initial_prisoners")) * args.runs)
        rng = random.Random(1)
        started = time.perf_counter()
        for _ in range(args.reference_runs):
            reference_run(scenario, policy, rng)
        plain = (time.perf_counter() - started) / args.reference_runs
        per_run = vectorized / args.runs
        print(f"{policy.name}: {vectorized:.2f} s for {args.runs:,} runs ({prisoners / 1e6:.1f} M prisoners, "
              f"{vectorized / prisoners * 1e9:.0f} ns each); plain Python {plain * 1000:.0f} ms a run; "
              f"vectorized {plain / per_run:.0f}x faster a run")
    print(f"all four policies: {whole:.2f} s")


if __name__ == "__main__":
    main()
