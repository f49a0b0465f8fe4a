"""Registry people as vetting reads them (bargaining.vetting.PersonRecord), loaded in a few
queries per chunk of people, through the one visibility filter: a record, event or case the
viewer may not see never shapes a verdict, a flag or a priority score shown to them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from rigour.text import ascii_text
from rigour.text.scripts import text_scripts

from politzek.bargaining.rules import vetting_rules
from politzek.bargaining.vetting import ChargeFact, PersonRecord, RecognitionFact
from politzek.registry import models as m
from politzek.registry.organizations import organization_name
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import TimelineEvent, derive
from politzek.registry.timeline import timeline_events
from politzek.registry.visibility import Viewer, visible_cases, visible_events, visible_people

CHUNK = 2000


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def person_records(person_ids: Iterable[int], viewer: Viewer, today: dt.date | None = None) -> dict[int, PersonRecord]:
    """The record of each visible person of `person_ids` (the others are left out)."""
    today = today or dt.date.today()
    records: dict[int, PersonRecord] = {}
    for chunk in _chunks(sorted(set(person_ids))):
        records.update(_load(chunk, viewer, today))
    return records


def _load(ids: list[int], viewer: Viewer, today: dt.date) -> dict[int, PersonRecord]:
    people = {p.pk: p for p in visible_people(m.Person.objects.filter(pk__in=ids), viewer)}
    if not people:
        return {}
    ids = list(people)
    names, other_names = _names_in_two_scripts(ids)
    tags: dict[int, set[str]] = defaultdict(set)
    for person_id, code in m.Person.tags.through.objects.filter(person_id__in=ids).values_list(
            "person_id", "tag__code"):
        tags[person_id].add(code)

    events = visible_events(m.Event.objects.filter(person_id__in=ids), viewer)
    person_of = {}
    dated_kinds: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for person_id, event_id, kind, day in events.values_list("person_id", "id", "kind", "date_earliest"):
        person_of[event_id] = person_id
        if day is not None:
            dated_kinds[person_id].append((day, kind))
    by_person: dict[int, list[TimelineEvent]] = defaultdict(list)
    for event in timeline_events(events):
        by_person[person_of[event.id]].append(event)

    recognitions = _recognitions(events)
    charges = _charges(ids, viewer)
    sentences: dict[int, list[tuple[dt.date | None, int | None, str, bool]]] = defaultdict(list)
    rows = list(m.Sentence.objects.filter(person_id__in=ids).values_list(
        "case_id", "person_id", "date", "term_days", "kind", "in_absentia"))
    # Visible cases among these sentences' own: `case__in=visible_cases(all cases)` made SQLite
    # test every case of the registry for each chunk (0.27 s each at 100,000 people).
    seen_cases = set(visible_cases(m.Case.objects.filter(pk__in={row[0] for row in rows}), viewer)
                     .values_list("id", flat=True))
    for case_id, person_id, date, term, kind, absentia in rows:
        if case_id in seen_cases:
            day = PartialDate.coerce(date).earliest if date else None
            sentences[person_id].append((day, term, kind, absentia))

    records = {}
    for person_id, person in people.items():
        derived = derive(by_person.get(person_id, []), today)
        current = derived.intervals[-1] if derived.intervals and derived.intervals[-1].end is None else None
        # Held since an unknown day: no "since", and everything from the first day the record
        # knows them held (dt.date.min when nothing says) may belong to this custody.
        custody_since = current.start if current and current.start_known else None
        spell_from = current.start if current else None
        longest = None
        if current:
            terms = [term for day, term, kind, absentia in sentences.get(person_id, [])
                     if term and m.Sentence.is_custodial(kind, absentia) and (day is None or day >= spell_from)]
            longest = max(terms) if terms else None
        recent = frozenset(kind for day, kind in dated_kinds.get(person_id, ())
                           if spell_from is not None and day >= spell_from)
        records[person_id] = PersonRecord(
            person_id=person_id, name=names.get(person_id, f"person {person_id}"), country=person.country,
            other_script_name=other_names.get(person_id, ""),
            citizenships=tuple(person.citizenships or ()),
            birth_year=person.birth_date.earliest.year if person.birth_date else None,
            tags=frozenset(tags.get(person_id, ())), charges=tuple(charges.get(person_id, ())),
            recognitions=tuple(recognitions.get(person_id, ())), in_custody=derived.status.in_custody,
            custody_since=custody_since, status=derived.status.status, status_since=derived.status.since,
            release_mode=derived.status.release_mode, sentence_days=longest, current_custody_events=recent,
            has_health_notes=viewer.sees_private_fields and bool(person.health_notes.strip()),
            synthetic=person.synthetic,
        )
    return records


def _names_in_two_scripts(ids: list[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Each person's name shown first, and a name in another script beside it: the Latin one
    for a name in a local script (a negotiator reads Latin), the local one for a Latin name
    (the other side writes it so); a Latin transliteration when the record has none."""
    rows: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person_id, name, script in m.PersonName.objects.filter(person_id__in=ids).order_by(
            "person_id", "-is_primary", "id").values_list("person_id", "name", "script"):
        rows[person_id].append((name, script or _script(name)))
    first, other = {}, {}
    for person_id, names in rows.items():
        name, script = names[0]
        first[person_id] = name
        if script == "Latn":
            found = next((n for n, s in names[1:] if s and s != "Latn"), "")
        else:
            found = next((n for n, s in names[1:] if s == "Latn"), "") or ascii_text(name).title()
        if found and found != name:
            other[person_id] = found
    return first, other


