"""What followed a deal, computed from the timeline: new detentions and new recognitions in
windows before and after it as rate ratios, the change in the number of political prisoners,
"for every N released, M new", and who was released (recognized political prisoners or not).

Windows: "before" is the `weeks` × 7 days ending the day before the deal; "after" the same
number of days starting on the deal's day, cut at `today` when it has not ended yet (the rate
ratio then compares rates over unequal days, which the exact interval allows for). Counts
cover every record, restricted ones included, as every figure does (docs/privacy.md).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from politzek.bargaining.rates import RateRatio, rate_ratio
from politzek.bargaining.rules import vetting_rules
from politzek.flows.figures import Scope, WindowFlows, entries_of, window_flows
from politzek.registry import models as m
from politzek.registry.status import derive, recognized_at
from politzek.registry.timeline import timelines

WINDOWS = (4, 12, 26)
# The registry's data is taken to stop when nothing was recorded for this long (or for three
# times the usual gap between events before the deal, when events were rarer than that).
QUIET_DAYS = 14


class ImpactError(ValueError):
    """A deal whose impact cannot be computed (no date, a date in the future)."""


@dataclass(frozen=True)
class Coverage:
    """Whether the registry holds data on both sides of a window: a registry whose records
    stop before the window ends would show a "clear fall" that is only missing data."""

    first_recorded: dt.date | None  # the earliest dated event of the country's people
    last_recorded: dt.date | None  # the latest, on or before today (the deal's own releases left out)
    events_before: int  # events of any kind in the before-window
    per_week_before: float
    enough_before: bool
    enough_after: bool

    @property
    def enough(self) -> bool:
        return self.enough_before and self.enough_after

    def as_dict(self) -> dict[str, Any]:
        return {"first_recorded": self.first_recorded.isoformat() if self.first_recorded else None,
                "last_recorded": self.last_recorded.isoformat() if self.last_recorded else None,
                "events_before": self.events_before, "events_per_week_before": round(self.per_week_before, 2),
                "enough_data_before": self.enough_before, "enough_data_after": self.enough_after}


@dataclass
class Window:
    weeks: int
    before: WindowFlows
    after: WindowFlows
    complete: bool  # False when the after-window runs past today
    detentions: RateRatio
    recognitions: RateRatio
    stock_before_deal: int  # political prisoners at the end of the day before the deal
    stock_after: int  # at the end of the after-window
    released: int  # political prisoners released in the after-window, by any mode
    new: int  # new political prisoners in the after-window (the deal's own people taken back left out)
    coverage: Coverage
    # People the deal released and taken back into custody in the after-window: no new arrests,
    # so left out of `detentions` and `new`, and said apart.
    redetained: int = 0

    @property
    def net_change(self) -> int:
        return self.stock_after - self.stock_before_deal

    def as_dict(self) -> dict[str, Any]:
        return {
            "weeks": self.weeks,
            "before": {"from": self.before.first.isoformat(), "to": self.before.last.isoformat()},
            "after": {"from": self.after.first.isoformat(), "to": self.after.last.isoformat(),
                      "complete": self.complete},
            # No rate ratio where the registry has no data to compare: it would be an artifact.
            "new_detentions": self.detentions.as_dict() if self.coverage.enough else None,
            "new_recognitions": self.recognitions.as_dict() if self.coverage.enough else None,
            "coverage": self.coverage.as_dict(),
            "political_prisoners_before_deal": self.stock_before_deal,
            "political_prisoners_at_end": self.stock_after, "net_change": self.net_change,
            "released_in_window": self.released, "new_in_window": self.new,
            "released_by_the_deal_and_taken_back": self.redetained,
            "new_per_released": round(self.new / self.released, 3) if self.released else None,
        }


@dataclass
class Released:
    """The people a deal released (and handed back), by what the registry knows of them."""

    by_regime: int = 0
    recognized: int = 0  # a recognition by a chosen organization in force on the deal's day
    # Of those recognized: no custody on record the day before the deal (the stock's fall is
    # `recognized - recognized_not_held`; the deal page says why the two differ).
    recognized_not_held: int = 0
    not_recognized: int = 0  # in the registry, not recognized on that day
    not_in_registry: int = 0  # listed by name only
    foreign_citizens: int = 0  # released people with no citizenship of the deal's country
    charged_with_violence: int = 0  # a charge under a violence article of the vetting rules
    sent_abroad: int = 0  # released to another country than the one that held them
    destinations: Counter[str] = field(default_factory=Counter)
    returned_to_regime: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"released_by_regime": self.by_regime, "recognized_political_prisoners": self.recognized,
                "recognized_without_custody_on_record": self.recognized_not_held,
                "in_registry_not_recognized": self.not_recognized, "not_in_registry": self.not_in_registry,
                "foreign_citizens": self.foreign_citizens, "charged_with_violence": self.charged_with_violence,
                "sent_abroad": self.sent_abroad,
                "destinations": dict(self.destinations.most_common()),
                "returned_to_regime": self.returned_to_regime}


@dataclass
class Impact:
    deal: m.Deal
    country: str
    day: dt.date
    organizations: tuple[str, ...] | None
    released: Released
    windows: list[Window]

    def as_dict(self) -> dict[str, Any]:
        return {"deal": self.deal.pk, "name": self.deal.name, "date": str(self.deal.date), "kind": self.deal.kind,
                "country": self.country, "synthetic": self.deal.synthetic,
                "organizations": list(self.organizations) if self.organizations else None,
                "released": self.released.as_dict(), "windows": [w.as_dict() for w in self.windows]}


def deal_day(deal: m.Deal) -> dt.date:
    if deal.date is None:
        raise ImpactError(f"deal {deal.pk} ({deal.name}) has no date; its impact has no before and after")
    return deal.date.earliest


def deal_country(deal: m.Deal) -> str:
    """The country that held the people released: the most common country of persecution of
    those released by the regime, else the deal's first party."""
    countries = Counter(
        m.DealRelease.objects.filter(deal=deal, direction=m.DealRelease.Direction.RELEASED_BY_REGIME,
                                     person__isnull=False).values_list("person__country", flat=True))
    countries.pop("", None)
    if countries:
        return countries.most_common(1)[0][0]
    if deal.parties:
        return str(deal.parties[0]).upper()
    raise ImpactError(f"deal {deal.pk} ({deal.name}) names no party and no released person with a country; "
                      "give --country")


