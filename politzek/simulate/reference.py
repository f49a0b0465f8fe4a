"""The same model as simulate/model.py written as a plain-Python loop, run by run and
prisoner by prisoner: the baseline of the benchmark (bench/simulate/runs.py) and a check that
the vectorized model computes what the words of docs/simulator.md say. Not used otherwise."""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass

from politzek.simulate.model import WEEKS_PER_YEAR, custody_pmf, residual_pmf
from politzek.simulate.scenario import Policy, Scenario


@dataclass
class ReferenceRun:
    held: list[int]
    arrests: int
    person_years: float
    freed_by_deals: int


def _poisson(rate: float, rng: random.Random) -> int:
    """Knuth's method, in pieces of 30 so that e^−rate stays representable."""
    total = 0
    while rate > 0:
        piece = min(rate, 30.0)
        rate -= piece
        limit, product, count = math.exp(-piece), rng.random(), 0
        while product > limit:
            product *= rng.random()
            count += 1
        total += count
    return total


def _cumulative(pmf: list[float]) -> list[float]:
    total, out = 0.0, []
    for p in pmf:
        total += p
        out.append(total)
    return out


def _steps(chance: float, rng: random.Random) -> float:
    if chance <= 0:
        return math.inf
    if chance >= 1:
        return 1
    return math.floor(math.log(1 - rng.random()) / math.log(1 - chance)) + 1


def reference_run(scenario: Scenario, policy: Policy, rng: random.Random) -> ReferenceRun:
    """One run at the parameters' values (no uncertainty)."""
    horizon = scenario.horizon_weeks
    terms = _cumulative(list(custody_pmf(scenario.custody)))
    left = _cumulative(list(residual_pmf(scenario.custody)))
    pardon = 1 - (1 - scenario.value("pardon_per_year")) ** (1 / WEEKS_PER_YEAR)
    death = 1 - (1 - scenario.value("death_per_year")) ** (1 / WEEKS_PER_YEAR)
    hazard = 1 - (1 - pardon) * (1 - death)
    deals = policy.deal_weeks(horizon)
    share = policy.share_released if policy.deals else 0.0
    response, window = scenario.value("response_to_deals"), round(scenario.value("response_weeks"))
    keep = 1 - scenario.value("deterrence_per_100_arrests")
    change = [0] * (horizon + 1)
    person_weeks = 0
    freed = arrests = 0

    def admit(arrive: int, term_table: list[float]) -> None:
        nonlocal person_weeks, freed
        exit_week = arrive + bisect.bisect_right(term_table, rng.random() * term_table[-1])
        exit_week = min(exit_week, arrive + _steps(hazard, rng))
        by_deal = False
        for deal in deals:
            if deal > arrive and deal < exit_week and share > 0 and rng.random() < share:
                exit_week, by_deal = deal, True
                break
        freed += by_deal
        change[arrive] += 1
        if exit_week < horizon:
            change[int(exit_week)] -= 1
        person_weeks += min(exit_week, horizon) - arrive

    for _ in range(round(scenario.value("initial_prisoners"))):
        admit(0, left)
    for week in range(horizon):
        raised = sum(1 for deal in deals if 1 <= week - deal <= window)
        rate = max(0.0, scenario.value("arrests_per_week") * (1 + response * raised))
        if policy.automatic_cost:
            rate *= min(keep ** (arrests / 100), 50.0)
        new = _poisson(rate, rng)
        arrests += new
        for _ in range(new):
            admit(week, terms)
    held, level = [], 0
    for week in range(horizon):
        level += change[week]
        held.append(level)
    return ReferenceRun(held, arrests, person_weeks / WEEKS_PER_YEAR, freed)
