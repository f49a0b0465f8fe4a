"""The derived tables the public list and search read: each person's current status per
clearance (Listing) and the search keys of their names (NameKey). Rebuilt by
`flows.refresh` for the people whose history moved, in the same transaction as the facts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from politzek.flows.models import Listing, NameKey
from politzek.names.blocking import stored_keys
from politzek.names.script_order import script_of
from politzek.names.search_keys import search_keys
from politzek.registry import models as m
from politzek.registry.bulk import insert_values
from politzek.registry.partial_date import Precision
from politzek.registry.staleness import information_as_of
from politzek.registry.status import derive
from politzek.registry.timeline import timelines_with_visibility
from politzek.registry.visibility import Clearance, person_visible, visible_levels

BATCH = 20000


def primary_names(people: QuerySet[m.Person]) -> dict[int, str]:
    """Each person's name shown first (the primary one, else the first entered)."""
    names: dict[int, str] = {}
    rows = m.PersonName.objects.filter(person__in=people).order_by("person_id", "-is_primary", "id")
    for person_id, name in rows.values_list("person_id", "name").iterator(chunk_size=BATCH):
        names.setdefault(person_id, name)
    return names


def cyrillic_names(people: QuerySet[m.Person]) -> dict[int, str]:
    """Each person's first name written in Cyrillic (primary first), for people who have one."""
    names: dict[int, str] = {}
    rows = m.PersonName.objects.filter(person__in=people).order_by("person_id", "-is_primary", "id")
    for person_id, name in rows.values_list("person_id", "name").iterator(chunk_size=BATCH):
        if person_id not in names and script_of(name) == "Cyrl":
            names[person_id] = name
    return names


def person_attributes(people: QuerySet[m.Person]) -> dict[int, tuple[str, str, str, str, int | None]]:
    """(visibility, consent, country, birthday "MM-DD" or "", birth year) of each person."""
    attributes = {}
    rows = people.values_list("id", "visibility", "consent", "country", "birth_date")
    for person_id, visibility, consent, country, born in rows.iterator(chunk_size=BATCH):
        birthday = f"{born.earliest:%m-%d}" if born is not None and born.precision == Precision.DAY else ""
        attributes[person_id] = (visibility, consent, country or "", birthday,
                                 born.earliest.year if born is not None else None)
    return attributes


def _listing_rows(person_id: int, events: list[tuple[Any, str]], sort_names: tuple[str, str],
                  person: tuple[str, str, str, str, int | None]) -> list[dict[str, Any]]:
    sort_name, sort_name_cyrillic = sort_names
    visibility, consent, country, birthday, birth_year = person
    rows = []
    previous: tuple[int, dict[str, Any]] | None = None
    for clearance in Clearance:
        levels = visible_levels(clearance)
        seen = [event for event, visibility in events if visibility in levels]
        # Most timelines are all public: derive once and reuse while the events seen are the same.
        if previous is None or previous[0] != len(seen):
            derived = derive(seen)
            status = derived.status
            first = derived.intervals[0].start.year if derived.intervals and derived.intervals[0].start_known else None
            previous = (len(seen), {"status": status.status, "since": status.since,
                                    "release_mode": status.release_mode or "", "arrest_year": first,
                                    "term_ends": derived.term_ends, "information_as_of": information_as_of(seen)})
        rows.append({"person_id": person_id, "clearance": int(clearance), "sort_name": sort_name,
                     "sort_name_cyrillic": sort_name_cyrillic,
                     "visible": person_visible(visibility, consent, clearance), "country": country,
                     "birthday": birthday, "birth_year": birth_year, **previous[1]})
    return rows


def _all_listing_rows(people: QuerySet[m.Person]) -> Iterator[dict[str, Any]]:
    """Listing rows of these people: from their timelines, then people with no events."""
    primary, cyrillic = primary_names(people), cyrillic_names(people)
    names = {person_id: (name.casefold()[:300], cyrillic.get(person_id, name).casefold()[:300])
             for person_id, name in primary.items()}
    attributes = person_attributes(people)
    with_events: set[int] = set()
    for person_id, events in timelines_with_visibility(m.Event.objects.filter(person__in=people)):
        if person_id not in attributes:
            continue  # deleted while the rows were read
        with_events.add(person_id)
        yield from _listing_rows(person_id, events, names.get(person_id, ("", "")), attributes[person_id])
    for person_id, person in attributes.items():
        if person_id not in with_events:
            yield from _listing_rows(person_id, [], names.get(person_id, ("", "")), person)


def rebuild(person_ids: Iterable[int] | None) -> int:
    """Replace the listing rows and name keys of these people (all people when None)."""
    ids = None if person_ids is None else list(person_ids)
    people = m.Person.objects.all() if ids is None else m.Person.objects.filter(pk__in=ids)
    for model in (Listing, NameKey):
        (model.objects.all() if ids is None else model.objects.filter(person_id__in=ids)).delete()
    written = 0
    rows = _all_listing_rows(people)
    while batch := list(islice(rows, BATCH)):
        written += len(insert_values(Listing, batch, "flows", "refresh"))
    _write_name_keys(people)
    return written


def _write_name_keys(people: QuerySet[m.Person]) -> None:
    keys_by_person: dict[int, set[str]] = defaultdict(set)
    rows: list[dict[str, Any]] = []
    names = m.PersonName.objects.filter(person__in=people).order_by("person_id").values_list("person_id", "name")
    for person_id, name in names.iterator(chunk_size=BATCH):
        for key in (*search_keys(name), *stored_keys(name)):
            if key not in keys_by_person[person_id]:
                keys_by_person[person_id].add(key)
                rows.append({"person_id": person_id, "key": key[:40]})
        if len(rows) >= BATCH:
            insert_values(NameKey, rows, "flows", "refresh")
            rows = []
    insert_values(NameKey, rows, "flows", "refresh")
