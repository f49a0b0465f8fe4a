"""The one place that decides what a viewer may see. Every public output (pages, API, feeds,
exports, the command line's lists) filters through these functions; nothing else decides.

Rules:
- A person is shown to the public only when their visibility is public and publication has
  not been refused (consent "no"). Restricted people are shown to registry staff, confidential
  people only to cleared staff.
- An event is shown only when its person is shown and its own visibility allows it.
- Private fields (Person.PRIVATE_FIELDS) are shown only to cleared staff.
- Staff surfaces (staff pages, the admin) read every registry model through
  `visible_records`: a row is shown only when every person it names or rests on may be
  seen, a case only when all its defendants may be, a source or tag only when it is not
  attached to hidden records alone.
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

# The value under which public figures count the people of values (a region, a country, a
# tag) that only people hidden from the public hold: counted, never named (issue 33).
NOT_SHOWN = "(not shown)"

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


def person_visible(visibility: str, consent: str, clearance: Clearance) -> bool:
    """visible_people's rule for one person's values: what derived tables (flows.Listing) keep
    so the public list need not ask the people table. Tested to agree with the query."""
    if visibility not in _VISIBLE_LEVELS[clearance]:
        return False
    return clearance != Clearance.PUBLIC or consent != Consent.NO


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


def hidden_event_ids(person_id: int | None, viewer: Viewer) -> frozenset[int]:
    """The person's events this viewer may not see: what a refusal told to them must not
    describe (registry/timeline_words.issue_told_to)."""
    from politzek.registry.models import Event

    if person_id is None or viewer.clearance >= Clearance.CONFIDENTIAL:
        return frozenset()
    events = Event.objects.filter(person_id=person_id)
    return frozenset(events.exclude(pk__in=visible_events(events, viewer)).values_list("pk", flat=True))


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


def can_see(record: Any, viewer: Viewer) -> bool:
    """Whether this viewer may see this row of any registry model (see visible_records)."""
    model = type(record)
    return visible_records(model._default_manager.filter(pk=record.pk), viewer).exists()


def visible_records(records: QuerySet[Any], viewer: Viewer) -> QuerySet[Any]:
    """The rows of any registry model this viewer may see; models that name nobody (facilities,
    officials, deals, organizations…) are seen whole."""
    from politzek.registry import models as m

    if viewer.clearance >= Clearance.CONFIDENTIAL:
        return records  # cleared staff see every row; consent only hides people from the public
    model = records.model
    by_person = {m.PersonName: "person", m.Biography: "person", m.ExternalKey: "person", m.Sentence: "person"}
    if model is m.Person:
        return visible_people(records, viewer)
    if model is m.Event:
        return visible_events(records, viewer)
    if model in by_person:
        return records.filter(person_condition(viewer, f"{by_person[model]}__"))
    if model is m.Recognition:
        return records.filter(event__in=visible_events(m.Event.objects.all(), viewer))
    if model is m.Case:
        return records.exclude(defendants__in=hidden_people(viewer))
    if model in (m.Charge, m.CaseRole):
        condition = Q(case__in=visible_records(m.Case.objects.all(), viewer))
        if model is m.Charge:
            condition &= Q(person__isnull=True) | person_condition(viewer)
        return records.filter(condition)
    if model is m.DealRelease:
        return records.filter(Q(person__isnull=True) | person_condition(viewer))
    if model is m.ExchangeListEntry:
        return records.exclude(involved_people__in=hidden_people(viewer))
    if model in (m.DuplicateCandidate, m.MatchJudgement):
        return records.filter(person_condition(viewer, "left__") & person_condition(viewer, "right__"))
    if model is m.PersonMerge:
        return records.filter(person_condition(viewer, "kept__"))
    if model is m.ProposalEvidence:
        return records.filter(
            (Q(event__isnull=True) | Q(event__in=visible_events(m.Event.objects.all(), viewer)))
            & (Q(case__isnull=True) | Q(case__in=visible_records(m.Case.objects.all(), viewer))))
    if model is m.Source:
        return _not_hidden_only(records, viewer, ("people", "events", "cases"))
    if model is m.Tag:
        return _not_hidden_only(records, viewer, ("people",))
    return records


def hidden_people(viewer: Viewer) -> QuerySet[Person]:
    return Person.objects.exclude(pk__in=visible_people(Person.objects.all(), viewer))


def _not_hidden_only(records: QuerySet[Any], viewer: Viewer, relations: tuple[str, ...]) -> QuerySet[Any]:
    """Rows (sources, tags) attached to no hidden record, or to at least one visible one: a
    title or label used only by hidden people would tell of them."""
    from politzek.registry import models as m

    visible_sets = {"people": visible_people(m.Person.objects.all(), viewer),
                    "events": visible_events(m.Event.objects.all(), viewer),
                    "cases": visible_records(m.Case.objects.all(), viewer)}
    hidden_somewhere = Q()
    visible_somewhere = Q()
    for relation in relations:
        related = getattr(records.model, relation).rel.related_model
        hidden_somewhere |= Q(Exists(related.objects.filter(**{f"{_reverse(records.model, relation)}": OuterRef("pk")})
                                     .exclude(pk__in=visible_sets[relation])))
        visible_somewhere |= Q(Exists(related.objects.filter(**{f"{_reverse(records.model, relation)}": OuterRef("pk")})
                                      .filter(pk__in=visible_sets[relation])))
    return records.filter(visible_somewhere | ~hidden_somewhere)


def _reverse(model: Any, relation: str) -> str:
    """The field on the related model that points back at `model` through `relation`."""
    return getattr(model, relation).field.name


def visible_versions(rows: QuerySet[Any], model: Any, record_id: Any, viewer: Viewer) -> QuerySet[Any]:
    """The history rows (`rows`, of the record `record_id` of `model`) this viewer may read.
    The record's highest version decides: a record (or its person) that was ever above the
    viewer's clearance shows them no versions, since an old version would show what a later
    one hid. And the versions before a redaction (a change marked as removing dangerous text)
    are for confidential clearance only."""
    if viewer.clearance >= Clearance.CONFIDENTIAL:
        return rows
    levels = _VISIBLE_LEVELS[viewer.clearance]
    versions = model.history.filter(**{model._meta.pk.attname: record_id})
    fields = {field.name for field in model._meta.get_fields()}
    if "visibility" in fields and versions.exclude(visibility__in=levels).exists():
        return rows.none()
    if "person" in fields:
        person_ids = set(versions.values_list("person_id", flat=True)) - {None}
        if Person.history.filter(id__in=person_ids).exclude(visibility__in=levels).exists():
            return rows.none()
    redaction = versions.filter(history_redaction=True).order_by("-history_date").first()
    if redaction is not None:
        rows = rows.filter(history_date__gte=redaction.history_date)
    return rows
