"""The one place that decides what a viewer may see. Every public output (pages, API, feeds,
exports, the command line's lists) filters through these functions; nothing else decides.

Rules:
- A person is shown to the public only when their visibility is public and publication has
  not been refused (consent "no"). Restricted people are shown to registry staff, confidential
  people only to cleared staff.
- An event is shown only when its person is shown and its own visibility allows it.
- Private fields (Person.PRIVATE_FIELDS) are shown only to cleared staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q

from politzek.registry.models.base import Visibility
from politzek.registry.models.people import Consent, Person

if TYPE_CHECKING:
    from django.db.models import Exists, OuterRef, QuerySet

    from politzek.registry.models import Case, Event

# Django permissions that raise a user's clearance (see registry/migrations for their creation).
RESTRICTED_PERMISSION = "registry.view_restricted"
CONFIDENTIAL_PERMISSION = "registry.view_confidential"


class Clearance(IntEnum):
    PUBLIC = 0
    RESTRICTED = 1
    CONFIDENTIAL = 2


_VISIBLE_LEVELS = {
    Clearance.PUBLIC: [Visibility.PUBLIC],
    Clearance.RESTRICTED: [Visibility.PUBLIC, Visibility.RESTRICTED],
    Clearance.CONFIDENTIAL: [Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.CONFIDENTIAL],
}


@dataclass(frozen=True)
class Viewer:
    clearance: Clearance = Clearance.PUBLIC

    @classmethod
    def public(cls) -> Viewer:
        return cls(Clearance.PUBLIC)

    @classmethod
    def for_user(cls, user: Any) -> Viewer:
        """The clearance of a Django user; anonymous and inactive users see public data."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls.public()
        if user.has_perm(CONFIDENTIAL_PERMISSION):
            return cls(Clearance.CONFIDENTIAL)
        if user.has_perm(RESTRICTED_PERMISSION):
            return cls(Clearance.RESTRICTED)
        return cls.public()

    @property
    def sees_private_fields(self) -> bool:
        return self.clearance >= Clearance.CONFIDENTIAL


def visible_levels(clearance: Clearance) -> list[str]:
    """The record visibilities a viewer of this clearance may see."""
    return list(_VISIBLE_LEVELS[clearance])


def visible_people(people: QuerySet[Person], viewer: Viewer) -> QuerySet[Person]:
    people = people.filter(visibility__in=_VISIBLE_LEVELS[viewer.clearance])
    if viewer.clearance == Clearance.PUBLIC:
        people = people.exclude(consent=Consent.NO)
    return people


def person_condition(viewer: Viewer, prefix: str = "person__") -> Q:
    """The visible-person condition for querysets that reach a person through `prefix`."""
    condition = Q(**{f"{prefix}visibility__in": _VISIBLE_LEVELS[viewer.clearance]})
    if viewer.clearance == Clearance.PUBLIC:
        condition &= ~Q(**{f"{prefix}consent": Consent.NO})
    return condition


def visible_events(events: QuerySet[Event], viewer: Viewer) -> QuerySet[Event]:
    return events.filter(person_condition(viewer)).filter(
        visibility__in=_VISIBLE_LEVELS[viewer.clearance]
    )


def visible_cases(cases: QuerySet[Case], viewer: Viewer) -> QuerySet[Case]:
    """Cases with at least one defendant this viewer may see: a case of hidden people alone
    would reveal that they exist. Pages list only the visible defendants (visible_people)."""
    from politzek.registry.models import Person as PersonModel

    defendants = visible_people(PersonModel.objects.filter(cases=OuterRef("pk")), viewer)
    return cases.filter(Exists(defendants))


def can_see_person(person: Person, viewer: Viewer) -> bool:
    if person.visibility not in _VISIBLE_LEVELS[viewer.clearance]:
        return False
    return not (viewer.clearance == Clearance.PUBLIC and person.consent == Consent.NO)


def private_fields(person: Person, viewer: Viewer) -> dict[str, str]:
    """The private fields this viewer may read: all of them for cleared staff, else none."""
    if not viewer.sees_private_fields:
        return {}
    return {name: getattr(person, name) for name in Person.PRIVATE_FIELDS}
