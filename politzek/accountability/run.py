"""One automatic-cost run: read the registry, apply the policy, keep the proposals, and lay the
result out for the command line and the pages (JSON-ready)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from politzek.accountability.cost import CostResult, IndexWeek, compute_cost
from politzek.accountability.cost_data import read_cost_inputs
from politzek.accountability.policy import CostPolicy
from politzek.accountability.proposals import Recorded, official_names, record_proposals


@dataclass
class CostRun:
    policy: CostPolicy
    since: dt.date | None
    until: dt.date | None
    country: str | None
    result: CostResult
    undated_events: int
    recorded: Recorded | None  # None on a dry run

    def as_dict(self) -> dict[str, Any]:
        names = official_names({p.official_id for p in self.result.proposals})
        return {
            "policy": self.policy.as_dict(),
            "period": {"since": _iso(self.since), "until": _iso(self.until)},
            "country": self.country,
            "cases": [{"case": c.case_id, "country": c.country, "first_event": c.first_day.isoformat(),
                       "new": c.new, "events_in_period": list(c.events_in_period)} for c in self.result.cases],
            "new_cases": sum(1 for c in self.result.cases if c.new),
            "proposals": [{"official": p.official_id, "official_name": names.get(p.official_id, ""),
                           "authority": p.authority, "measure": p.measure, "first_evidence": p.first_day.isoformat(),
                           "evidence": [{"key": e.key, "rule": e.rule, "role": e.role, "date": e.day.isoformat(),
                                         "case": e.case_id, "event": e.event_id} for e in p.evidence]}
                          for p in self.result.proposals],
            "recorded": None if self.recorded is None else self.recorded.__dict__,
            "index": {country: [week_dict(w) for w in weeks] for country, weeks in sorted(self.result.index.items())},
            "facility_events_without_head": [{"event": e.event_id, "kind": e.kind, "date": e.day.isoformat(),
                                              "facility": e.facility_id} for e in
                                             self.result.facility_events_without_head],
            "undated_events_left_out": self.undated_events,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def week_dict(week: IndexWeek) -> dict[str, Any]:
    return {"week": week.week.isoformat(), "value": week.value, "new_cases": week.new_cases, "added": week.added,
            "released_off": week.released_off, "quiet": week.quiet}


def run_cost(policy: CostPolicy, actor: str, since: dt.date | None = None, until: dt.date | None = None,
             country: str | None = None, dry_run: bool = False, today: dt.date | None = None) -> CostRun:
    inputs, undated = read_cost_inputs(policy, country)
    result = compute_cost(inputs, policy, since, until, today)
    recorded = None if dry_run else record_proposals(result, policy, actor)
    return CostRun(policy, since, until, country, result, undated, recorded)


def cost_index_only(policy: CostPolicy, country: str | None = None,
                    today: dt.date | None = None) -> dict[str, list[IndexWeek]]:
    """The index alone (the public page): nothing is recorded."""
    inputs, _undated = read_cost_inputs(policy, country)
    return compute_cost(inputs, policy, today=today).index


def monthly(weeks: list[IndexWeek]) -> list[IndexWeek]:
    """The last week of each month: the series a table can show."""
    last: dict[tuple[int, int], IndexWeek] = {}
    for week in weeks:
        last[(week.week.year, week.week.month)] = week
    return list(last.values())