def _script(name: str) -> str:
    return "Latn" if text_scripts(name) == {"Latin"} else "other"


def _first_sources(through: type, owner: str, ids: Iterable[int]) -> dict[int, str]:
    """The first source address of each record (event or case), by its id."""
    found: dict[int, str] = {}
    for owner_id, url in through.objects.filter(**{f"{owner}_id__in": list(ids)}).order_by(
            f"{owner}_id", "source_id").values_list(f"{owner}_id", "source__url"):
        if url:
            found.setdefault(owner_id, url)
    return found


def _recognitions(events: QuerySet[m.Event]) -> dict[int, list[RecognitionFact]]:
    kind = vetting_rules().recognizer_kind
    rows = list(events.filter(kind__in=("recognized", "recognition_withdrawn")).order_by("date_earliest", "id")
                .values_list("person_id", "id", "kind", "date", "date_earliest", "organization__code",
                             "organization__name", "organization__kind", "recognition__grounds",
                             "recognition__statement_url"))
    sources = _first_sources(m.Event.sources.through, "event", [row[1] for row in rows])
    found: dict[int, list[RecognitionFact]] = defaultdict(list)
    for person_id, event_id, event_kind, date, day, code, name, org_kind, grounds, statement in rows:
        if event_kind == "recognized":
            found[person_id].append(RecognitionFact(code or "", organization_name(code or "", name or "")
                                                    or "an organization",
                                                    str(date) if date else "", tuple(grounds or ()),
                                                    None, org_kind == kind, statement or sources.get(event_id, "")))
        else:  # a withdrawal closes the same organization's recognitions given before it
            found[person_id] = [
                RecognitionFact(r.organization, r.organization_name, r.date, r.grounds, str(date) if date else "?",
                                r.human_rights, r.source)
                if r.organization == code and r.withdrawn_on is None and (
                    not r.date or day is None or PartialDate.parse(r.date).earliest <= day) else r
                for r in found[person_id]]
    return found


def _charges(ids: list[int], viewer: Viewer) -> dict[int, list[ChargeFact]]:
    cases = visible_cases(m.Case.objects.filter(defendants__in=ids), viewer).distinct()
    case_numbers = {pk: number or f"case {pk}" for pk, number in cases.values_list("id", "case_number")}
    defendants: dict[int, set[int]] = defaultdict(set)
    for case_id, person_id in m.Case.defendants.through.objects.filter(
            case_id__in=case_numbers, person_id__in=ids).values_list("case_id", "person_id"):
        defendants[case_id].add(person_id)
    convicted = set(m.Sentence.objects.filter(case_id__in=case_numbers, person_id__in=ids)
                    .values_list("case_id", "person_id"))
    wanted = set(ids)
    sources = _first_sources(m.Case.sources.through, "case", case_numbers)
    found: dict[int, list[ChargeFact]] = defaultdict(list)
    for case_id, person_id, system, article, part, label in m.Charge.objects.filter(
            case_id__in=case_numbers).order_by("id").values_list(
            "case_id", "person_id", "code_system", "article", "part", "label"):
        for defendant in ([person_id] if person_id else sorted(defendants[case_id])):
            if defendant in wanted:
                found[defendant].append(ChargeFact(system, article, part, label, case_numbers[case_id],
                                                   (case_id, defendant) in convicted, sources.get(case_id, "")))
    return found
