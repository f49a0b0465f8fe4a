"""A record's history for people: who, when, why, and a readable diff of each change; and
restoring an earlier version (itself a new, recorded change)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from politzek.registry.models import Event, Person, PersonName
from politzek.registry.visibility import Viewer, visible_versions
from politzek.registry.writes import keep_what_is_hidden

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
    name: str = ""  # the name a name version is of, shown as written

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


KINDS = {"+": "created", "~": "changed", "-": "deleted"}
KIND_LABELS = {"created": gettext_lazy("created"), "changed": gettext_lazy("changed"),
               "deleted": gettext_lazy("deleted")}


def _text(value: Any) -> str:
    return "" if value in (None, "") else str(value)


def person_history(person: Person, viewer: Viewer) -> list[Version]:
    """Every version of the person, their names and their events this viewer may read
    (visibility.visible_versions: none of a record that was ever above their clearance, none
    before a redaction unless cleared), newest first. Private fields, for staff without
    clearance, appear as changed, never with their values."""
    hidden_fields = frozenset() if viewer.sees_private_fields else frozenset(Person.PRIVATE_FIELDS)
    versions: list[Version] = []
    histories = {
        "person": Person.history.filter(id=person.pk),
        "name": PersonName.history.filter(person_id=person.pk),
        "event": Event.history.filter(person_id=person.pk),
    }
    for model, rows in histories.items():
        by_record: dict[int, list[Any]] = {}
        for row in rows.order_by("history_date", "history_id"):
            by_record.setdefault(row.id, []).append(row)
        for record_id, record_rows in by_record.items():
            readable = set(visible_versions(TRACKED[model].history.filter(id=record_id), TRACKED[model], record_id,
                                            viewer).values_list("history_id", flat=True))
            before = None
            for row in record_rows:
                if row.history_id not in readable:
                    continue
                changes: list[Change] = []
                if before is not None:
                    for change in row.diff_against(before).changes:
                        hidden = change.field in hidden_fields
                        changes.append(Change(change.field, "…" if hidden else _text(change.old),
                                              "…" if hidden else _text(change.new)))
                before = row
                versions.append(Version(
                    model=model, history_id=row.history_id, record_id=row.id, date=row.history_date,
                    actor=row.history_actor or (row.history_user.username if row.history_user_id else "unknown"),
                    reason=row.history_change_reason or "", kind=KINDS.get(row.history_type, row.history_type),
                    label=_label(model, row), changes=changes, name=row.name if model == "name" else "",
                ))
    return sorted(versions, key=lambda v: (v.date, v.history_id), reverse=True)


def readable_version(model: str, history_id: int, person: Person, viewer: Viewer) -> Any | None:
    """The history row `history_id` of this person's records, when this viewer may read it."""
    tracked = TRACKED[model]
    rows = tracked.history.filter(history_id=history_id)
    row = rows.filter(id=person.pk).first() if model == "person" else rows.filter(person_id=person.pk).first()
    if row is None:
        return None
    return visible_versions(tracked.history.filter(history_id=history_id), tracked, row.id, viewer).first()


def _label(model: str, row: Any) -> str:
    """What the version is of, in the page's language (names and dates as recorded)."""
    from politzek.web.public.labels import event_label

    if model == "name":
        return gettext("name")
    if model == "event":
        return (gettext("event: %(kind)s") % {"kind": event_label(row.kind)} + f" {row.date or ''}").strip()
    return gettext("person")


def restore(row: Any, viewer: Viewer) -> Any:
    """Save the record as it was in this history row (the restore is recorded as a new change),
    except what the restorer may not see: writes.keep_what_is_hidden keeps the current private
    fields and any visibility above their clearance."""
    restored = row.instance
    current = type(restored)._default_manager.filter(pk=restored.pk).first()
    if current is not None:
        keep_what_is_hidden(current, restored, viewer)
    restored.save()
    return restored
