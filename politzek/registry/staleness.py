"""How old a person's information is: what a list said on one day is not what holds today.

A person's information is as of the latest day any of their events speaks for: an event's own
`as_of` (the day its list was true), else the day it was recorded, and never earlier than the
day it happened. A status older than POLITZEK_STALE_AFTER_MONTHS (default 12) is told as "last
known: in custody (as of 2014-08)": still counted, never silently presented as today's.
docs/status.md explains it with a worked example."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from politzek.registry.status import TimelineEvent

DEFAULT_MONTHS = 12


def information_as_of(events: Iterable[TimelineEvent], today: dt.date | None = None) -> dt.date | None:
    """The latest day these events' information is as of; None when nothing says."""
    today = today or dt.date.today()
    days = [event.known_on for event in events if event.known_on is not None]
    # An event that happened is known on its day at the latest (a future hearing is not news).
    days += [min(event.day, today) for event in events if event.date is not None]
    return max(days, default=None)


def stale_after_months() -> int:
    from django.conf import settings

    return int(getattr(settings, "POLITZEK_STALE_AFTER_MONTHS", DEFAULT_MONTHS))


def stale_before(today: dt.date | None = None, months: int | None = None) -> dt.date:
    """Information as of a day before this one is stale."""
    today = today or dt.date.today()
    months = stale_after_months() if months is None else months
    month = today.month - 1 - months
    year, month = today.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def is_stale(as_of: dt.date | None, today: dt.date | None = None, months: int | None = None) -> bool:
    """Whether information as of this day is too old to be told as today's (unknown: no)."""
    return as_of is not None and as_of < stale_before(today, months)