def released_people(deal: m.Deal, country: str, organizations: tuple[str, ...] | None) -> Released:
    day = deal_day(deal)
    released = Released()
    # The registry's citizenships of a person, else those the deal's record gives.
    rows = [(direction, person, destination, registry or listed) for direction, person, destination, registry, listed
            in m.DealRelease.objects.filter(deal=deal).values_list(
                "direction", "person_id", "destination_country", "person__citizenships", "citizenships")]
    people = {person for direction, person, _d, _c in rows
              if person is not None and direction == m.DealRelease.Direction.RELEASED_BY_REGIME}
    recognized: set[int] = set()
    for person_id, events in timelines(m.Event.objects.filter(person_id__in=people)):
        if recognized_at(events, day, organizations):
            recognized.add(person_id)
            # The stock of those held falls only by the people held the day before: one with no
            # custody on record (not even since an unknown day) is released on paper only.
            if not derive(events, day - dt.timedelta(days=1)).status.in_custody:
                released.recognized_not_held += 1
    rules = vetting_rules()
    own = m.Charge.objects.filter(person_id__in=people).values_list("person_id", "code_system", "article")
    whole_case = m.Charge.objects.filter(person__isnull=True, case__defendants__in=people).values_list(
        "case__defendants", "code_system", "article")  # a charge of the case applies to each defendant
    violent = {person_id for person_id, system, article in [*own, *whole_case]
               if person_id in people and rules.is_violent(system, article)}
    for direction, person_id, destination, citizenships in rows:
        if direction == m.DealRelease.Direction.RETURNED_TO_REGIME:
            released.returned_to_regime += 1
            continue
        released.by_regime += 1
        if person_id is None:
            released.not_in_registry += 1
        elif person_id in recognized:
            released.recognized += 1
        else:
            released.not_recognized += 1
        if citizenships and country not in citizenships:
            released.foreign_citizens += 1
        if person_id in violent:
            released.charged_with_violence += 1
        if destination:
            released.destinations[destination] += 1
            if destination != country:
                released.sent_abroad += 1
    return released


def _recorded(deal: m.Deal, country: str, today: dt.date) -> Any:
    """Dated events of the country's people up to today; the deal's own release events left
    out, since they would show data after the deal where there is none."""
    return (m.Event.objects.filter(person__country=country, date_earliest__isnull=False, date_earliest__lte=today)
            .exclude(deal=deal))


