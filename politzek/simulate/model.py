"""The political-prisoner population of one country, week by week, under an outside policy
(framework-free, NumPy; every equation in plain words in docs/simulator.md).

- New political prisoners arrive each week, Poisson with a rate: the base rate, raised by
  `response_to_deals` for `response_weeks` after each deal, and under the automatic cost
  lowered by `deterrence_per_100_arrests` for every 100 arrests since the policy began.
- Each prisoner's time in custody is drawn when they arrive: the term from the custody-time
  histogram, cut short by a pardon or a death (constant weekly chances), or by a deal (each
  deal frees each prisoner held, who arrived before it, with probability `share_released`).
  Drawing every exit at arrival is exact for these rules (each acts on each prisoner alone)
  and makes a run cost a few array operations per prisoner, not per prisoner per week.
- The prisoners held when the horizon starts have the remaining terms of a population in
  equilibrium (the chance of k weeks left is proportional to the chance a term is longer
  than k).

Runs share nothing; uncertain parameters are drawn once per run. The same seed gives the same
results, and the policies of one call use common random numbers (the same parameter draws
and custody draws), so their differences are not Monte Carlo noise."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from politzek.simulate.scenario import PARAMETERS, CustodyTime, Policy, Scenario

WEEKS_PER_YEAR = 52
NEVER = np.iinfo(np.int32).max // 2
CHUNK_PRISONERS = 250_000  # prisoners drawn at once: small enough for the processor's cache
TERM, PARDON, DEATH, DEAL = 0, 1, 2, 3
MODES = {TERM: "end_of_term", PARDON: "pardon", DEATH: "death", DEAL: "deal"}


def weekly(per_year: np.ndarray | float) -> np.ndarray:
    """A yearly chance as the weekly chance that compounds to it."""
    return 1 - np.power(1 - np.asarray(per_year, dtype=float), 1 / WEEKS_PER_YEAR)


def custody_pmf(custody: CustodyTime) -> np.ndarray:
    """P(time in custody = k weeks), k = 0 … last edge − 1 (0 has no weight)."""
    pmf = np.zeros(custody.edges[-1])
    for share, low, high in zip(custody.shares, custody.edges, custody.edges[1:], strict=False):
        pmf[low:high] += share / (high - low)
    return pmf


def residual_pmf(custody: CustodyTime) -> np.ndarray:
    """P(k weeks left, k ≥ 1) for someone held since before the horizon in a population in
    equilibrium: arrived a ≥ 1 weeks ago with a term of a + k, so proportional to
    Σ_a P(T = a + k) = P(T > k). (Such a population holds arrivals × (mean term − 1) people
    before the week's own arrivals.)"""
    pmf = custody_pmf(custody)
    at_least = pmf[::-1].cumsum()[::-1]  # P(T ≥ k)
    weights = np.concatenate([[0.0], at_least[2:], [0.0]])  # weights[k] = P(T ≥ k + 1)
    return weights / weights.sum()


@dataclass
class Draws:
    """The parameter values of every run (uncertain ones drawn from their ranges)."""

    values: dict[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]


def draw_parameters(scenario: Scenario, runs: int, rng: np.random.Generator, uncertainty: bool) -> Draws:
    values = {}
    for name in PARAMETERS:  # a fixed order, so a seed means the same draws whatever changes
        parameter = scenario.parameters[name]
        uniform = rng.random(runs)
        if uncertainty and parameter.uncertain:
            values[name] = parameter.low + (parameter.high - parameter.low) * uniform  # type: ignore[operator]
        else:
            values[name] = np.full(runs, parameter.value)
    return Draws(values)


@dataclass
class PolicyRun:
    """One policy's runs: what each run produced."""

    policy: Policy
    deal_weeks: list[int]
    held: np.ndarray  # runs × weeks: political prisoners held during each week
    arrests: np.ndarray  # runs × weeks: new political prisoners each week
    person_years: np.ndarray  # runs: years of imprisonment within the horizon, everyone held counted
    exits: dict[str, np.ndarray]  # mode -> runs: releases, deaths within the horizon
    freed_per_deal: np.ndarray  # runs × deals
    concessions: np.ndarray  # runs: US dollars paid for the deals' releases
    draws: Draws = field(repr=False)


def deal_window_count(deal_weeks: list[int], horizon: int, response_weeks: np.ndarray) -> np.ndarray:
    """runs × weeks: how many deals' windows of raised arrests each week falls in (a deal at
    week w raises weeks w+1 … w+response_weeks). Computed once per distinct window length."""
    lengths = np.round(response_weeks).astype(np.int64)
    distinct, which = np.unique(lengths, return_inverse=True)
    rows = np.zeros((len(distinct), horizon))
    for row, length in enumerate(distinct):
        for deal in deal_weeks:
            rows[row, deal + 1:min(horizon, deal + 1 + length)] += 1
    return rows[which]


def arrivals(scenario: Scenario, policy: Policy, draws: Draws, rng: np.random.Generator) -> np.ndarray:
    """runs × weeks of new political prisoners."""
    runs, horizon = len(draws["arrests_per_week"]), scenario.horizon_weeks
    windows = deal_window_count(policy.deal_weeks(horizon), horizon, draws["response_weeks"])
    rate = np.clip(draws["arrests_per_week"][:, None] * (1 + draws["response_to_deals"][:, None] * windows), 0, None)
    if not policy.automatic_cost:
        return rng.poisson(rate).astype(np.int32)
    # Each arrest under the automatic cost raises the cost; the rate answers to all of them so far.
    keep = 1 - draws["deterrence_per_100_arrests"]
    counts = np.zeros((runs, horizon), dtype=np.int32)
    since = np.zeros(runs)
    for week in range(horizon):
        factor = np.minimum(np.power(keep, since / 100), 50.0)  # a defiant regime's rise is capped at 50×
        counts[:, week] = rng.poisson(rate[:, week] * factor)
        since += counts[:, week]
    return counts


class Sampler:
    """Draws from a discrete distribution by its inverse distribution function, exactly, in
    about constant time (the guide-table method of Chen and Asau): a table of 65,536 cells of
    the uniform draw gives the value directly wherever one value covers the whole cell; the
    few cells where two values meet fall back to a binary search."""

    CELLS = 1 << 16

    def __init__(self, pmf: np.ndarray) -> None:
        self.cdf = np.cumsum(pmf / pmf.sum())
        self.cdf[-1] = 1.0
        edges = np.arange(self.CELLS + 1) / self.CELLS
        first = np.searchsorted(self.cdf, edges[:-1], side="right")
        last = np.searchsorted(self.cdf, np.nextafter(edges[1:], 0), side="right")
        self.table = np.where(first == last, first, -1).astype(np.int16)  # small: stays in the cache

    def draw(self, count: int, rng: np.random.Generator) -> np.ndarray:
        uniform = rng.random(count)
        value = np.take(self.table, (uniform * self.CELLS).astype(np.int32))
        mixed = np.flatnonzero(value < 0)
        value[mixed] = np.searchsorted(self.cdf, uniform[mixed], side="right")
        return value


def _steps(scale: np.ndarray | float, count: int, rng: np.random.Generator) -> np.ndarray:
    """Weeks until an event whose weekly chance c gives scale = 1 / log(1 − c) (1 = next
    week): the inverse of the geometric distribution. A chance of 0 (scale −∞) never comes."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        steps = np.log(rng.random(count, dtype=np.float32)) * scale + 1
    return np.where(steps < NEVER, steps, NEVER).astype(np.int32)


def _scale(chance: np.ndarray) -> np.ndarray:
    """1 / log(1 − c) for _steps: −∞ for a chance of 0, about 0 (the next week) for 1."""
    with np.errstate(divide="ignore"):
        return np.where(chance > 0, 1 / np.log1p(-np.minimum(chance, 1 - 1e-12)), -np.inf).astype(np.float32)


@dataclass
class _Custody:
    """What the custody draws need, prepared once per policy."""

    new_terms: Sampler
    old_terms: Sampler
    hazard_scale: np.ndarray  # per run: _scale of the weekly chance of a pardon or a death
    pardon_share: np.ndarray  # per run: of those, the share that are pardons
    deal_end: np.ndarray  # deal weeks, then NEVER for "no deal frees them"
    next_deal: np.ndarray  # per arrival week: the index of the first deal after it
    deal_scale: float | None  # None: no deal


def _exits(custody: _Custody, run: np.ndarray, arrive: np.ndarray, held_at_start: bool,
           rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each prisoner's exit week and how they left (TERM, PARDON, DEATH, DEAL)."""
    count = len(arrive)
    term_end = arrive + (custody.old_terms if held_at_start else custody.new_terms).draw(count, rng)
    hazard_end = arrive + _steps(np.take(custody.hazard_scale, run), count, rng)
    mode = np.zeros(count, dtype=np.int8)  # TERM
    # Only the few whom a pardon or a death reaches before their term need the draw of which.
    early = np.flatnonzero(hazard_end < term_end)
    pardoned = rng.random(len(early), dtype=np.float32) < np.take(custody.pardon_share, run[early])
    mode[early] = np.where(pardoned, np.int8(PARDON), np.int8(DEATH))
    exit_week = np.minimum(term_end, hazard_end)
    if custody.deal_scale is not None:
        index = np.take(custody.next_deal, arrive) + _steps(custody.deal_scale, count, rng) - 1
        deal_end = np.take(custody.deal_end, np.minimum(index, len(custody.deal_end) - 1))
        freed = deal_end < exit_week
        mode[freed] = DEAL
        exit_week = np.minimum(exit_week, deal_end)
    return exit_week, mode


def simulate_policy(scenario: Scenario, policy: Policy, runs: int, seed: int, uncertainty: bool = True) -> PolicyRun:
    """`runs` runs of one policy over the scenario's horizon."""
    parameter_rng, arrival_rng, custody_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))
    draws = draw_parameters(scenario, runs, parameter_rng, uncertainty)
    horizon = scenario.horizon_weeks
    counts = arrivals(scenario, policy, draws, arrival_rng)
    deal_weeks = np.array(policy.deal_weeks(horizon), dtype=np.int32)
    pardon_w, death_w = weekly(draws["pardon_per_year"]), weekly(draws["death_per_year"])
    with np.errstate(invalid="ignore", divide="ignore"):
        pardon_share = np.where(pardon_w + death_w > 0, pardon_w / (pardon_w + death_w), 1.0)
    share = policy.share_released if policy.deals and len(deal_weeks) else 0.0
    custody = _Custody(
        new_terms=Sampler(custody_pmf(scenario.custody)), old_terms=Sampler(residual_pmf(scenario.custody)),
        hazard_scale=_scale(1 - (1 - pardon_w) * (1 - death_w)), pardon_share=pardon_share.astype(np.float32),
        deal_end=np.concatenate([deal_weeks, [NEVER]]).astype(np.int32),
        next_deal=np.searchsorted(deal_weeks, np.arange(horizon), side="right").astype(np.int32),
        deal_scale=float(_scale(np.array([share]))[0]) if share else None)
    initial = np.round(draws["initial_prisoners"]).astype(np.int64)

    # leaving[run, week, mode]: exits within the horizon; everything else is read off it.
    leaving = np.zeros(runs * horizon * len(MODES), dtype=np.int32)
    weeks = np.arange(horizon, dtype=np.int32)

    def account(first: int, width: int, run: np.ndarray, arrive: np.ndarray, held_at_start: bool) -> None:
        """Draw the exits of these prisoners (of runs first … first + width − 1) and add them up."""
        exit_week, mode = _exits(custody, run, arrive, held_at_start, custody_rng)
        inside = np.flatnonzero(exit_week < horizon)
        cell = ((run[inside] - first) * horizon + exit_week[inside]) * len(MODES) + mode[inside]
        size = width * horizon * len(MODES)
        leaving[first * horizon * len(MODES):first * horizon * len(MODES) + size] += np.bincount(
            cell, minlength=size).astype(np.int32)

    # The prisoners held at the start, then the new ones, in blocks of runs small enough that
    # each block's arrays stay in the processor's cache.
    per_run = counts.sum(axis=1) + initial
    start = 0
    while start < runs:
        stop = start + 1
        total = per_run[start]
        while stop < runs and total + per_run[stop] <= CHUNK_PRISONERS:
            total += per_run[stop]
            stop += 1
        block = np.arange(start, stop, dtype=np.int32)
        old = np.repeat(block, initial[start:stop])
        if len(old):
            account(start, stop - start, old, np.zeros(len(old), dtype=np.int32), True)
        flat = counts[start:stop].ravel()
        run = np.repeat(np.repeat(block, horizon), flat)
        if len(run):
            account(start, stop - start, run, np.repeat(np.tile(weeks, stop - start), flat), False)
        start = stop

    by_mode = leaving.reshape(runs, horizon, len(MODES))
    held = initial[:, None] + np.cumsum(counts - by_mode.sum(axis=2), axis=1)
    exits = {name: by_mode[:, :, code].sum(axis=1) for code, name in MODES.items()}
    freed_matrix = by_mode[:, deal_weeks, DEAL] if len(deal_weeks) else np.zeros((runs, 0), dtype=np.int64)
    prices = policy.price_per_prisoner * np.power(1 + policy.price_growth, np.arange(len(deal_weeks)))
    concessions = (freed_matrix * prices).sum(axis=1) if len(deal_weeks) else np.zeros(runs)
    return PolicyRun(policy=policy, deal_weeks=[int(w) for w in deal_weeks], held=held, arrests=counts,
                     person_years=held.sum(axis=1) / WEEKS_PER_YEAR, exits=exits, freed_per_deal=freed_matrix,
                     concessions=concessions, draws=draws)


