"""Write transformed rows into the registry: create what is new, update what changed, and
leave the rest untouched, so a re-import is a no-op and history only shows real changes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from politzek.accountability.linking import OfficialIndex
from politzek.ingest.profile import Profile
from politzek.ingest.transform import AggregateRecord, CaseRecord, EventRecord, NameRecord, PersonRecord
from politzek.registry import models as m
from politzek.registry.bulk import bulk_insert, insert_values
from politzek.registry.organizations import organization_for
from politzek.registry.writes import update_without_loss

if TYPE_CHECKING:
    from politzek.ingest.result import ImportResult

# Events that belong to the row's case.
CASE_EVENT_KINDS = ("detained", "remanded", "charged", "sentenced", "appeal_decided", "house_arrest")


def _assign(instance: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ; True when any did."""
    different = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in different.items():
        setattr(instance, name, value)
    return bool(different)


def source_for(url: str, cache: dict[str, m.Source]) -> m.Source:
    """The Source with this URL, found or created once per import."""
    if url not in cache:
        cache[url] = m.Source.objects.filter(url=url).first() or m.Source.objects.create(url=url)
    return cache[url]


def _name(person: m.Person, name: NameRecord, primary: bool) -> m.PersonName:
    return m.PersonName(person=person, name=name.name, kind=name.kind, script=name.script, language=name.language,
                        is_primary=primary)


@dataclass
class _Stored:
    """What the registry holds for one imported person, fetched before comparing."""

    person: m.Person
    names: set[tuple[str, str]] = field(default_factory=set)
    events: dict[str, m.Event] = field(default_factory=dict)  # by source key
    recognitions: dict[int, m.Recognition] = field(default_factory=dict)  # by event id
    biographies: dict[str, m.Biography] = field(default_factory=dict)  # by language
    tag_ids: set[int] = field(default_factory=set)
    source_ids: set[int] = field(default_factory=set)


