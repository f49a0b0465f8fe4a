"""Who changed what and why: every history row gets an actor and a reason.

Web requests get the logged-in user from simple-history's middleware; the command line and
importers wrap their writes in `recorded_change(actor, reason)`. A change made with neither
is still recorded, with the actor "unknown".
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_actor: ContextVar[str | None] = ContextVar("politzek_history_actor", default=None)
_reason: ContextVar[str | None] = ContextVar("politzek_history_reason", default=None)
_redaction: ContextVar[bool] = ContextVar("politzek_history_redaction", default=False)


class HistoryActor(models.Model):
    """Extra columns on every historical table."""

    history_actor = models.CharField(max_length=150, blank=True, default="")
    # The change removed text that endangers someone: the versions before it are shown only
    # to staff with confidential clearance (visibility.visible_versions).
    history_redaction = models.BooleanField(default=False)

    class Meta:
        abstract = True


def command_line_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli:unknown"


def current_actor() -> str | None:
    """The actor of the recorded_change block being run, if any."""
    return _actor.get()


@contextmanager
def recorded_change(actor: str | None, reason: str, *, redaction: bool = False) -> Iterator[None]:
    """Every change saved inside the block is recorded with this actor and reason (and as a
    redaction, when it removes dangerous text)."""
    actor_token = _actor.set(actor)
    reason_token = _reason.set(reason)
    redaction_token = _redaction.set(redaction)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _reason.reset(reason_token)
        _redaction.reset(redaction_token)


@receiver(pre_create_historical_record)
def _stamp_history(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    user = getattr(history_instance, "history_user", None)
    actor = _actor.get() or (getattr(user, "username", None) if user else None) or "unknown"
    history_instance.history_actor = actor
    if not history_instance.history_change_reason and _reason.get():
        history_instance.history_change_reason = _reason.get()
    history_instance.history_redaction = _redaction.get() or bool(getattr(instance, "_history_redaction", False))