def _recorded_span(recorded: Any) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day recorded. Read from each end of the events' date index (one
    row each) rather than as MIN/MAX over a join, which read every event of the country:
    0.7 s of a deal page on 100,000 people."""
    days = recorded.order_by().values_list("date_earliest", flat=True)
    return days.order_by("date_earliest").first(), days.order_by("-date_earliest").first()


def _events_before(recorded: Any, day: dt.date, windows: tuple[int, ...]) -> dict[int, int]:
    """Events recorded in each before-window (`weeks` × 7 days ending the day before `day`),
    counted in one pass over the widest window."""
    firsts = {weeks: day - dt.timedelta(days=7 * weeks) for weeks in windows}
    counts = recorded.filter(date_earliest__gte=min(firsts.values()), date_earliest__lt=day).aggregate(**{
        f"w{weeks}": Count("pk", filter=Q(date_earliest__gte=first)) for weeks, first in firsts.items()})
    return {weeks: counts[f"w{weeks}"] or 0 for weeks in windows}


def _coverage(before: int, span: tuple[dt.date | None, dt.date | None], first: dt.date, day: dt.date,
              end: dt.date) -> Coverage:
    per_week = before / ((day - first).days / 7)
    # Silence at the end is "no data" after QUIET_DAYS, or after three usual gaps when events
    # were rarer, but never more than half the after-window (it would then cover nothing).
    usual_gap = math.ceil(3 * 7 / per_week) if per_week else QUIET_DAYS
    quiet = dt.timedelta(days=max(QUIET_DAYS, min(usual_gap, ((end - day).days + 1) // 2)))
    first_recorded, last_recorded = span
    return Coverage(
        first_recorded=first_recorded, last_recorded=last_recorded, events_before=before, per_week_before=per_week,
        enough_before=before > 0 and first_recorded is not None
        and first_recorded <= first + dt.timedelta(days=QUIET_DAYS),
        enough_after=last_recorded is not None and last_recorded >= end - quiet,
    )


def _window(scope: Scope, day: dt.date, weeks: int, today: dt.date, events_before: int,
            span: tuple[dt.date | None, dt.date | None], freed: set[int]) -> Window:
    length = dt.timedelta(days=7 * weeks)
    before = window_flows(scope, day - length, day - dt.timedelta(days=1))
    end = min(day + length - dt.timedelta(days=1), today)
    after = window_flows(scope, day, end)
    taken_back, taken_back_political = entries_of(scope, freed, day, end)
    before_days, after_days = 7 * weeks, (end - day).days + 1
    return Window(
        coverage=_coverage(events_before, span, day - length, day, end),
        weeks=weeks, before=before, after=after, complete=end == day + length - dt.timedelta(days=1),
        detentions=rate_ratio(after.custody.new - taken_back, after_days, before.custody.new, before_days),
        recognitions=rate_ratio(after.events["recognized"], after_days, before.events["recognized"], before_days),
        stock_before_deal=before.political.stock_end, stock_after=after.political.stock_end,
        released=after.released, new=after.political.new - taken_back_political,
        redetained=taken_back,
    )


def deal_impact(deal: m.Deal, windows: tuple[int, ...] = WINDOWS, country: str | None = None,
                organizations: tuple[str, ...] | None = None, today: dt.date | None = None) -> Impact:
    """The impact of one deal over each window of `windows` weeks."""
    today = today or dt.date.today()
    day = deal_day(deal)
    if day > today:
        raise ImpactError(f"deal {deal.pk} ({deal.name}) is dated {deal.date}, after today; nothing followed it yet")
    country = (country or deal_country(deal)).upper()
    scope = Scope(country=country, organizations=organizations)
    recorded = _recorded(deal, country, today)
    span = _recorded_span(recorded)
    before = _events_before(recorded, day, windows)
    freed = set(m.DealRelease.objects.filter(deal=deal, direction=m.DealRelease.Direction.RELEASED_BY_REGIME,
                                             person__isnull=False).values_list("person_id", flat=True))
    return Impact(deal, country, day, organizations, released_people(deal, country, organizations),
                  [_window(scope, day, weeks, today, before[weeks], span, freed) for weeks in windows])
