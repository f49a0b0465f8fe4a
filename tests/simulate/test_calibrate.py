"""Calibration recovers the parameters a synthetic timeline was generated with, and a registry
(the demo's) calibrates into a scenario that loads and runs."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
import yaml

from politzek.simulate.calibrate import EDGES, CalibrationError, DealSeen, Spell, estimate
from politzek.simulate.scenario import dump_scenario, load_scenario, parse_scenario

AT = dt.date(2026, 1, 5)
TRUE = {"arrests_per_week": 12.0, "pardon_per_year": 0.05, "death_per_year": 0.01}
TERM_BINS = [(52, 104, 0.5), (104, 260, 0.3), (260, 520, 0.2)]  # weeks, share


def _timeline(seed: int = 1) -> tuple[list[Spell], list[int]]:
    """Eight years of a country generated with TRUE: Poisson arrivals, terms from TERM_BINS,
    pardons and deaths at constant weekly chances."""
    rng = random.Random(seed)
    start = AT - dt.timedelta(weeks=8 * 52)
    pardon = 1 - (1 - TRUE["pardon_per_year"]) ** (1 / 52)
    death = 1 - (1 - TRUE["death_per_year"]) ** (1 / 52)
    spells, terms = [], []
    for week in range(8 * 52):
        arrivals = 0
        limit, product = math.exp(-TRUE["arrests_per_week"]), rng.random()
        while product > limit:
            product *= rng.random()
            arrivals += 1
        for _ in range(arrivals):
            low, high, _share = rng.choices(TERM_BINS, weights=[b[2] for b in TERM_BINS])[0]
            term = rng.randrange(low, high)
            terms.append(term * 7)
            begun = start + dt.timedelta(weeks=week)
            end, kind = begun + dt.timedelta(weeks=term), "released_end_of_term"
            for held in range(1, term):
                chance = rng.random()
                if chance < pardon + death:
                    end = begun + dt.timedelta(weeks=held)
                    kind = "released_pardon" if chance < pardon else "died_in_custody"
                    break
            spells.append(Spell(begun, end if end <= AT else None, kind if end <= AT else ""))
    return spells, terms


def test_calibration_recovers_the_parameters_of_a_synthetic_timeline():
    spells, terms = _timeline()
    scenario = estimate(spells, terms, [], AT, 104, "BY", synthetic=True)
    assert scenario.value("arrests_per_week") == pytest.approx(TRUE["arrests_per_week"], rel=0.06)
    assert scenario.value("pardon_per_year") == pytest.approx(TRUE["pardon_per_year"], rel=0.25)
    assert scenario.value("death_per_year") == pytest.approx(TRUE["death_per_year"], rel=0.6)
    held = sum(1 for s in spells if s.start <= AT and s.end is None)
    assert scenario.value("initial_prisoners") == held
    # the histogram's bins hold the true shares: [52,104); [104,156)+[156,208)+[208,260); the rest
    by_edge = dict(zip(EDGES[:-1], scenario.custody.shares, strict=True))
    assert by_edge[52] == pytest.approx(0.5, abs=0.03)
    assert by_edge[104] + by_edge[156] + by_edge[208] == pytest.approx(0.3, abs=0.03)
    assert by_edge[260] + by_edge[364] == pytest.approx(0.2, abs=0.03)
    assert scenario.custody.mean_weeks == pytest.approx(0.5 * 77.5 + 0.3 * 181.5 + 0.2 * 389.5, rel=0.05)
    # no deal: the literature's lower end, with its source, and the range of the literature
    response = scenario.parameters["response_to_deals"]
    assert (response.value, response.low, response.high) == (0.26, 0.0, 0.87)
    assert "Brandt, George & Sandler (2016" in response.source and "Foley Foundation (2024)" in response.source
    written = dump_scenario(scenario)  # a calibrated scenario is a file the loader takes back
    assert dump_scenario(parse_scenario(yaml.safe_load(written), "again")) == written


def test_deals_seen_set_the_deal_policy_and_the_response():
    spells, terms = _timeline(2)
    deals = [DealSeen(AT - dt.timedelta(weeks=60), 50, 1000, 20_000.0, 1.4),
             DealSeen(AT - dt.timedelta(weeks=34), 30, 1000, 21_000.0, 1.2),
             DealSeen(AT - dt.timedelta(weeks=8), 40, 1000, 22_000.0, None)]
    scenario = estimate(spells, terms, deals, AT, 104, "BY", synthetic=False)
    assert scenario.value("response_to_deals") == pytest.approx(0.3)  # (0.4 + 0.2) / 2
    policy = scenario.policy("pay_for_releases")
    assert policy.every_weeks == 26 and policy.share_released == pytest.approx(0.04)
    assert policy.price_per_prisoner == pytest.approx(21_000) and policy.price_growth == pytest.approx(0.0488, 1e-3)
    assert "registry: deal impact" in scenario.parameters["response_to_deals"].source


def test_calibration_needs_a_timeline():
    with pytest.raises(CalibrationError, match="no political prisoner's custody began in BY"):
        estimate([], [400], [], AT, 104, "BY", synthetic=False)
    spells, _terms = _timeline()
    with pytest.raises(CalibrationError, match="no custodial sentence in BY"):
        estimate(spells, [], [], AT, 104, "BY", synthetic=False)


def test_the_bundled_scenario_loads_and_says_it_is_synthetic():
    from politzek.simulate.report import bundled_scenarios

    bundled = load_scenario(bundled_scenarios()["belarus-demo"])
    assert bundled.synthetic and "synthetic" in bundled.name
    assert [p.kind for p in bundled.policies] == ["none", "deals", "automatic_cost", "mixed"]
    assert all(p.source for p in bundled.parameters.values())


def _few(held: int = 5) -> tuple[list[Spell], list[int]]:
    """A registry of a few documented people, as the 40-person Belarus registry of issue 34 was
    (5 held, against ~1,135 that Viasna reported)."""
    start = AT - dt.timedelta(weeks=80)
    spells = [Spell(start + dt.timedelta(weeks=i), None) for i in range(held)]
    spells += [Spell(start + dt.timedelta(weeks=i), start + dt.timedelta(weeks=i + 30), "released_pardon", True)
               for i in range(held, held + 3)]
    return spells, [365 * 3] * (held + 3)


def test_too_few_records_give_no_advice_unless_asked_and_then_say_so():
    spells, terms = _few()
    deals = [DealSeen(AT - dt.timedelta(weeks=40), 3, 8, 1e6, 0.0)]  # one deal after which nothing was recorded
    with pytest.raises(CalibrationError, match="holds 5 political prisoner.*too few to stand for the country"):
        estimate(spells, terms, deals, AT, 104, "BY", synthetic=False)
    scenario = estimate(spells, terms, deals, AT, 104, "BY", synthetic=False, accept_few=True)
    assert scenario.name.endswith("(few records)") and "TOO FEW to stand for the country" in scenario.notes
    assert scenario.notes.startswith(
        "Rests on: political-prisoner spells in the registry: 8; political prisoners held on January 5, 2026: 5")
    # The one deal's ratio (0.0, so -1.0) is outside every study's range: set to its nearest end.
    response = scenario.parameters["response_to_deals"]
    assert (response.value, response.low, response.high) == (0.0, 0.0, 0.87)
    assert response.source.startswith(
        "measured -100%, outside the literature's range 0%–87%: set to its nearest end, 0%")
