"""Withdrawing or correcting a recorded event, with who and why in its history: the one way the
command line (`politzek events`), the API and the staff pages do it. A withdrawn event leaves
the timeline; its versions, the withdrawal among them, stay in history (and the staff history
page can restore it). Nothing is done above the writer's clearance, and a change that would
leave the person's timeline impossible is refused, naming why."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from politzek.registry.history import recorded_change
from politzek.registry.models import Event
from politzek.registry.status import check_timeline
from politzek.registry.timeline import timeline_events
from politzek.registry.timeline_words import issue_told_to
from politzek.registry.visibility import Viewer, hidden_event_ids, visible_events
from politzek.registry.writes import AboveClearance

CORRECTABLE = ("kind", "date", "description", "visibility")


class CorrectionError(ValueError):
    """The event cannot be withdrawn or corrected so; the message says why in one line."""


class NoSuchEvent(CorrectionError):
    pass


def _event(event_id: int, viewer: Viewer) -> Event:
    event = visible_events(Event.objects.filter(pk=event_id), viewer).first()
    if event is None:
        if Event.objects.filter(pk=event_id).exists():
            raise AboveClearance(f"event {event_id} is above your clearance")
        raise NoSuchEvent(f"no event {event_id}")
    return event


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise CorrectionError("say why (the reason is kept in the history)")
    return reason[:100]


def withdraw_event(event_id: int, viewer: Viewer, actor: str, reason: str) -> Event:
    """Take the event out of the timeline; refused when that leaves the timeline impossible
    (withdraw a release before the detention it ends)."""
    event = _event(event_id, viewer)
    reason = _reason(reason)
    everything = timeline_events(Event.objects.filter(person_id=event.person_id), with_sources=True)
    rest = [each for each in everything if each.id != event.pk]
    before = {(i.code, i.event_ids) for i in check_timeline(everything) if i.severity == "error"}
    new = [i for i in check_timeline(rest) if i.severity == "error" and (i.code, i.event_ids) not in before]
    if new:
        told = issue_told_to(new[0], {each.id: each for each in rest}, hidden_event_ids(event.person_id, viewer))
        raise CorrectionError(f"withdrawing event {event_id} would leave the timeline impossible: {told}")
    with transaction.atomic(), recorded_change(actor, f"withdrawn: {reason}"):
        withdrawn = Event.objects.get(pk=event.pk)
        withdrawn.delete()
    return event


def correct_event(event_id: int, viewer: Viewer, actor: str, reason: str, **changes: Any) -> Event:
    """Change the event's kind, date, description or visibility; checked as any new event is
    (partial date, kind, the timeline), then kept with the reason."""
    event = _event(event_id, viewer)
    reason = _reason(reason)
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise CorrectionError(f"{unknown[0]}: not a field to correct; correct {', '.join(CORRECTABLE)}")
    wanted = {name: value for name, value in changes.items() if value is not None}
    if not wanted:
        raise CorrectionError("nothing to correct: give a new kind, date, description or visibility")
    for name, value in wanted.items():
        setattr(event, name, value)
    event.hidden_from_writer = hidden_event_ids(event.person_id, viewer)  # type: ignore[attr-defined]
    try:
        event.full_clean()
    except ValidationError as invalid:
        field, messages = next(iter(invalid.message_dict.items()))
        raise CorrectionError(f"{field}: {' '.join(str(m) for m in messages)}") from None
    with transaction.atomic(), recorded_change(actor, f"corrected: {reason}"):
        event.save()
    return event
