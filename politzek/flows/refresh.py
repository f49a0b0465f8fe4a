"""Keep the facts table in step with the timelines.

The history tables are the change log: every save, bulk insert and delete of a person, an
event or a sentence writes a history row with a growing id. A refresh reads how far it got
last time (RefreshMark), re-derives the people whose history moved since, and records the
new marks, all in one transaction. Nothing has to remember to call it after a change: every
reader of the facts calls `refresh()` first, and it costs three queries when nothing moved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, transaction

from politzek.flows import data_state, listing
from politzek.flows.facts import person_facts
from politzek.flows.models import UNDATED, DailyCount, Fact, PersonSummary, RefreshMark
from politzek.names.search_keys import KEYS_VERSION
from politzek.registry import models as m
from politzek.registry.bulk import insert_values
from politzek.registry.timeline import timelines

# Each tracked history table and the column that names the person a change concerns.
TRACKED: dict[str, tuple[Any, str]] = {
    "person": (m.Person.history.model, "id"),
    "event": (m.Event.history.model, "person_id"),
    "sentence": (m.Sentence.history.model, "person_id"),
    # Names feed only the listing's sort name and the search keys (flows/listing.py).
    "name": (m.PersonName.history.model, "person_id"),
}
CHUNK = 5000
REFRESH_LOCK = 0x706F6C69  # any number unique to this lock
# Past this share of the registry, rebuilding everything is cheaper than deleting by id.
FULL_REBUILD_SHARE = 0.3


@dataclass
class RefreshResult:
    people: int = 0
    facts: int = 0
    full: bool = False


def _chunks(items: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _fingerprints(state: data_state.DataState) -> dict[str, int]:
    """The history marks of the tracked tables, and what else the derived tables depend on:
    organization codes (facts hold them, and organizations keep no history; a changed code
    rebuilds every fact) and the version of the search keys (new spelling rules make every
    name's keys stale)."""
    tops = {table: state.tops.get(model._meta.db_table, 0) for table, (model, _column) in TRACKED.items()}
    return {**tops, "organizations": state.organizations, "name_keys": KEYS_VERSION}


def _changed_people(marks: dict[str, int]) -> set[int]:
    changed: set[int] = set()
    for table, (model, column) in TRACKED.items():
        rows = model.objects.filter(history_id__gt=marks.get(table, 0)).values_list(column, flat=True).distinct()
        changed.update(person_id for person_id in rows if person_id is not None)
    return changed


def _attributes(person_ids: list[int] | None) -> dict[int, dict[str, Any]]:
    people = m.Person.objects.all() if person_ids is None else m.Person.objects.filter(pk__in=person_ids)
    return {
        pk: {"country": country or "", "region": region or "", "gender": gender or "",
             "birth_year": birth.year if birth else None}
        for pk, country, region, gender, birth in people.values_list("id", "country", "region", "gender", "birth_date")
    }


DAILY_COLUMNS = ("country", "kind", "organization", "start", "start_kind", "start_precise", "end", "end_kind",
                 "end_precise")
DailyKey = tuple[str, str, str, str, Any, str, bool]


def _count(daily: Counter[DailyKey], row: tuple[Any, ...], sign: int) -> None:
    """Add (or take away) one fact's start and end to the daily counts."""
    country, kind, organization, start, start_kind, start_precise, end, end_kind, end_precise = row
    daily[(country, kind, organization, "start", start or UNDATED, start_kind, start_precise)] += sign
    if end is not None:
        daily[(country, kind, organization, "end", end, end_kind, end_precise)] += sign


def _apply(daily: Counter[DailyKey]) -> None:
    """Add the changes to the stored daily counts (one upsert per key) and drop empty ones."""
    adapt = connection.ops.adapt_datefield_value
    rows = [(*key[:4], adapt(key[4]), *key[5:], n) for key, n in daily.items() if n]
    if not rows:
        return
    table = DailyCount._meta.db_table
    key = "country, kind, organization, edge, day, move, precise"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({key}, n) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
            f"ON CONFLICT ({key}) DO UPDATE SET n = {table}.n + excluded.n", rows)
    DailyCount.objects.filter(n=0).delete()


def _write(events: Any, attributes: dict[int, dict[str, Any]], daily: Counter[DailyKey]) -> int:
    rows: list[dict[str, Any]] = []
    written = 0
    for person_id, timeline in timelines(events):
        person = attributes.get(person_id)
        if person is None:
            continue
        for fact in person_facts(timeline):
            rows.append({
                "person_id": person_id, **person, "kind": fact.kind, "organization": fact.organization,
                "start": fact.start, "start_kind": fact.start_kind, "start_precise": fact.start_precise,
                "end": fact.end, "end_kind": fact.end_kind, "end_precise": fact.end_precise,
                "custody_days": fact.custody_days,
            })
            _count(daily, (person["country"], fact.kind, fact.organization, fact.start, fact.start_kind,
                           fact.start_precise, fact.end, fact.end_kind, fact.end_precise), +1)
        if len(rows) >= 20000:
            written += len(insert_values(Fact, rows, "flows", "refresh"))
            rows = []
    return written + len(insert_values(Fact, rows, "flows", "refresh"))


def data_version() -> str:
    """The state of the data as the last refresh left it: changes whenever a tracked table
    moves and a refresh follows, so it can key caches of anything derived from them."""
    return data_state.current().refreshed


def _up_to_date() -> bool:
    state = data_state.current()
    current = _fingerprints(state)
    return bool(state.marks) and all(current[table] == state.marks.get(table) for table in current)


def refresh(full: bool = False) -> RefreshResult:
    """Bring the facts up to date; `full` rebuilds them all."""
    # Checked first without a write transaction: on SQLite that would take the write lock on
    # every list request, and nearly every request finds nothing moved.
    if not full and _up_to_date():
        return RefreshResult()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two server workers refreshing at once would both insert the same facts; SQLite's
            # immediate transactions already let one writer in at a time.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
        # Read again inside the lock: another worker may have refreshed meanwhile.
        data_state.forget()
        state = data_state.current()
        marks, current = state.marks, _fingerprints(state)
        if not full and marks and all(current[table] == marks.get(table) for table in current):
            return RefreshResult()
        full = full or any(current[mark] != marks.get(mark) for mark in ("organizations", "name_keys"))
        changed = None if full or not marks else _changed_people(marks)
        result = RefreshResult()
        daily: Counter[DailyKey] = Counter()
        if changed is None or len(changed) > FULL_REBUILD_SHARE * max(m.Person.objects.count(), 1):
            Fact.objects.all().delete()
            DailyCount.objects.all().delete()
            attributes = _attributes(None)
            result = RefreshResult(len(attributes), _write(m.Event.objects.all(), attributes, daily), full=True)
            listing.rebuild(None)
            PersonSummary.objects.all().delete()  # none could be read again (new Listing rows)
        else:
            for chunk in _chunks(sorted(changed)):
                stale = Fact.objects.filter(person_id__in=chunk)
                for row in stale.values_list(*DAILY_COLUMNS).iterator(chunk_size=CHUNK):
                    _count(daily, row, -1)
                stale.delete()
                result.facts += _write(m.Event.objects.filter(person_id__in=chunk), _attributes(chunk), daily)
                listing.rebuild(chunk)
                PersonSummary.objects.filter(person_id__in=chunk).delete()
            result.people = len(changed)
        _apply(daily)
        for table, top in current.items():
            RefreshMark.objects.update_or_create(table=table, defaults={"history_id": top})
        data_state.forget()
        return result
