"""One person's timeline turned into the facts every flow figure counts (framework-free).

- A **custody spell**: in custody from `start` up to, not including, `end` (open: None),
  opened by a detention, house arrest or courtroom arrest, closed by a release of some mode,
  a death, a deportation or a non-custodial sentence.
- A **political spell** for an organization: custody while that organization's recognition
  is in force (the intersection of the two), and one for ANY organization (the union of all
  recognitions). It starts with the custody or with the recognition, whichever came later,
  and ends with the release or the withdrawal, whichever came first.
- A **point** for every event flows count by kind (detained, sentenced, recognized, added to
  a register, each release, each death), with its date's precision; undated events become
  points without a day, which reports count as "unknown date" instead of dropping them.

Partial dates count on their earliest day (status.py's rule): a release known only as
"2025-12" is a release on 1 December 2025, in whichever week or month holds that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from politzek.registry.partial_date import Precision
from politzek.registry.status import CustodyInterval, TimelineEvent, derive, recognition_intervals

CUSTODY = "custody"
POLITICAL = "political"
POINT = "event"
ANY_ORGANIZATION = "*"
RECOGNIZED, WITHDRAWN = "recognized", "recognition_withdrawn"

# Event kinds counted as flows; the rest (transfers, hunger strikes…) are not flows.
POINT_KINDS = frozenset({
    "detained", "remanded", "house_arrest", "charged", "sentenced", "added_to_register", RECOGNIZED, WITHDRAWN,
    "released_pretrial", "released_end_of_term", "released_pardon", "released_exchange", "released_other",
    "deported", "died_in_custody", "executed", "killed", "disappeared",
})
PRECISION_NAMES = {Precision.YEAR: "year", Precision.MONTH: "month", Precision.DAY: "day"}


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str  # CUSTODY, POLITICAL or POINT
    organization: str  # "" for custody; an organization code or ANY_ORGANIZATION
    start: dt.date | None
    start_kind: str
    start_precise: bool = True  # False when the date is known only to the month or year
    end: dt.date | None = None
    end_kind: str = ""
    end_precise: bool = True
    custody_days: int | None = None  # political spells that ended: days since the custody began


def _precise(events: Sequence[TimelineEvent], day: dt.date | None, kind: str | None) -> bool:
    """Whether the event of this kind on this day was dated to the day."""
    if day is None or kind is None:
        return True
    for event in events:
        if event.kind == kind and event.date is not None and event.day == day:
            return event.date.precision == Precision.DAY
    return True


def _intersect(custody: CustodyInterval, since: dt.date, until: dt.date | None,
               events: Sequence[TimelineEvent], organization: str) -> Fact | None:
    start = max(custody.start, since)
    ends = [d for d in (custody.end, until) if d is not None]
    end = min(ends) if ends else None
    if end is not None and end <= start:
        return None
    if since > custody.start:
        start_kind, start_precise = RECOGNIZED, _precise(events, since, RECOGNIZED)
    else:
        start_kind = custody.opened_by or ""
        start_precise = _precise(events, custody.start, custody.opened_by)
    if end is None:
        end_kind, end_precise = "", True
    elif custody.end is not None and custody.end == end:
        end_kind, end_precise = custody.closed_by or "", _precise(events, end, custody.closed_by)
    else:
        end_kind, end_precise = WITHDRAWN, _precise(events, end, WITHDRAWN)
    days = (end - custody.start).days if end is not None else None
    return Fact(POLITICAL, organization, start, start_kind, start_precise, end, end_kind, end_precise, days)


def _union(spells: Iterable[tuple[dt.date, dt.date | None]]) -> list[tuple[dt.date, dt.date | None]]:
    """Overlapping or touching [since, until) spells merged (None: still open)."""
    merged: list[tuple[dt.date, dt.date | None]] = []
    # Open spells (until None) sort after closed ones that start the same day.
    for since, until in sorted(spells, key=lambda s: (s[0], s[1] is None, s[1] or dt.date.min)):
        if merged and (merged[-1][1] is None or since <= merged[-1][1]):
            last_since, last_until = merged[-1]
            merged[-1] = (last_since, None if last_until is None or until is None else max(last_until, until))
        else:
            merged.append((since, until))
    return merged


def person_facts(events: Sequence[TimelineEvent]) -> list[Fact]:
    """Every fact of one person's timeline."""
    derived = derive(events)
    facts = [
        Fact(CUSTODY, "", spell.start, spell.opened_by or "", _precise(events, spell.start, spell.opened_by),
             spell.end, spell.closed_by or "", _precise(events, spell.end, spell.closed_by))
        for spell in derived.intervals
    ]
    if derived.intervals:
        recognitions = recognition_intervals(events)
        by_organization: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
        for organization, since, until in recognitions:
            if organization:
                by_organization.setdefault(organization, []).append((since, until))
        by_organization[ANY_ORGANIZATION] = _union((since, until) for _org, since, until in recognitions)
        for organization, spells in by_organization.items():
            for custody in derived.intervals:
                for since, until in spells:
                    fact = _intersect(custody, since, until, events, organization)
                    if fact is not None:
                        facts.append(fact)
    for event in events:
        if event.kind in POINT_KINDS:
            day = event.day if event.date is not None else None
            precise = event.date is None or event.date.precision == Precision.DAY
            facts.append(Fact(POINT, event.organization or "", day, event.kind, precise))
    return facts
