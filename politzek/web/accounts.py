"""Who may change staff accounts, and the record of every change to an account's powers.

Rules (docs/privacy.md):
- Only a superuser who also holds confidential clearance (a "keyholder") may grant or take
  away confidential clearance or superuser status, change any other permission of a user,
  change the roles themselves (groups), or change at all an account that holds confidential
  clearance or superuser status (its password included): otherwise an admin could promote
  itself, or take over a cleared account.
- Every change to roles, permissions, the password and the superuser, staff and active flags
  is recorded (AccountChange), with who made it: the signed-in user, or the command line's
  login. A stored hash upgraded at sign-in is no change of password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from politzek.registry.history import current_actor
from politzek.registry.visibility import CONFIDENTIAL_PERMISSION
from politzek.web.models import AccountChange

FLAGS = ("is_superuser", "is_staff", "is_active")


def is_keyholder(user: Any) -> bool:
    """A superuser who also holds confidential clearance: the only one who may hand out either."""
    return bool(user and user.is_active and user.is_superuser
                and user.user_permissions.filter(content_type__app_label="registry",
                                                 codename="view_confidential").exists())


def holds_more_than_a_role(user: Any) -> bool:
    """Whether the account has powers beyond its role: superuser, or a permission of its own
    (confidential clearance is one)."""
    return bool(user.is_superuser or user.user_permissions.exists())


def may_change_account(actor: Any, account: Any) -> bool:
    return is_keyholder(actor) or not holds_more_than_a_role(account)


def describe(user: Any) -> str:
    """An account's powers in words: "admin, confidential, superuser"."""
    parts = [group.name for group in user.groups.order_by("name")]
    if user.has_perm(CONFIDENTIAL_PERMISSION):
        parts.append("confidential")
    if user.is_superuser:
        parts.append("superuser")
    if not user.is_active:
        parts.append("inactive")
    return ", ".join(parts) or "no role"


def _actor() -> str:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return f"web:{user.get_username()}"
    return current_actor() or "unknown"


def record_change(username: str, change: str) -> None:
    """One line in the record of account changes, with the actor of the request or command."""
    AccountChange.objects.create(username=username, actor=_actor(), change=change[:300])


@receiver(pre_save, sender=User)
def _remember_flags(sender: Any, instance: User, **kwargs: Any) -> None:
    before = User.objects.filter(pk=instance.pk).values(*FLAGS, "password").first() if instance.pk else None
    instance._flags_before = before  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
def _record_flags(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_flags_before", None) or {}
    if created:
        record_change(instance.username, "account created")
    # set_password() keeps the new password until the save (Django's `_password`); a hash
    # upgraded at sign-in is saved with it emptied (AbstractBaseUser.check_password).
    elif before.get("password") != instance.password and getattr(instance, "_password", None) is not None:
        record_change(instance.username, "password changed")
    for flag in FLAGS:
        now = getattr(instance, flag)
        if before.get(flag, False if created else now) != now:
            record_change(instance.username, f"{flag.removeprefix('is_')} {'set' if now else 'removed'}")


def _names(model: Any, pk_set: Any) -> list[str]:
    if model is Group:
        return sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    return sorted(f"{p.content_type.app_label}.{p.codename}"
                  for p in Permission.objects.filter(pk__in=pk_set).select_related("content_type"))


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def _record_powers(sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any,
                   **kwargs: Any) -> None:
    what = "role" if model is Group or (reverse and isinstance(instance, Group)) else "permission"
    if reverse:  # a group's or permission's users changed: record it on each user
        users = User.objects.filter(pk__in=pk_set or ())
        label = (instance.name if isinstance(instance, Group)
                 else f"{instance.content_type.app_label}.{instance.codename}")
        for user in users:
            if action in ("post_add", "post_remove"):
                record_change(user.username, f"{what} {'+' if action == 'post_add' else '-'} {label}")
        return
    if action == "pre_clear":
        field = "groups" if sender is User.groups.through else "user_permissions"
        instance._cleared = list(getattr(instance, field).values_list("pk", flat=True))  # type: ignore[attr-defined]
        return
    if action == "post_clear":
        model = Group if sender is User.groups.through else Permission
        what = "role" if model is Group else "permission"
        for name in _names(model, getattr(instance, "_cleared", [])):
            record_change(instance.username, f"{what} - {name}")
        return
    if action in ("post_add", "post_remove") and pk_set:
        for name in _names(model, pk_set):
            record_change(instance.username, f"{what} {'+' if action == 'post_add' else '-'} {name}")
