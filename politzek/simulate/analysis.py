"""What the runs say: each policy's outputs with their 5th–95th percentile bands, the trolley
problem's headline (person-years spared by the deals against person-years added by the
arrests they induce, and the response at which deals stop paying off) and which uncertain
parameters move the headline most (the tornado)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from politzek.simulate.model import PolicyRun, expected_person_years, simulate_policy
from politzek.simulate.scenario import PARAMETERS, Policy, Scenario, ScenarioError

BANDS = (5, 50, 95)


def band(values: np.ndarray) -> dict[str, float]:
    low, median, high = np.percentile(values, BANDS)
    return {"mean": round(float(np.mean(values)), 2), "p5": round(float(low), 2), "median": round(float(median), 2),
            "p95": round(float(high), 2)}


def summary(run: PolicyRun) -> dict[str, Any]:
    """One policy's outputs over the horizon, each as mean, median and 5th–95th percentiles."""
    return {
        "policy": run.policy.as_dict(),
        "runs": len(run.person_years),
        "person_years": band(run.person_years),
        "new_arrests": band(run.arrests.sum(axis=1)),
        "held_at_end": band(run.held[:, -1]),
        "freed_by_deals": band(run.exits["deal"]),
        "freed_at_end_of_term": band(run.exits["end_of_term"]),
        "pardoned": band(run.exits["pardon"]),
        "died_in_custody": band(run.exits["death"]),
        "concessions_usd": band(run.concessions),
        "deals": len(run.deal_weeks),
    }


def held_bands(run: PolicyRun) -> dict[str, list[float]]:
    """Prisoners held each week: median and the 5th–95th percentile band."""
    low, median, high = np.percentile(run.held, BANDS, axis=0)
    return {"p5": low.round(1).tolist(), "median": median.round(1).tolist(), "p95": high.round(1).tolist()}


def compared(runs: list[PolicyRun]) -> list[dict[str, Any]]:
    """Each policy against the first one without engagement, run by run (common random
    numbers make the difference the policy's, not the dice's)."""
    base = next((r for r in runs if r.policy.kind == "none"), None)
    if base is None:
        return []
    out = []
    for run in runs:
        if run is base:
            continue
        out.append({"policy": run.policy.name, "against": base.policy.name,
                    "person_years_difference": band(run.person_years - base.person_years),
                    "new_arrests_difference": band(run.arrests.sum(axis=1) - base.arrests.sum(axis=1)),
                    "worse_in_share_of_runs": round(float(np.mean(run.person_years > base.person_years)), 3)})
    return out


@dataclass(frozen=True)
class TrolleyHeadline:
    """For a policy of deals, in expectation at the parameters' values: the person-years the
    deals spare (prisoners freed early, with no response), the person-years the arrests they
    induce add (at the scenario's response), the net, and the response at which the two are
    equal. Expected person-years grow in a straight line with the response, so the break-even
    is exact."""

    policy: str
    spared: float
    induced: float
    net: float  # spared − induced: above 0, the deals lower the person-years
    break_even_response: float | None  # None: the response does not change the person-years
    response: float

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def trolley_headline(scenario: Scenario, policy: Policy) -> TrolleyHeadline:
    none = Policy(name="no engagement", kind="none")
    without_cost = replace(policy, kind="deals")  # the deals alone, whatever else the policy does
    base = expected_person_years(scenario, none)
    freed_early = expected_person_years(scenario, without_cost, response=0.0)
    at_one = expected_person_years(scenario, without_cost, response=1.0)
    rho = scenario.value("response_to_deals")
    slope = at_one - freed_early
    spared, induced = base - freed_early, rho * slope
    return TrolleyHeadline(policy=policy.name, spared=spared, induced=induced, net=spared - induced,
                           break_even_response=spared / slope if slope > 1e-9 else None, response=rho)


SPREAD = 0.25  # parameters without a range are moved this much either way


def sensitivity(scenario: Scenario, policy: Policy, runs: int = 400, seed: int = 1) -> list[dict[str, Any]]:
    """The tornado: for each parameter, the policy's mean person-years minus no engagement's,
    with that parameter at the low and at the high end of its range (±25% of its value when it
    has none) and the others at their values; widest swing first. Same seed everywhere, so the
    swings are the parameters', not the dice's."""
    none = Policy(name="no engagement", kind="none")

    def effect(changed: Scenario) -> float:
        difference = (simulate_policy(changed, policy, runs, seed, uncertainty=False).person_years
                      - simulate_policy(changed, none, runs, seed, uncertainty=False).person_years)
        return float(difference.mean())

    centre = effect(scenario)
    bars = []
    for name in PARAMETERS:
        parameter = scenario.parameters[name]
        if parameter.uncertain:
            lower, upper, spread = float(parameter.low), float(parameter.high), "its range"  # type: ignore[arg-type]
        elif parameter.value:
            lower, upper, spread = parameter.value * (1 - SPREAD), parameter.value * (1 + SPREAD), "±25%"
            if name in ("pardon_per_year", "death_per_year"):
                upper = min(upper, 0.99)
        else:
            continue
        try:
            low = effect(scenario.with_values(**{name: lower}))
            high = effect(scenario.with_values(**{name: upper}))
        except ScenarioError:
            continue  # ±25% would leave the parameter's allowed values
        bars.append({"parameter": name, "low": round(lower, 6), "high": round(upper, 6), "varied_over": spread,
                     "effect_at_low": round(low, 2), "effect_at_high": round(high, 2),
                     "swing": round(abs(high - low), 2), "source": parameter.source})
    bars.sort(key=lambda bar: -bar["swing"])
    return [{"policy": policy.name, "effect_at_values": round(centre, 2)}, *bars]
