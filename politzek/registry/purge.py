"""Removing a dangerous value from history entirely. Raising a record to confidential or
marking a change as a redaction hides earlier versions from staff without clearance
(visibility.visible_versions), but the value is still in the database, its backups and
exports of history. A purge replaces it in every historical version of one field of one
record with a tombstone naming when, who and why, and keeps a HistoryPurge row. Only an
admin (or superuser) with confidential clearance may purge; the record itself must no longer
hold the value (edit it first: a purge never changes the record)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from politzek.registry.fields import PartialDateField
from politzek.registry.models import HistoryPurge
from politzek.registry.visibility import CONFIDENTIAL_PERMISSION


class PurgeError(ValueError):
    """A purge that cannot be done; the message names the argument and the reason."""


def may_purge(user: Any) -> bool:
    return bool(user and user.is_active and user.has_perm(CONFIDENTIAL_PERMISSION)
                and (user.is_superuser or user.groups.filter(name="admin").exists()))


def tracked_model(name: str) -> type[models.Model]:
    """A registry model with history, by its model name (person, personname, event…)."""
    try:
        model = apps.get_model("registry", name)
    except LookupError:
        model = None
    if model is None or not hasattr(model, "history"):
        known = sorted(tracked._meta.model_name for tracked in apps.get_app_config("registry").get_models()
                       if hasattr(tracked, "history"))
        raise PurgeError(f"model: {name!r} is not a registry record with history; one of {', '.join(known)}")
    return model


def purge_history(model_name: str, record_id: int, field: str, reason: str, user: Any,
                  value: str | None = None) -> HistoryPurge:
    """Replace `field` in the record's historical versions (those holding `value`, or every
    version but the latest when no value is given) with a tombstone."""
    if not may_purge(user):
        raise PurgeError(f"actor: {getattr(user, 'username', user)!r} is not an admin with confidential clearance")
    if not reason.strip():
        raise PurgeError("reason: say why the value is purged (it is kept with the tombstone)")
    model = tracked_model(model_name)
    # Free text only: a date, a choice or a code holds nothing to purge, and a tombstone there
    # would not be a valid value.
    text_fields = {f.name for f in model._meta.concrete_fields
                   if isinstance(f, (models.CharField, models.TextField))
                   and not isinstance(f, PartialDateField) and not f.choices}
    if field not in text_fields:
        raise PurgeError(f"field: {field!r} is not a text field of {model._meta.model_name}; "
                         f"one of {', '.join(sorted(text_fields))}")
    versions = model.history.filter(**{model._meta.pk.attname: record_id})
    if not versions.exists():
        raise PurgeError(f"{model._meta.model_name} {record_id}: no history")
    current = model._default_manager.filter(pk=record_id).values_list(field, flat=True).first()
    if value is not None:
        if current is not None and value in str(current):
            raise PurgeError(f"{model._meta.model_name} {record_id} still holds the value in {field}: "
                             "edit the record first, then purge its history")
        rows = versions.filter(**{f"{field}__contains": value})
    else:
        rows = versions.exclude(history_id=versions.latest("history_date", "history_id").history_id)
    at = timezone.now()
    tombstone = f"[purged {at:%Y-%m-%d} by {user.username}: {reason.strip()}]"
    max_length = model._meta.get_field(field).max_length
    if max_length:
        tombstone = tombstone[:max_length]
    with transaction.atomic():
        count = rows.update(**{field: tombstone})
        return HistoryPurge.objects.create(model=model._meta.model_name, record_id=record_id, field=field,
                                           versions=count, actor=user.username, reason=reason.strip())
