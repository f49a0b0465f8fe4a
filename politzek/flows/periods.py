"""Report periods: weeks (Monday to Sunday, as ISO 8601 counts them), months, quarters and
years, clipped to the report's first and last day (framework-free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GRANULARITIES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class Period:
    first: dt.date
    last: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self, granularity: str) -> str:
        if granularity == "week":
            year, week, _day = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if granularity == "month":
            return f"{self.first:%Y-%m}"
        if granularity == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if granularity == "year":
            return str(self.first.year)
        return self.first.isoformat()


def _next_start(day: dt.date, granularity: str) -> dt.date:
    """The first day of the period after the one holding `day`."""
    if granularity == "day":
        return day + dt.timedelta(days=1)
    if granularity == "week":
        return day + dt.timedelta(days=7 - day.weekday())
    if granularity == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    if granularity == "quarter":
        first_month = (day.month - 1) // 3 * 3 + 1
        return dt.date(day.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    if granularity == "year":
        return dt.date(day.year + 1, 1, 1)
    raise ValueError(f"unknown period {granularity!r}; use one of: {', '.join(GRANULARITIES)}")


def periods(first: dt.date, last: dt.date, granularity: str) -> list[Period]:
    """The periods covering [first, last]; the first and last may be partial."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    result = []
    start = first
    while start <= last:
        end = min(_next_start(start, granularity) - dt.timedelta(days=1), last)
        result.append(Period(start, end))
        start = end + dt.timedelta(days=1)
    return result
