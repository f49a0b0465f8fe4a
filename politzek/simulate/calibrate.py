"""Calibration (framework-free): a scenario's parameters estimated from a country's timeline,
each written with where it came from, beside the literature's range for what the timeline
cannot tell (how a regime answers deals and costs).

- arrests per week: political-prisoner spells that began in the window, per week;
- prisoners held at the start: spells open on the last day;
- pardons and deaths per year: spells that ended so (deals excluded), per person-year held
  in the window — the rates of the model's constant weekly chances;
- time in custody: the custodial terms handed down, as a histogram in weeks;
- the deals: how often the country's deals came, the share of the prisoners held that each
  freed, the price per political prisoner and its growth deal to deal;
- the response to deals: the deal-impact rate ratios of new detentions (26 weeks after
  against 26 before), minus 1, averaged; its range spans the literature."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from politzek.simulate.scenario import CustodyTime, Parameter, Policy, Scenario
from politzek.simulate.wording import basis_text, calibration_text, in_english, scenario_name

EDGES = (1, 13, 26, 52, 104, 156, 208, 260, 364, 520, 780, 1041)
DEATH_KINDS = frozenset({"died_in_custody", "executed", "killed"})
PARDON_KINDS = frozenset({"released_pardon", "released_other"})
LITERATURE_RESPONSE = (0.0, 0.87)  # the studies: wording.LOW_STUDY, wording.HIGH_STUDY
GROWTH_CAP = 0.1
# Below these, a registry tells about the few people it holds, not about the country: a
# 40-person registry (5 held, against ~1,135 reported) once gave response_to_deals = -1.0 and
# advice "worse in 0% of runs" (issue 34). Calibrating anyway needs saying so (accept_few).
MIN_HELD = 20
MIN_NEW = 10


@dataclass(frozen=True, slots=True)
class Spell:
    """A political-prisoner spell: in custody while recognized."""

    start: dt.date
    end: dt.date | None  # None: still held
    end_kind: str = ""
    by_deal: bool = False  # the release was part of a deal
    start_known: bool = True  # False: held since an unknown day, first known held on `start` (no arrest)


@dataclass(frozen=True, slots=True)
class DealSeen:
    day: dt.date
    freed: int  # political prisoners it freed
    held: int  # political prisoners held the day before
    usd_per_prisoner: float | None
    detention_rate_ratio: float | None  # new detentions 26 weeks after ÷ 26 weeks before
    # What was announced and reported, where recorded: the share a deal freed is then the
    # people announced over the total an organization reported held before it, and its price
    # the valued concessions per person announced (issue 34: the registry's share misled).
    announced: int | None = None
    reported_held: int | None = None
    usd_per_announced: float | None = None


@dataclass(frozen=True, slots=True)
class Reported:
    """An organization's reported figures for the country, where recorded (flows/reported.py)."""

    total: int | None = None  # the latest total held as of the calibration day or before
    total_day: dt.date | None = None
    total_by: str = ""
    total_source: str = ""
    recognized: int = 0  # newly recognized over the weeks the period counts cover in the window
    recognized_weeks: float = 0.0
    figures: int = 0  # how many reported figures the scenario rests on


class CalibrationError(ValueError):
    pass


def custody_histogram(term_days: Iterable[int]) -> tuple[tuple[int, ...], tuple[float, ...], int]:
    weeks = [min(max(1, round(days / 7)), EDGES[-1] - 1) for days in term_days if days and days > 0]
    counts = [0] * (len(EDGES) - 1)
    for value in weeks:
        for i in range(len(EDGES) - 1):
            if EDGES[i] <= value < EDGES[i + 1]:
                counts[i] += 1
                break
    total = sum(counts)
    return EDGES, tuple(c / total if total else 0.0 for c in counts), total


def _parameter(value: float, fact: dict[str, Any], low: float | None = None, high: float | None = None) -> Parameter:
    """A parameter with its basis as a fact and, as its source, that fact in English."""
    return Parameter(value, in_english(basis_text, fact), low, high, basis=fact)


