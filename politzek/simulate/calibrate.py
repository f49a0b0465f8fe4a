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

from politzek.simulate.scenario import CustodyTime, Parameter, Policy, Scenario

EDGES = (1, 13, 26, 52, 104, 156, 208, 260, 364, 520, 780, 1041)
DEATH_KINDS = frozenset({"died_in_custody", "executed", "killed"})
PARDON_KINDS = frozenset({"released_pardon", "released_other"})
LITERATURE_RESPONSE = (0.0, 0.87)
GROWTH_CAP = 0.1
# Below these, a registry tells about the few people it holds, not about the country: a
# 40-person registry (5 held, against ~1,135 reported) once gave response_to_deals = -1.0 and
# advice "worse in 0% of runs" (issue 34). Calibrating anyway needs saying so (accept_few).
MIN_HELD = 20
MIN_NEW = 10
LITERATURE_SOURCE = ("range: Foley Foundation (2024), no rise in wrongful detentions in Iran and Venezuela after "
                     "exchanges, to Brandt, George & Sandler (2016, European Journal of Political Economy 44), "
                     "26–87% more kidnappings after successful concessions")


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


def _scale(reported: Reported, held_now: int, began: int, window_weeks: int, where: str,
           at: dt.date) -> tuple[Parameter, Parameter]:
    """The prisoners held at the start and the arrests a week: an organization's reported
    figures where they exist, the registry's own counts otherwise (then said to assume the
    registry is complete)."""
    if reported.total:
        initial = Parameter(float(reported.total), f"reported: {reported.total_by}, {reported.total:,} political "
                                                   f"prisoners held on {reported.total_day} ({reported.total_source}); "
                                                   f"the registry holds {held_now} of them")
    else:
        initial = Parameter(float(held_now), f"{where}: political prisoners held on {at} (no reported total)")
    if reported.recognized_weeks >= 4:
        arrests = Parameter(round(reported.recognized / reported.recognized_weeks, 3),
                            f"reported: {reported.recognized} newly recognized in the {reported.recognized_weeks:.0f} "
                            f"weeks the reported counts of the window cover; the registry has {began} new in "
                            f"{window_weeks} weeks")
    elif reported.total and held_now:
        factor = reported.total / held_now
        arrests = Parameter(round(began / window_weeks * factor, 3),
                            f"{where}: {began} new political prisoners in {window_weeks} weeks, scaled by "
                            f"{factor:.2f} (the reported total held over the registry's); assumes the registry "
                            "records new prisoners in the share it holds them")
    else:
        arrests = Parameter(round(began / window_weeks, 3),
                            f"{where}: {began} new political prisoners in {window_weeks} weeks (no reported count)")
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
    where = f"registry, {country}, {first} to {at}"
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
    if ratios:
        response = round(statistics.fmean(ratios), 3)
        response_source = (f"registry: deal impact, new detentions 26 weeks after ÷ before, minus 1, mean over "
                           f"{len(ratios)} deal(s) of {country}; {LITERATURE_SOURCE}")
    else:
        response = 0.26
        response_source = f"no deal of {country} to measure: the lower end of Brandt, George & Sandler (2016); " \
                          + LITERATURE_SOURCE
    low, high = LITERATURE_RESPONSE
    if not low <= response <= high:
        # A measured response outside every study's range is a registry's gap or one deal's
        # noise: the model is not run on it (-1.0 once said deals end all arrests).
        clamped = min(max(response, low), high)
        response_source = (f"measured {response:+.2f}, outside the literature's range {low}–{high}: set to its "
                           f"nearest end, {clamped}; " + response_source)
        response = clamped
    reported = reported or Reported()
    initial, arrests = _scale(reported, held_now, len(began), window_weeks, where, at)
    parameters = {
        "initial_prisoners": initial,
        "arrests_per_week": arrests,
        "pardon_per_year": Parameter(round(min(0.99, pardons / exposure), 5) if exposure else 0.0,
                                     f"{where}: {pardons} pardons and other early releases (deals excluded) in "
                                     f"{exposure:.0f} person-years held"),
        "death_per_year": Parameter(round(min(0.99, deaths / exposure), 5) if exposure else 0.0,
                                    f"{where}: {deaths} deaths in custody in {exposure:.0f} person-years held"),
        "response_to_deals": Parameter(response, response_source, low, high),
        "response_weeks": Parameter(26.0, "the deal-impact window (26 weeks), as measured"),
        "deterrence_per_100_arrests": Parameter(0.02, "assumption: no measurement exists; 2% lower arrest rate per "
                                                      "100 arrests that each raised the cost", 0.0, 0.05),
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
    rests_on = (f"Rests on {len(spells)} political-prisoner spell(s) in the registry ({held_now} held on {at}, "
                f"{len(began)} new in {window_weeks} weeks), {terms} custodial term(s), {len(seen)} deal(s) and "
                f"{reported.figures} reported figure(s)"
                + (f" (the registry holds {held_now} of the {reported.total:,} {reported.total_by} reports held on "
                   f"{reported.total_day})" if reported.total else "; no reported total: the registry's counts are "
                   "taken as the country's")
                + ("; TOO FEW to stand for the country, calibrated anyway on request" if few else "") + ". ")
    notes = (rests_on + f"Calibrated from the registry on {at} "
             f"({'synthetic demo data' if synthetic else 'registry data'}). "
             f"Deals: every {every} weeks ({len(seen)} deal(s) seen), each freeing {share:.2%} of the political "
             f"prisoners held, at {price:,.0f} USD per prisoner, growing {growth:.1%} a deal (the median change deal "
             f"to deal was {seen_growth:.1%}; kept within ±10%). Custody times from "
             f"{terms} custodial sentences.")
    return Scenario(
        name=f"{country} calibrated on {at}" + (" (synthetic demo data)" if synthetic else "")
        + (" (few records)" if few else ""), country=country,
        synthetic=synthetic, horizon_weeks=horizon_weeks, parameters=parameters,
        custody=CustodyTime(edges, shares, f"{where}: {terms} custodial terms handed down (any date)"),
        policies=(Policy("no_engagement", "none"), Policy("pay_for_releases", "deals", **deals_policy),
                  Policy("automatic_cost", "automatic_cost"), Policy("mixed", "mixed", **deals_policy)),
        notes=notes)
