"""A record's history for people: who, when, why, and a readable diff of each change; and
restoring an earlier version (itself a new, recorded change)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from politzek.registry.models import Event, Person, PersonName

# The history a person page shows, by the name used in restore URLs.
TRACKED = {"person": Person, "name": PersonName, "event": Event}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Version:
    model: str
    history_id: int
    record_id: int
    date: Any
    actor: str
    reason: str
    kind: str  # created | changed | deleted
    label: str
    changes: list[Change]


KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def _text(value: Any) -> str:
    return "" if value in (None, "") else str(value)


def person_history(person: Person, event_levels: list[str],
                   hidden_fields: frozenset[str] = frozenset()) -> list[Version]:
    """Every version of the person, their names and their events, newest first. Event versions
    are shown only when their visibility is in `event_levels` (visibility.visible_levels of
    the viewer). Fields in `hidden_fields` (private ones, for staff without clearance) appear
    as changed, never with their values."""
    versions: list[Version] = []
    histories = {
        "person": Person.history.filter(id=person.pk),
        "name": PersonName.history.filter(person_id=person.pk),
        "event": Event.history.filter(person_id=person.pk, visibility__in=event_levels),
    }
    for model, rows in histories.items():
        rows = list(rows.order_by("history_date", "history_id"))
        previous: dict[int, Any] = {}
        for row in rows:
            before = previous.get(row.id)
            changes: list[Change] = []
            if before is not None:
                for change in row.diff_against(before).changes:
                    hidden = change.field in hidden_fields
                    changes.append(Change(change.field, "…" if hidden else _text(change.old),
                                          "…" if hidden else _text(change.new)))
            previous[row.id] = row
            versions.append(Version(
                model=model, history_id=row.history_id, record_id=row.id, date=row.history_date,
                actor=row.history_actor or (row.history_user.username if row.history_user_id else "unknown"),
                reason=row.history_change_reason or "", kind=KINDS.get(row.history_type, row.history_type),
                label=_label(model, row), changes=changes,
            ))
    return sorted(versions, key=lambda v: (v.date, v.history_id), reverse=True)


def _label(model: str, row: Any) -> str:
    if model == "name":
        return f"name “{row.name}”"
    if model == "event":
        return f"event {row.kind} {row.date or ''}".strip()
    return "person"


def restore(row: Any) -> Any:
    """Save the record as it was in this history row (the restore is recorded as a new change)."""
    instance = row.instance
    instance.save()
    return instance