def _scale(reported: Reported, held_now: int, began: int, window_weeks: int, window: dict[str, Any]
           ) -> tuple[Parameter, Parameter]:
    """The prisoners held at the start and the arrests a week: an organization's reported
    figures where they exist, the registry's own counts otherwise (then said to assume the
    registry is complete)."""
    if reported.total:
        initial = _parameter(float(reported.total), {
            "fact": "reported_held", "by": reported.total_by, "day": reported.total_day.isoformat()
            if reported.total_day else window["last"], "total": reported.total, "source": reported.total_source,
            "held": held_now})
    else:
        initial = _parameter(float(held_now), {"fact": "registry_held", **window, "held": held_now})
    if reported.recognized_weeks >= 4:
        arrests = _parameter(round(reported.recognized / reported.recognized_weeks, 3), {
            "fact": "reported_new", "recognized": reported.recognized, "weeks": round(reported.recognized_weeks),
            "new": began, "window_weeks": window_weeks})
    elif reported.total and held_now:
        factor = reported.total / held_now
        arrests = _parameter(round(began / window_weeks * factor, 3), {
            "fact": "registry_new", **window, "new": began, "weeks": window_weeks, "factor": round(factor, 4)})
    else:
        arrests = _parameter(round(began / window_weeks, 3),
                             {"fact": "registry_new", **window, "new": began, "weeks": window_weeks})
    return initial, arrests


def _years_held(spell: Spell, first: dt.date, last: dt.date) -> float:
    start = max(spell.start, first)
    end = min(spell.end or last, last)
    return max(0, (end - start).days) / 365.25


