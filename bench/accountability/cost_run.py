"""Benchmark: `politzek cost` on a synthetic registry of N people, beside its baseline in the
same process on the same database: one plain driver read of every event row (the least any
derivation from the timeline must read). Reported: reading the registry into the rule's
plain data, the rule itself (cases, proposals, the weekly index), keeping the proposals the
first time, and a re-run that finds every proposal kept (idempotent), each as a ratio to the
scan.

Usage: .venv/bin/python bench/accountability/cost_run.py --people 100000
(writes a throwaway SQLite registry under bench/out/; reuses it when it exists)."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _registry(people: int) -> str:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"cost-{people}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        politzek = [sys.executable, "-m", "politzek", "--db", url]
        subprocess.run([*politzek, "init"], check=True)
        subprocess.run([*politzek, "demo", "--people", str(people), "--seed", "7"], check=True)
    return url


def _timed(work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    os.environ["POLITZEK_DATABASE_URL"] = _registry(args.people)
    os.environ["DJANGO_SETTINGS_MODULE"] = "politzek.settings"
    import django

    django.setup()
    from django.db import connection

    from politzek.accountability.cost import compute_cost
    from politzek.accountability.cost_data import read_cost_inputs
    from politzek.accountability.policy import default_policy
    from politzek.accountability.proposals import record_proposals
    from politzek.registry.models import ProposalEvidence, SanctionProposal

    ProposalEvidence.objects.all().delete()
    SanctionProposal.objects.all().delete()
    policy = default_policy()

    def scan() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, person_id, kind, date_earliest, case_id, sentence_id FROM registry_event")
            return len(cursor.fetchall())

    scans = [_timed(scan)[0] for _ in range(3)]
    read, (inputs, _undated) = _timed(lambda: read_cost_inputs(policy))
    rule, result = _timed(lambda: compute_cost(inputs, policy))
    first, recorded = _timed(lambda: record_proposals(result, policy, "bench"))
    rerun, again = _timed(lambda: record_proposals(compute_cost(read_cost_inputs(policy)[0], policy), policy,
                                                    "bench"))
    baseline = statistics.median(scans)
    print(f"people {args.people}; events {scan()}; political cases with events {len(result.cases)}; "
          f"proposals {len(result.proposals)}; evidence {recorded.evidence_added}; "
          f"index weeks {sum(len(w) for w in result.index.values())}")
    print(f"baseline: event scan median {baseline:.2f} s")
    for label, seconds in (("read the registry", read), ("the rule (cases, proposals, index)", rule),
                           ("keep the proposals, first run", first),
                           ("re-run: read, rule, find all kept", rerun)):
        print(f"{label}: {seconds:.2f} s = {seconds / baseline:.1f}x the scan")
    print(f"re-run kept {again.created} new proposals and {again.evidence_added} new evidence")


if __name__ == "__main__":
    main()
