"""The simulator's model against what must hold whatever the numbers: Little's law without
incentives, reproducibility, monotone responses, deals that free people lowering the
person-years when nobody answers them, the exact expectation, and the plain-Python reference."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from politzek.simulate.analysis import sensitivity, trolley_headline
from politzek.simulate.model import custody_pmf, expected_person_years, residual_pmf, simulate_policy
from politzek.simulate.reference import reference_run
from politzek.simulate.scenario import Policy, parse_scenario

NONE = Policy("no_engagement", "none")
DEALS = Policy("pay_for_releases", "deals", every_weeks=26, share_released=0.1, price_per_prisoner=1000.0,
               price_growth=0.1)
COST = Policy("automatic_cost", "automatic_cost")


def scenario(**values):
    """A small country: 5 arrests a week, custody of 10 to 50 weeks (mean 29.5), 3 years."""
    data = {
        "name": "test", "country": "BY", "horizon_weeks": 156,
        "parameters": {
            "initial_prisoners": {"value": 0, "source": "test"},
            "arrests_per_week": {"value": 5, "source": "test"},
            "pardon_per_year": {"value": 0.0, "source": "test"},
            "death_per_year": {"value": 0.0, "source": "test"},
            "response_to_deals": {"value": 0.0, "source": "test", "range": [0.0, 0.87]},
            "response_weeks": {"value": 26, "source": "test"},
            "deterrence_per_100_arrests": {"value": 0.0, "source": "test", "range": [0.0, 0.05]},
        },
        "custody_weeks": {"edges": [10, 30, 50], "shares": [1, 1], "source": "test"},
        "policies": [{"name": "no_engagement", "kind": "none"}],
    }
    for name, value in values.items():
        data["parameters"][name]["value"] = value
    return parse_scenario(data, "test.yaml")


def test_without_incentives_the_mean_held_obeys_littles_law():
    # An infinite-server queue: once every term that began has had time to end (50 weeks),
    # the mean number held is arrivals a week × mean weeks in custody = 5 × 29.5.
    base = scenario()
    assert base.custody.mean_weeks == pytest.approx(29.5)
    run = simulate_policy(base, NONE, runs=2000, seed=3, uncertainty=False)
    settled = run.held[:, 60:]
    mean, error = settled.mean(), settled.mean(axis=1).std() / np.sqrt(len(settled))
    assert abs(mean - 5 * 29.5) < 4 * error + 0.05


def test_held_at_the_start_are_in_equilibrium():
    # Held from before the horizon: arrivals × (mean term − 1); with the first week's own
    # arrivals, Little's stock of 147.5, and the mean stays there every week.
    run = simulate_policy(scenario(initial_prisoners=5 * 28.5), NONE, runs=2000, seed=4, uncertainty=False)
    weekly_mean = run.held.mean(axis=0)
    assert np.all(np.abs(weekly_mean - 147.5) < 2), weekly_mean[:5]


def test_the_same_seed_gives_the_same_runs():
    first = simulate_policy(scenario(), DEALS, runs=50, seed=11)
    again = simulate_policy(scenario(), DEALS, runs=50, seed=11)
    other = simulate_policy(scenario(), DEALS, runs=50, seed=12)
    assert np.array_equal(first.held, again.held) and np.array_equal(first.person_years, again.person_years)
    assert not np.array_equal(first.held, other.held)


@pytest.mark.parametrize("seed", [1, 2])
def test_a_stronger_response_to_concessions_never_lowers_new_arrests(seed):
    arrests = [simulate_policy(scenario(response_to_deals=rho), DEALS, runs=200, seed=seed,
                               uncertainty=False).arrests.sum() for rho in (0.0, 0.2, 0.5, 0.87)]
    assert arrests == sorted(arrests) and arrests[0] < arrests[-1]


def test_with_no_response_deals_strictly_lower_the_person_years():
    base = scenario(initial_prisoners=147.5)
    none = simulate_policy(base, NONE, runs=300, seed=5, uncertainty=False)
    deals = simulate_policy(base, DEALS, runs=300, seed=5, uncertainty=False)
    assert deals.person_years.mean() < none.person_years.mean()
    assert (deals.exits["deal"] > 0).all() and deals.freed_per_deal.shape == (300, len(DEALS.deal_weeks(156)))
    # the price rises 10% a deal: the concessions are the freed of each deal at its price
    expected = (deals.freed_per_deal * 1000.0 * 1.1 ** np.arange(deals.freed_per_deal.shape[1])).sum(axis=1)
    assert np.allclose(deals.concessions, expected)
    assert expected_person_years(base, DEALS) < expected_person_years(base, NONE)


def test_the_automatic_cost_deters_when_the_regime_answers_it():
    deterred = scenario(deterrence_per_100_arrests=0.05)
    cost = simulate_policy(deterred, COST, runs=200, seed=6, uncertainty=False)
    none = simulate_policy(deterred, NONE, runs=200, seed=6, uncertainty=False)
    assert cost.arrests.sum() < none.arrests.sum()
    indifferent = simulate_policy(scenario(), COST, runs=200, seed=6, uncertainty=False)
    assert indifferent.arrests.sum() == none.arrests.sum()  # the same draws when nobody answers


@pytest.mark.parametrize("policy", [NONE, DEALS])
def test_the_simulation_mean_is_the_exact_expectation(policy):
    base = scenario(initial_prisoners=100, pardon_per_year=0.1, death_per_year=0.01, response_to_deals=0.3)
    run = simulate_policy(base, policy, runs=3000, seed=8, uncertainty=False)
    error = run.person_years.std() / np.sqrt(len(run.person_years))
    assert abs(run.person_years.mean() - expected_person_years(base, policy)) < 4 * error


def test_the_plain_python_reference_computes_the_same_model():
    base = scenario(initial_prisoners=50, pardon_per_year=0.1, death_per_year=0.01, response_to_deals=0.3)
    rng = random.Random(1)
    reference = [reference_run(base, DEALS, rng) for _ in range(300)]
    years = np.array([r.person_years for r in reference])
    vectorized = simulate_policy(base, DEALS, runs=3000, seed=9, uncertainty=False)
    error = np.hypot(years.std() / np.sqrt(len(years)), vectorized.person_years.std() / np.sqrt(3000))
    assert abs(years.mean() - vectorized.person_years.mean()) < 4 * error
    assert abs(np.mean([r.arrests for r in reference]) - vectorized.arrests.sum(axis=1).mean()) < 15
    freed = np.array([r.freed_by_deals for r in reference])
    error = np.hypot(freed.std() / np.sqrt(len(freed)), vectorized.exits["deal"].std() / np.sqrt(3000))
    assert abs(freed.mean() - vectorized.exits["deal"].mean()) < 4 * error


def test_uncertain_parameters_are_drawn_within_their_ranges():
    run = simulate_policy(scenario(), DEALS, runs=500, seed=10)
    response = run.draws["response_to_deals"]
    assert response.min() >= 0 and response.max() <= 0.87 and response.std() > 0.2
    assert (run.draws["arrests_per_week"] == 5).all()


def test_the_break_even_response_is_where_deals_stop_paying_off():
    base = scenario(initial_prisoners=147.5, response_to_deals=0.2)
    head = trolley_headline(base, DEALS)
    assert head.spared > 0 and head.induced > 0
    assert head.net == pytest.approx(head.spared - head.induced)
    at_even = base.with_values(response_to_deals=head.break_even_response)
    assert expected_person_years(at_even, DEALS) == pytest.approx(expected_person_years(base, NONE), rel=1e-9)
    unanswered = trolley_headline(base.with_values(response_weeks=0), DEALS)
    assert unanswered.break_even_response is None and unanswered.induced == 0


def test_the_tornado_puts_the_response_first_for_deals():
    base = scenario(initial_prisoners=147.5, response_to_deals=0.3)
    bars = sensitivity(base, DEALS, runs=60, seed=1)
    assert bars[0]["policy"] == "pay_for_releases"
    assert bars[1]["parameter"] == "response_to_deals" and bars[1]["varied_over"] == "its range"
    deterrence = next(b for b in bars[1:] if b["parameter"] == "deterrence_per_100_arrests")
    assert deterrence["swing"] == 0  # only the automatic cost answers to it


def test_distributions_are_distributions():
    base = scenario()
    assert custody_pmf(base.custody).sum() == pytest.approx(1) and residual_pmf(base.custody).sum() == pytest.approx(1)
    # someone already held has at most the longest term left
    left = residual_pmf(base.custody)
    # k weeks left is as likely as a term longer than k: 49 weeks left at most, never 0
    assert left[0] == 0 and left[49] == 0 and left[48] > 0 and np.all(np.diff(left[1:49]) <= 1e-12)


def test_a_deal_every_week_that_frees_everyone():
    everyone = replace(DEALS, every_weeks=1, share_released=1.0)
    run = simulate_policy(scenario(), everyone, runs=20, seed=2, uncertainty=False)
    # each week's arrivals are freed at the next week's deal: nobody is held two weeks
    assert run.held.max() <= run.arrests.max() and run.exits["end_of_term"].sum() == 0