class RecordWriter:
    """Writes PersonRecords, creating or updating by source key; counts into an ImportResult.

    `write_many` takes a chunk of rows: people new to the registry whose rows carry no case
    or facility are inserted in bulk (with their history rows); the rest go one by one
    through `write`, which compares and updates."""

    def __init__(self, profile: Profile, result: ImportResult, actor: str = "unknown", reason: str = "") -> None:
        self.profile, self.result = profile, result
        self.actor, self.reason = actor, reason
        self.tags: dict[str, m.Tag] = {}
        self.organizations: dict[str, m.Organization] = {}
        # Source ids by address, for the whole import (rows often cite one bulletin); ids, not
        # model instances, so 100,000 rows citing 100,000 pages do not hold 100,000 objects.
        self.source_ids: dict[str, int] = {}
        self.facilities: dict[tuple[str, str, str], m.Facility] = {}
        self.courts: dict[tuple[str, str], m.Organization] = {}
        self.judges: dict[str, OfficialIndex] = {}
        self.profile_organizations = {spec.code: spec.defaults() for spec in profile.organizations}
        # The deals the rows name (id or name as written → the deal), resolved by the importer.
        self.deals: dict[str, m.Deal] = {}

    def write(self, record: PersonRecord, batch: m.ImportBatch, stored: _Stored | None = None,
              looked_up: bool = False) -> None:
        """Create or update one person; `stored` is what the registry holds for them (None:
        nobody yet) when the caller `looked_up` its whole chunk at once."""
        if not looked_up:
            stored = self._stored([record.key]).get(record.key)
        if stored is None:
            person = m.Person.objects.create(**self._person_fields(record))
            m.ExternalKey.objects.create(person=person, namespace=self.profile.namespace, key=record.key)
            self._write_details(person, record, _Stored(person), new=True)
            self.result.created.append(person.pk)
            return
        person = stored.person
        changed = _assign(person, update_without_loss(person, self._person_fields(record)))
        if changed:
            person.save()
        changed = self._write_details(person, record, stored, new=False) or changed
        (self.result.updated if changed else self.result.unchanged).append(person.pk)

    def write_many(self, records: list[PersonRecord], batch: m.ImportBatch) -> None:
        stored = self._stored([r.key for r in records])
        simple = [r for r in records if r.key not in stored and r.case is None and r.facility is None and not r.parts]
        self._bulk_create(simple)
        simple_keys = {r.key for r in simple}
        self._prefetch_sources({url for r in records if r.key not in simple_keys for url in r.sources})
        for record in records:
            if record.key not in simple_keys:
                self.write(record, batch, stored.get(record.key), looked_up=True)

    def _stored(self, keys: list[str]) -> dict[str, _Stored]:
        """What the registry holds for the people behind these source keys, in a few queries
        for the whole chunk (one record at a time, a re-import spent 5 ms a row on lookups)."""
        keys_found = m.ExternalKey.objects.filter(namespace=self.profile.namespace, key__in=keys)
        found = {k.key: _Stored(k.person) for k in keys_found.select_related("person")}
        by_person = {s.person.pk: s for s in found.values()}
        if not by_person:
            return found
        ids = list(by_person)
        for person_id, name, kind in m.PersonName.objects.filter(person_id__in=ids).values_list(
                "person_id", "name", "kind"):
            by_person[person_id].names.add((name, kind))
        events = m.Event.objects.filter(person_id__in=ids, source_key__startswith=f"{self.profile.namespace}:")
        for event in events:
            by_person[event.person_id].events[event.source_key] = event
        if self.profile.recognition:
            owner = {e.pk: s for s in by_person.values() for e in s.events.values()}
            for recognition in m.Recognition.objects.filter(event_id__in=list(owner)):
                owner[recognition.event_id].recognitions[recognition.event_id] = recognition
        for biography in m.Biography.objects.filter(person_id__in=ids):
            by_person[biography.person_id].biographies[biography.language] = biography
        for person_id, tag_id in m.Person.tags.through.objects.filter(person_id__in=ids).values_list(
                "person_id", "tag_id"):
            by_person[person_id].tag_ids.add(tag_id)
        for person_id, source_id in m.Person.sources.through.objects.filter(person_id__in=ids).values_list(
                "person_id", "source_id"):
            by_person[person_id].source_ids.add(source_id)
        return found

    def _bulk_create(self, records: list[PersonRecord]) -> None:
        """New people and everything their rows carry, as plain column values (no model
        instance per row: building them took most of an import's time)."""
        if not records:
            return
        actor, reason, namespace = self.actor, self.reason, self.profile.namespace
        people = insert_values(m.Person, [self._person_fields(r) for r in records], actor, reason)
        pairs = list(zip(people, records, strict=True))
        insert_values(m.ExternalKey, [{"person_id": p, "namespace": namespace, "key": r.key} for p, r in pairs],
                      actor, reason)
        insert_values(m.PersonName, [
            {"person_id": p, "name": n.name, "kind": n.kind, "script": n.script, "language": n.language,
             "is_primary": n.primary} for p, r in pairs for n in r.names], actor, reason)
        events = [(r, e) for _p, r in pairs for e in r.events]
        event_ids = insert_values(m.Event, [
            {"person_id": p, "kind": e.kind, "date": e.date, "date_earliest": e.date.earliest if e.date else None,
             "description": e.description, "organization_id": self._organization_id(e.organization),
             "deal_id": self.deals[e.deal].pk if e.deal else None, "as_of": r.as_of,
             "source_key": self._key(r, e.key_part)} for p, r in pairs for e in r.events], actor, reason)
        if self.profile.recognition:
            grounds = list(self.profile.recognition.grounds)
            insert_values(m.Recognition, [
                {"event_id": event_id, "grounds": grounds, "statement_url": r.statement_url or ""}
                for event_id, (r, e) in zip(event_ids, events, strict=True) if e.kind == "recognized"], actor, reason)
        insert_values(m.Biography, [{"person_id": p, "language": r.biography[0], "text": r.biography[1]}
                                    for p, r in pairs if r.biography], actor, reason)
        self._prefetch_sources({url for r in records for url in r.sources})
        # Each fact a row gives cites the row's sources, so a page shows where it comes from.
        insert_values(m.Event.sources.through, [
            {"event_id": event_id, "source_id": self._source_id(url)}
            for event_id, (r, e) in zip(event_ids, events, strict=True) for url in dict.fromkeys(r.sources_of(e))],
            actor, reason)
        insert_values(m.Person.tags.through, [
            {"person_id": p, "tag_id": self._tag(code).pk}
            for p, r in pairs for code in dict.fromkeys(r.fields.get("tags", []))], actor, reason)
        insert_values(m.Person.sources.through, [
            {"person_id": p, "source_id": self._source_id(url)}
            for p, r in pairs for url in dict.fromkeys(r.sources)], actor, reason)
        self.result.created += people

    def _event(self, person: m.Person, record: PersonRecord, event: EventRecord, links: dict[str, Any]) -> m.Event:
        """The unsaved Event a row's event rule makes (both write paths build it here)."""
        return m.Event(
            person=person, kind=event.kind, date=event.date, date_earliest=event.date.earliest if event.date else None,
            description=event.description, organization=self._organization(event.organization),
            source_key=self._key(record, event.key_part), as_of=record.as_of, **links,
        )

    def _key(self, record: PersonRecord, part: str) -> str:
        return f"{self.profile.namespace}:{record.key}:{part}"

    def _person_fields(self, record: PersonRecord) -> dict[str, Any]:
        return {name: value for name, value in record.fields.items() if name != "tags"}

    def _write_details(self, person: m.Person, record: PersonRecord, held: _Stored, new: bool) -> bool:
        changed = self._names(person, record, held, new)
        pieces = (record, *record.parts)
        # Events of this person's earlier imports that no rule of this file makes under their
        # key: a profile that changed how it keys an event (the template's recognitions became
        # one rule per organization) finds its old event here instead of adding a second one.
        wanted = {self._key(piece, event.key_part) for piece in pieces for event in piece.events}
        spare = [stored for key, stored in held.events.items() if key not in wanted]
        cited: list[tuple[int, EventRecord]] = []  # the events the rows make, each to cite its sources
        # A row's events, case and facility; in long format each of the person's rows in turn.
        for piece in pieces:
            case, sentence, case_changed = self._case(person, piece)
            changed = case_changed or changed
            facility = self._facility(piece)
            for event in piece.events:
                key = self._key(piece, event.key_part)
                stored = held.events.get(key) or self._adopt(spare, event)
                links = self._event_links(event, case, sentence, facility)
                # A file that says what day it is as of confirms the event as of then; one that
                # does not leaves the day an earlier file gave, and an older list does not make
                # newer information older.
                confirmed = {"as_of": piece.as_of} if piece.as_of and not (
                    stored is not None and stored.as_of and piece.as_of < stored.as_of) else {}
                if stored is None:
                    stored = self._event(person, piece, event, links)
                    stored.save()
                    changed = True
                elif _assign(stored, {"date": event.date, "description": event.description, "source_key": key,
                                      **links, **confirmed}):
                    stored.save()
                    changed = True
                if event.kind == "recognized" and self.profile.recognition:
                    changed = self._recognition(stored, piece, held) or changed
                cited.append((stored.pk, event))
        changed = self._cite(cited, record) and not new or changed
        if record.biography:
            language, text = record.biography
            biography = held.biographies.get(language)
            if biography is None:
                m.Biography.objects.create(person=person, language=language, text=text)
                changed = changed or not new
            elif biography.text != text:
                biography.text = text
                biography.save()
                changed = True
        return self._link(person, record, held, new) or changed

    def _cite(self, cited: list[tuple[int, EventRecord]], record: PersonRecord) -> bool:
        """Link each of the person's events to the rows' sources that support it and it does not
        cite yet (record.sources_of); True when any was."""
        if not cited or not record.sources:
            return False
        through = m.Event.sources.through
        have = set(through.objects.filter(event_id__in=[pk for pk, _e in cited]).values_list("event_id", "source_id"))
        wanted = [(event_id, self._source_id(url)) for event_id, event in cited
                  for url in dict.fromkeys(record.sources_of(event))]
        missing = [through(event_id=e, source_id=s) for e, s in wanted if (e, s) not in have]
        through.objects.bulk_create(missing, ignore_conflicts=True)
        return bool(missing)

    def _adopt(self, spare: list[m.Event], event: EventRecord) -> m.Event | None:
        """An earlier import's event of the same kind and organization, no longer made under
        its old key (taken from `spare`), or None."""
        organization = self._organization_id(event.organization)
        for stored in spare:
            if stored.kind == event.kind and stored.organization_id == organization:
                spare.remove(stored)
                return stored
        return None

    def _names(self, person: m.Person, record: PersonRecord, held: _Stored, new: bool) -> bool:
        known = held.names
        added = False
        for name in record.names:
            if (name.name, name.kind) not in known:
                _name(person, name, name.primary and new).save()
                added = True
        return added and not new

    def _event_links(self, event: EventRecord, case: m.Case | None, sentence: m.Sentence | None,
                     facility: m.Facility | None) -> dict[str, Any]:
        rule = next(r for r in self.profile.events if r.id == event.rule_id)
        return {
            "case": case if event.kind in CASE_EVENT_KINDS else None,
            "sentence": sentence if event.kind == "sentenced" else None,
            "facility": facility if rule.facility else None,
            "deal": self.deals[event.deal] if event.deal else None,
        }

    def _case(self, person: m.Person, record: PersonRecord) -> tuple[m.Case | None, m.Sentence | None, bool]:
        rule, data = self.profile.case, record.case
        if rule is None or data is None:
            return None, None, False
        key = self._key(record, "case")
        case = m.Case.objects.filter(source_key=key).first()
        changed = False
        jurisdiction = data.jurisdiction or rule.jurisdiction
        values = {"description": self._case_description(data), "case_number": data.case_number,
                  "court": self._court(data.court, jurisdiction) if data.court else None}
        if case is None:
            case = m.Case.objects.create(jurisdiction=jurisdiction, kind=m.Case.Kind.CRIMINAL, source_key=key,
                                         **values)
            case.defendants.add(person)
            changed = True
        elif _assign(case, values):
            case.save()
            changed = True
        code_system = data.code_system or rule.code_system
        wanted = [(code_system, c.article, c.part, c.label) for c in data.charges]
        stored = [(c.code_system, c.article, c.part, c.label) for c in case.charges.order_by("id")]
        if wanted != stored:
            case.charges.all().delete()
            for system, article, part, label in wanted:
                case.charges.create(person=person, code_system=system, article=article, part=part, label=label)
            changed = True
        sentence = None
        if data.sentence_date or data.term_days or data.sentence_kind:
            values = {"date": data.sentence_date, "kind": data.sentence_kind or m.Sentence.Kind.OTHER,
                      "term_days": data.term_days}
            sentence = case.sentences.filter(person=person).first()
            if sentence is None:
                sentence = case.sentences.create(person=person, **values)
                changed = True
            elif _assign(sentence, values):
                sentence.save()
                changed = True
        if data.judge:
            judge = self._judge(data.judge, rule.jurisdiction)
            _role, created = m.CaseRole.objects.get_or_create(
                case=case, official=judge, role=m.CaseRole.Role.JUDGE_FIRST_INSTANCE,
                defaults={"date": data.sentence_date})
            changed = changed or created
        return case, sentence, changed

    def _court(self, name: str, country: str) -> m.Organization:
        """The court a row names, found by its name or created once (code from the name)."""
        key = (name, country)
        if key not in self.courts:
            found = m.Organization.objects.filter(kind=m.Organization.Kind.COURT, name=name).first()
            if found is None:
                code = f"court-{country.lower()}-{hashlib.sha1(name.encode()).hexdigest()[:10]}"
                found = m.Organization.objects.get_or_create(
                    code=code, defaults={"name": name, "kind": m.Organization.Kind.COURT, "country": country})[0]
            self.courts[key] = found
        return self.courts[key]

    @staticmethod
    def _case_description(data: CaseRecord) -> str:
        lines = []
        if data.term_text:
            lines.append(f"Sentence as published: {data.term_text}")
        if data.counsel:
            lines.append(f"Defence counsel: {data.counsel}")
        return "\n".join(lines)

    def _judge(self, name: str, country: str) -> m.Official:
        # Through the matcher: "Siarhei Khrypach" in one file and "Sergei Khrypach" in the next
        # are one judge (accountability/linking.py).
        if country not in self.judges:
            self.judges[country] = OfficialIndex(country)
        return self.judges[country].official_for(name)

    def _facility(self, record: PersonRecord) -> m.Facility | None:
        data = record.facility
        if data is None:
            return None
        key = (data.name, data.address, data.country)
        if key not in self.facilities:
            self.facilities[key] = m.Facility.objects.get_or_create(
                name=data.name, postal_address=data.address, country=data.country)[0]
        return self.facilities[key]

    def _recognition(self, event: m.Event, record: PersonRecord, held: _Stored) -> bool:
        assert self.profile.recognition is not None
        values = {"statement_url": record.statement_url or "", "grounds": list(self.profile.recognition.grounds)}
        recognition = held.recognitions.get(event.pk)
        if recognition is None:
            m.Recognition.objects.create(event=event, **values)
            return True
        if _assign(recognition, values):
            recognition.save()
            return True
        return False

    def _link(self, person: m.Person, record: PersonRecord, held: _Stored, new: bool) -> bool:
        """Tags and sources the row names that the person lacks; True when any was added.

        Through the join tables directly: a related manager per person is costly to build."""
        tag_links, source_links = m.Person.tags.through, m.Person.sources.through
        have_tags, have_sources = held.tag_ids, held.source_ids
        tags = [self._tag(code) for code in record.fields.get("tags", [])]
        source_ids = [self._source_id(url) for url in record.sources]
        new_tags = [tag_links(person_id=person.pk, tag_id=t.pk) for t in tags if t.pk not in have_tags]
        new_sources = [source_links(person_id=person.pk, source_id=pk) for pk in dict.fromkeys(source_ids)
                       if pk not in have_sources]
        tag_links.objects.bulk_create(new_tags, ignore_conflicts=True)
        source_links.objects.bulk_create(new_sources, ignore_conflicts=True)
        return bool(new_tags or new_sources) and not new

    def _tag(self, code: str) -> m.Tag:
        if code not in self.tags:
            self.tags[code] = m.Tag.objects.get_or_create(code=code, defaults={"label": code})[0]
        return self.tags[code]

    def _prefetch_sources(self, urls: set[str]) -> None:
        """Find the chunk's sources in one query and create the missing ones in bulk."""
        wanted = urls - set(self.source_ids)
        for pk, url in m.Source.objects.filter(url__in=wanted).values_list("pk", "url"):
            self.source_ids.setdefault(url, pk)
        missing = [m.Source(url=url) for url in sorted(wanted - set(self.source_ids))]
        bulk_insert(m.Source, missing, self.actor, self.reason)
        self.source_ids.update((source.url, source.pk) for source in missing)

    def _source_id(self, url: str) -> int:
        if url not in self.source_ids:
            self._prefetch_sources({url})
        return self.source_ids[url]

    def _organization_id(self, code: str | None) -> int | None:
        organization = self._organization(code)
        return organization.pk if organization else None

    def _organization(self, code: str | None) -> m.Organization | None:
        if code is None:
            return None
        if code not in self.organizations:
            self.organizations[code] = organization_for(code, self.profile_organizations.get(code))
        return self.organizations[code]


class AggregateWriter:
    """Writes detention counts, creating or updating by source key."""

    def __init__(self, profile: Profile, result: ImportResult) -> None:
        self.profile, self.result = profile, result
        self.sources: dict[str, m.Source] = {}

    def write(self, record: AggregateRecord, batch: m.ImportBatch) -> None:
        key = f"{self.profile.namespace}:{record.key}"
        source = source_for(record.source_url, self.sources) if record.source_url else None
        values = {**record.values, "source": source}
        stored = m.AggregateDetention.objects.filter(source_key=key).first()
        if stored is None:
            stored = m.AggregateDetention.objects.create(source_key=key, import_batch=batch, **values)
            self.result.created.append(stored.pk)
        elif _assign(stored, values):
            stored.import_batch = batch
            stored.save()
            self.result.updated.append(stored.pk)
        else:
            self.result.unchanged.append(stored.pk)
