"""The four staff roles as Django groups, created (and kept up to date) after every migrate.

viewer   reads restricted records and their history
editor   viewer + adds and changes records
reviewer editor + approves recognitions and merges
admin    reviewer + manages users (not those with more than a role), revokes API tokens
Confidential records and private fields are not part of any role: a keyholder (a superuser
with confidential clearance; web/accounts.py) grants `registry.view_confidential` to a named
person, or the server's operator does (`politzek user role NAME ROLE --confidential`)."""

from __future__ import annotations

from typing import Any

ROLES = ("viewer", "editor", "reviewer", "admin")
REGISTRY_APPS = ("registry",)
REVIEW_PERMISSION = "registry.review"


def _codenames(role: str, registry_models: list[str]) -> set[tuple[str, str]]:
    wanted = {("registry", f"view_{model}") for model in registry_models} | {("registry", "view_restricted")}
    if role in ("editor", "reviewer", "admin"):
        wanted |= {("registry", f"{action}_{model}") for model in registry_models for action in ("add", "change")}
    if role in ("reviewer", "admin"):
        wanted |= {("registry", "review")} | {("registry", f"delete_{model}") for model in registry_models}
    if role == "admin":
        wanted |= {("auth", f"{action}_user") for action in ("view", "add", "change", "delete")}
        wanted |= {("auth", "view_group"), ("web", "view_apitoken"), ("web", "change_apitoken"),
                   ("web", "view_accountchange")}
    return wanted


def ensure_roles(**_kwargs: Any) -> None:
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    registry_models = [model._meta.model_name for model in apps.get_app_config("registry").get_models()]
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = _codenames(role, registry_models)
        permissions = [p for p in Permission.objects.select_related("content_type")
                       if (p.content_type.app_label, p.codename) in wanted]
        group.permissions.set(permissions)
