"""The bridge between stored Events and the framework-free derivation in status.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from politzek.registry.status import Derivation, TimelineEvent, derive, sentence_is_custodial

if TYPE_CHECKING:
    from django.db.models import QuerySet

    # A queryset of registry Events, typed loosely: the models import this module (Event.clean
    # checks a timeline), so this module never imports them.
    Events = QuerySet[Any]

_COLUMNS = (
    "person_id", "id", "kind", "date", "case_id", "organization__code",
    "sentence__kind", "sentence__in_absentia", "sentence__term_days", "as_of", "created_at",
)


def _custodial(sentence_kind: str | None, in_absentia: bool | None) -> bool | None:
    # "other" is what an import writes when the source does not say the kind: unknown, not
    # non-custodial (which would end the custody of someone sentenced to a colony).
    if sentence_kind is None or (sentence_kind == "other" and not in_absentia):
        return None
    return sentence_is_custodial(sentence_kind, bool(in_absentia))


def known_on(as_of: dt.date | None, created_at: dt.datetime | None) -> dt.date | None:
    """The day an event's information is as of: its own `as_of`, else the day it was recorded."""
    return as_of or (created_at.date() if created_at else None)


def _timeline_event(row: tuple[Any, ...], sources: frozenset[int] = frozenset()) -> TimelineEvent:
    (_person, event_id, kind, date, case_id, organization, sentence_kind, in_absentia, term_days, as_of,
     created_at) = row
    return TimelineEvent(
        kind=kind, date=date, id=event_id, case=case_id, organization=organization,
        custodial=_custodial(sentence_kind, in_absentia), sources=sources, term_days=term_days,
        known_on=known_on(as_of, created_at),
    )


def timeline_events(events: Events, with_sources: bool = False) -> list[TimelineEvent]:
    """One person's (or any) events as TimelineEvents."""
    rows = list(events.values_list(*_COLUMNS))
    sources: dict[int, set[int]] = {}
    if with_sources and rows:
        through = events.model.sources.through
        for event_id, source_id in through.objects.filter(
            event_id__in=[row[1] for row in rows]
        ).values_list("event_id", "source_id"):
            sources.setdefault(event_id, set()).add(source_id)
    return [_timeline_event(row, frozenset(sources.get(row[1], ()))) for row in rows]


def timeline_event_of(event: Any) -> TimelineEvent:
    """A loaded Event (its sentence and organization selected, its sources prefetched) as a
    TimelineEvent: a page that shows the events derives from them without reading them twice."""
    sentence, organization = event.sentence, event.organization
    return TimelineEvent(
        kind=event.kind, date=event.date, id=event.pk, case=event.case_id,
        organization=organization.code if organization else None,
        custodial=_custodial(sentence.kind, sentence.in_absentia) if sentence else None,
        sources=frozenset(source.pk for source in event.sources.all()),
        term_days=sentence.term_days if sentence else None, known_on=known_on(event.as_of, event.created_at),
    )


def timelines(events: Events, chunk_size: int = 20000) -> Iterator[tuple[int, list[TimelineEvent]]]:
    """(person id, events) for every person with events, streamed in person order."""
    rows: Iterable[tuple[Any, ...]] = events.order_by("person_id").values_list(*_COLUMNS).iterator(
        chunk_size=chunk_size
    )
    for person_id, person_rows in groupby(rows, key=lambda row: row[0]):
        yield person_id, [_timeline_event(row) for row in person_rows]


def timelines_with_visibility(
    events: Events, chunk_size: int = 20000
) -> Iterator[tuple[int, list[tuple[TimelineEvent, str]]]]:
    """Like `timelines`, with each event's visibility, for derivations per clearance."""
    rows: Iterable[tuple[Any, ...]] = events.order_by("person_id").values_list(
        *_COLUMNS, "visibility"
    ).iterator(chunk_size=chunk_size)
    for person_id, person_rows in groupby(rows, key=lambda row: row[0]):
        yield person_id, [(_timeline_event(row[:-1]), row[-1]) for row in person_rows]


def derivations(
    events: Events, at: dt.date | None = None, chunk_size: int = 20000
) -> Iterator[tuple[int, list[TimelineEvent], Derivation]]:
    """(person id, events, derivation) for every person with events, streamed in person order."""
    for person_id, timeline in timelines(events, chunk_size):
        yield person_id, timeline, derive(timeline, at)
