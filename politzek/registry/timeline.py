"""The bridge between stored Events and the framework-free derivation in status.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from politzek.registry.models.cases import Sentence
from politzek.registry.status import Derivation, TimelineEvent, check_timeline, derive

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from politzek.registry.models import Event

_COLUMNS = (
    "person_id", "id", "kind", "date", "case_id", "organization__code",
    "sentence__kind", "sentence__in_absentia",
)


def _custodial(sentence_kind: str | None, in_absentia: bool | None) -> bool | None:
    if sentence_kind is None:
        return None
    return Sentence.is_custodial(sentence_kind, bool(in_absentia))


def _timeline_event(row: tuple[Any, ...], sources: frozenset[int] = frozenset()) -> TimelineEvent:
    _person, event_id, kind, date, case_id, organization, sentence_kind, in_absentia = row
    return TimelineEvent(
        kind=kind, date=date, id=event_id, case=case_id, organization=organization,
        custodial=_custodial(sentence_kind, in_absentia), sources=sources,
    )


def timeline_events(events: QuerySet[Event], with_sources: bool = False) -> list[TimelineEvent]:
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


def timelines(events: QuerySet[Event], chunk_size: int = 20000) -> Iterator[tuple[int, list[TimelineEvent]]]:
    """(person id, events) for every person with events, streamed in person order."""
    rows: Iterable[tuple[Any, ...]] = events.order_by("person_id").values_list(*_COLUMNS).iterator(
        chunk_size=chunk_size
    )
    for person_id, person_rows in groupby(rows, key=lambda row: row[0]):
        yield person_id, [_timeline_event(row) for row in person_rows]


def timelines_with_visibility(
    events: QuerySet[Event], chunk_size: int = 20000
) -> Iterator[tuple[int, list[tuple[TimelineEvent, str]]]]:
    """Like `timelines`, with each event's visibility, for derivations per clearance."""
    rows: Iterable[tuple[Any, ...]] = events.order_by("person_id").values_list(
        *_COLUMNS, "visibility"
    ).iterator(chunk_size=chunk_size)
    for person_id, person_rows in groupby(rows, key=lambda row: row[0]):
        yield person_id, [(_timeline_event(row[:-1]), row[-1]) for row in person_rows]


def derivations(
    events: QuerySet[Event], at: dt.date | None = None, chunk_size: int = 20000
) -> Iterator[tuple[int, list[TimelineEvent], Derivation]]:
    """(person id, events, derivation) for every person with events, streamed in person order."""
    for person_id, timeline in timelines(events, chunk_size):
        yield person_id, timeline, derive(timeline, at)


def timeline_errors_with(event: Event) -> list[str]:
    """Errors the person's timeline would have with `event` saved; conflicts are not errors."""
    from politzek.registry.models import Event as EventModel

    if event.person_id is None or not event.kind:
        return []
    others = timeline_events(
        EventModel.objects.filter(person_id=event.person_id).exclude(pk=event.pk), with_sources=True
    )
    sentence = event.sentence if event.sentence_id else None
    sources = frozenset(event.sources.values_list("id", flat=True)) if event.pk else frozenset()
    candidate = TimelineEvent(
        kind=event.kind, date=event.date, id=event.pk or "new", case=event.case_id,
        organization=event.organization.code if event.organization_id else None,
        custodial=sentence.custodial if sentence else None, sources=sources,
    )
    return [
        issue.message
        for issue in check_timeline([*others, candidate])
        if issue.severity == "error" and candidate.id in issue.event_ids
    ]
