"""Small helpers that create registry rows for tests (real models, real database)."""

from __future__ import annotations

from typing import Any

from politzek.registry import models as m


def person(name: str = "Test Person", **fields: Any) -> m.Person:
    fields.setdefault("visibility", "public")
    fields.setdefault("country", "BY")
    created = m.Person.objects.create(**fields)
    created.names.create(name=name, is_primary=True, script="Latn")
    return created


def organization(code: str = "viasna", **fields: Any) -> m.Organization:
    fields.setdefault("name", code.title())
    return m.Organization.objects.get_or_create(code=code, defaults=fields)[0]


def event(who: m.Person, kind: str, date: str | None, **fields: Any) -> m.Event:
    return m.Event.objects.create(person=who, kind=kind, date=date, **fields)


STAFF_PASSWORD = "a-long-enough-password"


def staff(name: str, role: str, confidential: bool = False, superuser: bool = False) -> Any:
    """A staff account with a role (the groups `politzek init` makes) and, if asked, confidential
    clearance or superuser status."""
    from django.contrib.auth.models import Group, Permission, User

    user = User.objects.create_user(name, password=STAFF_PASSWORD, is_staff=True, is_superuser=superuser)
    user.groups.add(Group.objects.get(name=role))
    if confidential:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="registry",
                                                         codename="view_confidential"))
    return user
