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
from politzek.simulate.calibrate import DealSeen, Spell, estimate
from politzek.simulate.scenario import Scenario

IMPACT_WEEKS = 26


def calibrated_scenario(country: str, at: dt.date | None = None, window_weeks: int = 104,
                        accept_few: bool = False) -> Scenario:
    refresh()
    at = at or dt.date.today()
    deal_days = set(m.Event.objects.filter(deal__isnull=False, person__country=country).values_list(
        "person_id", "date_earliest"))
    spells = [Spell(start, end, end_kind or "", (person, end) in deal_days)
              for person, start, end, end_kind in Fact.objects.filter(
                  kind=POLITICAL, organization=ANY_ORGANIZATION, country=country, start__isnull=False).values_list(
                  "person_id", "start", "end", "end_kind")]
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
        deals.append(DealSeen(price.day, price.political_prisoners_released, held, price.usd_per_prisoner, ratio))
    synthetic = m.Person.objects.filter(country=country, synthetic=True).exists()
    return estimate(spells, terms, deals, at, window_weeks, country, synthetic, accept_few=accept_few)
