"""One simulation as the command line, the JSON and the page show it: the scenario as applied
(every parameter with its source), each policy's outputs with bands, each policy against no
engagement, the trolley headline of the deals, and the tornado when asked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from politzek.simulate.analysis import compared, held_bands, sensitivity, summary, trolley_headline
from politzek.simulate.model import PolicyRun, simulate
from politzek.simulate.scenario import Scenario, bundled_scenarios  # noqa: F401 (the commands' import)


@dataclass
class Simulation:
    scenario: Scenario
    runs: int
    seed: int
    uncertainty: bool
    results: list[PolicyRun]
    tornado: list[dict[str, Any]] | None

    def as_dict(self, series: bool = True) -> dict[str, Any]:
        deals = [r.policy for r in self.results if r.policy.deals]
        data: dict[str, Any] = {
            "scenario": self.scenario.as_dict(), "runs": self.runs, "seed": self.seed,
            "parameter_uncertainty": self.uncertainty,
            "policies": [summary(r) for r in self.results],
            "against_no_engagement": compared(self.results),
            "trolley": [trolley_headline(self.scenario, p).as_dict() for p in deals if p.kind == "deals"],
            "sensitivity": self.tornado,
        }
        if series:
            data["held_by_week"] = {r.policy.name: held_bands(r) for r in self.results}
        return data


def run_simulation(scenario: Scenario, runs: int, seed: int, uncertainty: bool = True,
                   with_sensitivity: bool = False, sensitivity_runs: int = 400) -> Simulation:
    results = simulate(scenario, runs, seed, uncertainty)
    tornado = None
    if with_sensitivity:
        policy = next((p for p in scenario.policies if p.kind == "deals"), None) or next(
            (p for p in scenario.policies if p.kind != "none"), None)
        tornado = sensitivity(scenario, policy, sensitivity_runs, seed) if policy else []
    return Simulation(scenario, runs, seed, uncertainty, results, tornado)


def sentences(simulation: Simulation) -> list[str]:
    """The results in words, for the command line and the page."""
    data = simulation.as_dict(series=False)
    lines = []
    for policy in data["policies"]:
        years, arrests = policy["person_years"], policy["new_arrests"]
        line = (f"{policy['policy']['name']}: {years['mean']:,.0f} person-years of imprisonment over the horizon "
                f"(5–95%: {years['p5']:,.0f}–{years['p95']:,.0f}); {arrests['mean']:,.0f} new political prisoners; "
                f"{policy['held_at_end']['mean']:,.0f} held at the end")
        if policy["deals"]:
            line += (f"; {policy['deals']} deals freed {policy['freed_by_deals']['mean']:,.0f} for "
                     f"{policy['concessions_usd']['mean']:,.0f} USD")
        lines.append(line + ".")
    for row in data["against_no_engagement"]:
        difference = row["person_years_difference"]
        lines.append(f"{row['policy']} against {row['against']}: {difference['mean']:+,.0f} person-years "
                     f"(5–95%: {difference['p5']:+,.0f} to {difference['p95']:+,.0f}); worse in "
                     f"{row['worse_in_share_of_runs']:.0%} of runs.")
    for head in data["trolley"]:
        even = head["break_even_response"]
        lines.append(
            f"{head['policy']}: the deals spare {head['spared']:,.0f} person-years by freeing people early; the "
            f"arrests they induce at a response of {head['response']:.0%} add {head['induced']:,.0f}; on balance "
            f"the deals {'spare' if head['net'] >= 0 else 'add'} {abs(head['net']):,.0f} person-years. "
            + (f"The deals stop paying off when each raises arrests by {even:.0%} or more for "
               f"{simulation.scenario.value('response_weeks'):.0f} weeks." if even is not None else
               "The response to deals does not change the person-years here."))
    return lines
