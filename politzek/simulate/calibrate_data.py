"""Reads what calibration needs out of the registry: the political-prisoner spells of a country
(flows' derived facts, recognition by any organization), the custodial terms handed down in
its cases, and its deals with their impact and price. Counts cover every record."""

from __future__ import annotations

import datetime as dt

from politzek.bargaining.impact import ImpactError, deal_impact
from politzek.bargaining.price import deal_prices
from politzek.flows.facts import ANY_ORGANIZATION, POLITICAL
from politzek.flows.models import Fact
from politzek.flows.refresh import refresh
from politzek.registry import models as m
from politzek.registry.status import CUSTODY_START_UNKNOWN
from politzek.simulate.calibrate import DealSeen, Reported, Spell, estimate
from politzek.simulate.scenario import Scenario

IMPACT_WEEKS = 26


def calibrated_scenario(country: str, at: dt.date | None = None, window_weeks: int = 104,
                        accept_few: bool = False) -> Scenario:
    refresh()
    at = at or dt.date.today()
    deal_days = set(m.Event.objects.filter(deal__isnull=False, person__country=country).values_list(
        "person_id", "date_earliest"))
    spells = [Spell(start, end, end_kind or "", (person, end) in deal_days, start_kind != CUSTODY_START_UNKNOWN)
              for person, start, end, end_kind, start_kind in Fact.objects.filter(
                  kind=POLITICAL, organization=ANY_ORGANIZATION, country=country, start__isnull=False).values_list(
                  "person_id", "start", "end", "end_kind", "start_kind")]
    terms = [term for term, kind, absentia in m.Sentence.objects.filter(
        case__jurisdiction=country, term_days__isnull=False).values_list("term_days", "kind", "in_absentia")
        if m.Sentence.is_custodial(kind, absentia)]
    deals = []
    for price in deal_prices(country):
        if price.day > at:
            continue
        try:
            impact = deal_impact(price.deal, windows=(IMPACT_WEEKS,), country=country, today=at)
            window = impact.windows[0]
            ratio = window.detentions.ratio if window.complete else None
            held = window.stock_before_deal
        except ImpactError:
            ratio, held = None, 0
        deals.append(DealSeen(price.day, price.political_prisoners_released, held, price.usd_per_prisoner, ratio,
                              price.announced_released, _reported_total(country, price.day - dt.timedelta(days=1)),
                              price.usd_per_announced))
    synthetic = m.Person.objects.filter(country=country, synthetic=True).exists()
    return estimate(spells, terms, deals, at, window_weeks, country, synthetic, accept_few=accept_few,
                    reported=reported_for(country, at, window_weeks))


def _latest_total(country: str, day: dt.date) -> m.ReportedFigure | None:
    return (m.ReportedFigure.objects.filter(country=country, kind="total_held", as_of__lte=day)
            .select_related("organization", "source").order_by("-as_of", "organization__code").first())


def _reported_total(country: str, day: dt.date) -> int | None:
    figure = _latest_total(country, day)
    return figure.value if figure else None


def reported_for(country: str, at: dt.date, window_weeks: int) -> Reported:
    """The reported figures calibration rests on: the latest total held as of `at`, and the
    newly recognized counted for periods inside the window (their weeks added up)."""
    first = at - dt.timedelta(weeks=window_weeks)
    total = _latest_total(country, at)
    counts = []
    # Periods that overlap (a month inside a year's count) are counted once: the earliest
    # first, then the longest; a period overlapping one already counted is left out.
    for figure in m.ReportedFigure.objects.filter(country=country, kind="newly_recognized", period_start__gt=first,
                                                  period_end__lte=at).order_by("period_start", "-period_end"):
        if not counts or figure.period_start > counts[-1].period_end:
            counts.append(figure)
    weeks = sum(((f.period_end - f.period_start).days + 1) / 7 for f in counts)  # type: ignore[operator]
    return Reported(
        total=total.value if total else None, total_day=total.as_of if total else None,
        total_by=total.organization.name if total else "", total_source=total.source.url if total else "",
        recognized=sum(f.value for f in counts), recognized_weeks=weeks, figures=len(counts) + (1 if total else 0))