def estimate(spells: list[Spell], term_days: list[int], deals: list[DealSeen], at: dt.date, window_weeks: int,
             country: str, synthetic: bool, horizon_weeks: int = 520, accept_few: bool = False,
             reported: Reported | None = None) -> Scenario:
    """A scenario from what the registry shows; raises CalibrationError naming what is missing,
    or that the registry holds too few people to stand for the country (unless `accept_few`,
    when the scenario says so in its name and notes)."""
    first = at - dt.timedelta(weeks=window_weeks)
    window = {"country": country, "first": first.isoformat(), "last": at.isoformat()}
    began = [s for s in spells if s.start_known and first < s.start <= at]
    if not began:
        raise CalibrationError(f"no political prisoner's custody began in {country} between {first} and {at}; "
                               "calibration needs a timeline")
    held_now = sum(1 for s in spells if s.start <= at and (s.end is None or s.end > at))
    few = held_now < MIN_HELD or len(began) < MIN_NEW
    if few and not accept_few:
        raise CalibrationError(
            f"the registry holds {held_now} political prisoner(s) in {country} on {at} and {len(began)} new in "
            f"{window_weeks} weeks: too few to stand for the country (at least {MIN_HELD} held and {MIN_NEW} new); "
            "parameters from them would describe these people, not the country's. Add --accept-few to calibrate "
            "anyway, marked as resting on few records")
    exposure = sum(_years_held(s, first, at) for s in spells if s.start <= at and (s.end is None or s.end > first))
    ended = [s for s in spells if s.end is not None and first < s.end <= at and not s.by_deal]
    pardons = sum(1 for s in ended if s.end_kind in PARDON_KINDS)
    deaths = sum(1 for s in ended if s.end_kind in DEATH_KINDS)
    edges, shares, terms = custody_histogram(term_days)
    if not terms:
        raise CalibrationError(f"no custodial sentence in {country}: the time in custody cannot be estimated")

    seen = sorted(deals, key=lambda d: d.day)
    ratios = [d.detention_rate_ratio - 1 for d in seen if d.detention_rate_ratio is not None
              and math.isfinite(d.detention_rate_ratio)]
    response_fact: dict[str, Any] = {"fact": "response_to_deals", "country": country, "deals": len(ratios)}
    response = round(statistics.fmean(ratios), 3) if ratios else 0.26  # else the lower end of Brandt et al.
    low, high = LITERATURE_RESPONSE
    if not low <= response <= high:
        # A measured response outside every study's range is a registry's gap or one deal's
        # noise: the model is not run on it (-1.0 once said deals end all arrests).
        clamped = min(max(response, low), high)
        response_fact.update(measured=response, low=low, high=high, set=clamped)
        response = clamped
    reported = reported or Reported()
    initial, arrests = _scale(reported, held_now, len(began), window_weeks, window)
    parameters = {
        "initial_prisoners": initial,
        "arrests_per_week": arrests,
        "pardon_per_year": _parameter(round(min(0.99, pardons / exposure), 5) if exposure else 0.0, {
            "fact": "pardons", **window, "count": pardons, "years": round(exposure)}),
        "death_per_year": _parameter(round(min(0.99, deaths / exposure), 5) if exposure else 0.0, {
            "fact": "deaths", **window, "count": deaths, "years": round(exposure)}),
        "response_to_deals": _parameter(response, response_fact, low, high),
        "response_weeks": _parameter(26.0, {"fact": "response_window", "weeks": 26}),
        "deterrence_per_100_arrests": _parameter(0.02, {"fact": "deterrence_assumption", "share": 0.02}, 0.0, 0.05),
    }
    # The mean gap between the first and the last deal: one cluster of quick deals does not set
    # the pace of ten years the way a median of gaps would.
    every = max(1, round((seen[-1].day - seen[0].day).days / 7 / (len(seen) - 1))) if len(seen) > 1 else 26
    shares_freed = [d.announced / d.reported_held if d.announced and d.reported_held else d.freed / d.held
                    for d in seen if (d.announced and d.reported_held) or d.held]
    share = round(statistics.fmean(shares_freed), 4) if shares_freed else 0.05
    prices = [d.usd_per_announced or d.usd_per_prisoner for d in seen if d.usd_per_announced or d.usd_per_prisoner]
    price = round(statistics.fmean(prices), 2) if prices else 0.0
    # The median of the deal-to-deal changes, at most +10% a deal: ten years of deals compound
    # it some twenty times, and a few deals whose prices jump would make sums no projection
    # should carry. The notes give the median seen.
    steps = [b / a - 1 for a, b in zip(prices, prices[1:], strict=False)]
    seen_growth = statistics.median(steps) if steps else 0.0
    growth = round(max(-0.1, min(GROWTH_CAP, seen_growth)), 4)
    deals_policy = dict(every_weeks=every, first_deal_week=every, share_released=max(share, 1e-4),
                        price_per_prisoner=price, price_growth=growth)
    calibration = {
        "country": country, "on": at.isoformat(), "synthetic": synthetic, "few": few, "spells": len(spells),
        "held": held_now, "new": len(began), "weeks": window_weeks, "terms": terms, "deals": len(seen),
        "figures": reported.figures, "every": every, "share": share, "price": price, "growth": growth,
        "seen_growth": round(seen_growth, 4)}
    if reported.total:
        calibration.update(reported_total=reported.total, reported_by=reported.total_by,
                           reported_day=reported.total_day.isoformat() if reported.total_day else at.isoformat())
    custody_fact = {"fact": "custody", **window, "terms": terms}
    return Scenario(
        name=in_english(scenario_name, calibration), country=country,
        synthetic=synthetic, horizon_weeks=horizon_weeks, parameters=parameters,
        custody=CustodyTime(edges, shares, in_english(basis_text, custody_fact), custody_fact),
        policies=(Policy("no_engagement", "none"), Policy("pay_for_releases", "deals", **deals_policy),
                  Policy("automatic_cost", "automatic_cost"), Policy("mixed", "mixed", **deals_policy)),
        notes=in_english(calibration_text, calibration), calibration=calibration)