def simulate(scenario: Scenario, runs: int = 1000, seed: int = 1, uncertainty: bool = True,
             policies: list[str] | None = None) -> list[PolicyRun]:
    """Every policy of the scenario (or those named), with common random numbers."""
    chosen = [scenario.policy(name) for name in policies] if policies else list(scenario.policies)
    return [simulate_policy(scenario, policy, runs, seed, uncertainty) for policy in chosen]


def expected_person_years(scenario: Scenario, policy: Policy, response: float | None = None) -> float:
    """The exact expected person-years within the horizon at the parameters' values (no
    uncertainty), for a policy without the automatic cost: every prisoner's chance of still
    being held k weeks after arriving, summed. Used for the break-even response and to check
    the simulation."""
    if policy.automatic_cost and scenario.value("deterrence_per_100_arrests") != 0:
        raise ValueError("the expectation has no closed form under a deterrent automatic cost")
    horizon = scenario.horizon_weeks
    rho = scenario.value("response_to_deals") if response is None else response
    pmf = custody_pmf(scenario.custody)
    longer_than = 1 - np.cumsum(pmf)  # P(T > k), k = 0 … edges[-1] − 1
    term_held = np.zeros(horizon)
    term_held[:min(horizon, len(longer_than))] = longer_than[:horizon]
    residual = residual_pmf(scenario.custody)
    residual_held = np.zeros(horizon)
    left = 1 - np.cumsum(residual)
    residual_held[:min(horizon, len(left))] = left[:horizon]
    hazard = 1 - (1 - weekly(scenario.value("pardon_per_year"))) * (1 - weekly(scenario.value("death_per_year")))
    ages = np.arange(horizon)
    survive_hazard = np.power(1 - hazard, ages)
    deals = np.array(policy.deal_weeks(horizon), dtype=np.int64)
    share = policy.share_released if policy.deals else 0.0
    # deals_between[t, k]: deals in (t, t + k]
    arrive = np.arange(horizon)[:, None]
    later = arrive + ages[None, :]
    cumulative = np.searchsorted(deals, np.arange(horizon), side="right") if len(deals) else np.zeros(horizon, int)
    deals_by = np.concatenate([cumulative, np.full(horizon, cumulative[-1] if horizon else 0)])
    deals_between = deals_by[later] - deals_by[arrive]
    held = term_held[None, :] * survive_hazard[None, :] * np.power(1 - share, deals_between)
    inside = later < horizon
    weeks_new = (held * inside).sum(axis=1)  # expected weeks held within the horizon, by arrival week
    initial_weeks = (residual_held * survive_hazard * np.power(1 - share, deals_by[ages] - deals_by[0])).sum()
    windows = deal_window_count(list(deals), horizon, np.array([scenario.value("response_weeks")]))[0]
    rate = np.clip(scenario.value("arrests_per_week") * (1 + rho * windows), 0, None)
    return float((round(scenario.value("initial_prisoners")) * initial_weeks + (rate * weeks_new).sum())
                 / WEEKS_PER_YEAR)
