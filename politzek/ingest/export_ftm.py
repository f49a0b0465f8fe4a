"""FollowTheMoney export: the registry as FtM entities (JSON lines), for Aleph, OpenSanctions
and yente users. The mapping is DESIGN.md's; ids come from stable keys through FtM's own
`make_id`, never from names. Only what the viewer may see is exported, and never a private
field (FtM has nowhere to put one, and we would not)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import QuerySet
from followthemoney import model
from followthemoney.proxy import EntityProxy

from politzek.registry import models as m
from politzek.registry.event_kinds import event_kind
from politzek.registry.visibility import Viewer, visible_events, visible_people

PREFIX = "politzek"
SYNTHETIC_NOTE = "Synthetic demo record: invented for demonstration, not a real person or event."


def _entity(schema: str, *key: Any) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.make_id(PREFIX, schema.lower(), *[str(part) for part in key])
    return entity


def _names(entity: EntityProxy, names: list[Any]) -> None:
    for name in names:
        entity.add("name" if name.kind != "alias" else "alias", name.name)
        if name.is_primary:
            entity.add("firstName", name.first_name or None)
            entity.add("fatherName", name.patronymic or None)
            entity.add("lastName", name.last_name or None)
    if not names:
        entity.add("name", f"unnamed {entity.schema.name.lower()}")


def person_entities(viewer: Viewer, people: QuerySet[m.Person] | None = None) -> Iterator[EntityProxy]:
    people = visible_people(m.Person.objects.all() if people is None else people, viewer).prefetch_related(
        "names", "sources", "biographies")
    for person in people.order_by("id").iterator(chunk_size=2000):
        entity = _entity("Person", "person", person.pk)
        _names(entity, list(person.names.all()))
        entity.add("birthDate", str(person.birth_date) if person.birth_date else None)
        entity.add("gender", person.gender if person.gender != "unknown" else None)
        entity.add("nationality", person.citizenships)
        entity.add("country", person.country or None)
        entity.add("sourceUrl", [s.url for s in person.sources.all() if s.url])
        entity.add("description", [b.text for b in person.biographies.all() if b.language == "en"])
        if person.synthetic:
            entity.add("notes", SYNTHETIC_NOTE)
        yield entity


def official_entities(officials: QuerySet[m.Official] | None = None) -> Iterator[EntityProxy]:
    officials = (m.Official.objects.all() if officials is None else officials).prefetch_related(
        "names", "positions__institution", "sanctions__source")
    for official in officials.order_by("id").iterator(chunk_size=2000):
        entity = _entity("Person", "official", official.pk)
        _names(entity, list(official.names.all()))
        entity.add("country", official.country or None)
        if official.synthetic:
            entity.add("notes", SYNTHETIC_NOTE)
        yield entity
        for position in official.positions.all():
            post = _entity("Position", "position", position.pk)
            title = position.title or position.get_role_display()
            post.add("name", f"{title}, {position.institution.name}" if position.institution else title)
            post.add("country", official.country or None)
            yield post
            occupancy = _entity("Occupancy", "occupancy", position.pk)
            occupancy.add("holder", entity)
            occupancy.add("post", post)
            occupancy.add("startDate", str(position.start) if position.start else None)
            occupancy.add("endDate", str(position.end) if position.end else None)
            yield occupancy
        for sanction in official.sanctions.all():
            listing = _entity("Sanction", "sanction", sanction.pk)
            listing.add("entity", entity)
            listing.add("authority", sanction.authority)
            listing.add("program", sanction.program or None)
            listing.add("startDate", str(sanction.listed_on) if sanction.listed_on else None)
            listing.add("endDate", str(sanction.delisted_on) if sanction.delisted_on else None)
            listing.add("authorityId", sanction.reference or None)
            if sanction.source and sanction.source.url:
                listing.add("sourceUrl", sanction.source.url)
            yield listing


def case_entities(viewer: Viewer, cases: QuerySet[m.Case] | None = None) -> Iterator[EntityProxy]:
    visible = set(visible_people(m.Person.objects.all(), viewer).values_list("id", flat=True))
    cases = (m.Case.objects.all() if cases is None else cases).select_related("court").prefetch_related(
        "defendants", "charges", "sentences", "roles__official")
    for case in cases.order_by("id").iterator(chunk_size=2000):
        defendants = list(case.defendants.all())
        # A case names its defendants: it is exported only when all of them may be seen.
        if not defendants or any(d.pk not in visible for d in defendants):
            continue
        court_case = _entity("CourtCase", "case", case.pk)
        court_case.add("name", f"{case.jurisdiction} case {case.case_number or case.pk}")
        court_case.add("caseNumber", case.case_number or None)
        court_case.add("court", case.court.name if case.court else None)
        court_case.add("fileDate", str(case.opened) if case.opened else None)
        court_case.add("closeDate", str(case.closed) if case.closed else None)
        court_case.add("type", case.kind)
        court_case.add("country", case.jurisdiction)
        court_case.add("category", [str(charge) for charge in case.charges.all()])
        yield court_case
        sentences = {s.person_id: s for s in case.sentences.all()}
        for defendant in defendants:
            party = _entity("CourtCaseParty", "defendant", case.pk, defendant.pk)
            party.add("party", _entity("Person", "person", defendant.pk))
            party.add("case", court_case)
            party.add("role", "defendant")
            sentence = sentences.get(defendant.pk)
            if sentence:
                party.add("status", sentence.get_kind_display())
                party.add("date", str(sentence.date) if sentence.date else None)
                if sentence.term_days:
                    party.add("summary", f"{sentence.get_kind_display()}, {sentence.term_days} days")
            yield party
        for role in case.roles.all():
            party = _entity("CourtCaseParty", "role", role.pk)
            party.add("party", _entity("Person", "official", role.official_id))
            party.add("case", court_case)
            party.add("role", role.role)
            party.add("date", str(role.date) if role.date else None)
            yield party


def event_entities(viewer: Viewer) -> Iterator[EntityProxy]:
    events = visible_events(m.Event.objects.all(), viewer).select_related("organization", "facility")
    organizations: set[int] = set()
    for event in events.order_by("id").iterator(chunk_size=5000):
        entity = _entity("Event", "event", event.pk)
        entity.add("name", event_kind(event.kind).label)
        entity.add("keywords", event.kind)
        entity.add("involved", _entity("Person", "person", event.person_id))
        entity.add("date", str(event.date) if event.date else None)
        entity.add("description", event.description or None)
        if event.facility:
            entity.add("location", ", ".join(filter(None, [event.facility.name, event.facility.postal_address])))
        if event.organization:
            organizer = _entity("Organization", "organization", event.organization_id)
            if event.organization_id not in organizations:
                organizations.add(event.organization_id)
                organizer.add("name", event.organization.name)
                organizer.add("country", event.organization.country or None)
                yield organizer
            entity.add("organizer", organizer)
        if event.synthetic:
            entity.add("notes", SYNTHETIC_NOTE)
        yield entity


def export_ftm(out: IO[str], viewer: Viewer) -> int:
    """Write every entity as one JSON line; returns how many."""
    count = 0
    for generator in (person_entities(viewer), official_entities(), case_entities(viewer), event_entities(viewer)):
        for entity in generator:
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def export_official_ftm(out: IO[str], official_id: int, viewer: Viewer) -> int:
    """One official's dossier as FtM: the official (Person, positions, real Sanction listings
    only), the cases they had a role in whose defendants the viewer may all see, those
    defendants and every party. Returns how many entities."""
    cases = m.Case.objects.filter(roles__official_id=official_id).distinct()
    defendants = m.Person.objects.filter(cases__in=cases).distinct()
    count = 0
    for generator in (official_entities(m.Official.objects.filter(pk=official_id)), case_entities(viewer, cases),
                      person_entities(viewer, defendants)):
        for entity in generator:
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
