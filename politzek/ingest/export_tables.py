"""The registry as flat tables (people, names, events, cases, charges, officials, sanctions,
detention counts), filtered by the one visibility rule; written as CSV files or as one SQLite
file for Datasette with views and full-text search on names."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from politzek.csv_safety import SafeWriter
from politzek.registry import models as m
from politzek.registry.event_kinds import event_kind
from politzek.registry.status import in_custody_at, recognized_at
from politzek.registry.timeline import derivations
from politzek.registry.visibility import Viewer, visible_events, visible_people

Table = tuple[list[str], Iterator[list[Any]]]


def _text(value: Any) -> Any:
    return None if value is None else (value if isinstance(value, (int, float, bool)) else str(value))


def tables(viewer: Viewer, base_url: str) -> dict[str, Table]:
    """Each table's columns and rows; every row about a person passes the visibility filter."""
    people = visible_people(m.Person.objects.all(), viewer)
    # Subqueries, not id lists: 100,000 ids as parameters made one query run for minutes.
    person_ids = people.values("id")
    today = dt.date.today()
    derived = {pid: (events, d) for pid, events, d in derivations(visible_events(m.Event.objects.all(), viewer))}
    base = base_url.rstrip("/")

    def people_rows() -> Iterator[list[Any]]:
        for person in people.prefetch_related("names").order_by("id").iterator(chunk_size=2000):
            names = sorted(person.names.all(), key=lambda n: (not n.is_primary, n.pk))
            events, d = derived.get(person.pk, ([], None))
            in_custody = bool(d and in_custody_at(d.intervals, today))
            yield [person.pk, names[0].name if names else "", "; ".join(n.name for n in names[1:]),
                   _text(person.birth_date), person.gender, person.country, person.region, person.occupation,
                   d.status.status if d else "unknown", _text(d.status.since) if d else None, in_custody,
                   in_custody and recognized_at(events, today), person.synthetic, f"{base}/people/{person.pk}/"]

    def name_rows() -> Iterator[list[Any]]:
        for name in m.PersonName.objects.filter(person_id__in=person_ids).order_by("id").iterator(chunk_size=5000):
            yield [name.pk, name.person_id, name.name, name.kind, name.script, name.language, name.is_primary]

    def event_rows() -> Iterator[list[Any]]:
        events = visible_events(m.Event.objects.all(), viewer).select_related("organization", "facility")
        for event in events.order_by("id").iterator(chunk_size=5000):
            yield [event.pk, event.person_id, event.kind, event_kind(event.kind).label, _text(event.date),
                   event.case_id, event.organization.code if event.organization else None,
                   event.facility.name if event.facility else None,
                   event.facility.postal_address if event.facility else None, event.description, event.synthetic]

    # A case is shown only when every defendant is: its defendant list would reveal the others.
    defendants = m.Case.defendants.through.objects
    hidden_cases = defendants.exclude(person_id__in=person_ids).values("case_id")
    shown_cases = m.Case.objects.exclude(pk__in=hidden_cases).filter(pk__in=defendants.values("case_id"))

    def case_rows() -> Iterator[list[Any]]:
        for case in shown_cases.select_related("court").prefetch_related("defendants").order_by("id"):
            yield [case.pk, case.jurisdiction, case.case_number, case.kind, case.court.name if case.court else None,
                   _text(case.opened), "; ".join(str(d.pk) for d in case.defendants.all()), case.synthetic]

    def charge_rows() -> Iterator[list[Any]]:
        for charge in m.Charge.objects.filter(case__in=shown_cases).order_by("id"):
            yield [charge.pk, charge.case_id, charge.person_id, charge.code_system, charge.article, charge.part,
                   charge.label]

    def official_rows() -> Iterator[list[Any]]:
        for official in m.Official.objects.prefetch_related("names", "positions").order_by("id"):
            names = sorted(official.names.all(), key=lambda n: (not n.is_primary, n.pk))
            yield [official.pk, names[0].name if names else "", "; ".join(n.name for n in names[1:]),
                   official.country, "; ".join(p.title or p.role for p in official.positions.all()),
                   official.case_roles.count(), official.synthetic]

    def sanction_rows() -> Iterator[list[Any]]:
        for sanction in m.Sanction.objects.select_related("source").order_by("id"):
            yield [sanction.pk, sanction.official_id, sanction.authority, sanction.program, _text(sanction.listed_on),
                   _text(sanction.delisted_on), sanction.reference, sanction.source.url if sanction.source else None]

    def aggregate_rows() -> Iterator[list[Any]]:
        for row in m.AggregateDetention.objects.select_related("source").order_by("date_earliest", "id"):
            yield [row.pk, _text(row.date), row.country, row.region, row.city, row.place, row.occasion,
                   row.detained_count, row.source.url if row.source else None, row.synthetic]

    return {
        "people": (["id", "name", "other_names", "birth_date", "gender", "country", "region", "occupation", "status",
                    "status_since", "in_custody", "political_prisoner", "synthetic", "url"], people_rows()),
        "names": (["id", "person_id", "name", "kind", "script", "language", "is_primary"], name_rows()),
        "events": (["id", "person_id", "kind", "label", "date", "case_id", "organization", "facility",
                    "facility_address", "description", "synthetic"], event_rows()),
        "cases": (["id", "jurisdiction", "case_number", "kind", "court", "opened", "defendant_ids", "synthetic"],
                  case_rows()),
        "charges": (["id", "case_id", "person_id", "code_system", "article", "part", "label"], charge_rows()),
        "officials": (["id", "name", "other_names", "country", "positions", "case_roles", "synthetic"],
                      official_rows()),
        "sanctions": (["id", "official_id", "authority", "program", "listed_on", "delisted_on", "reference",
                       "source_url"], sanction_rows()),
        "aggregate_detentions": (["id", "date", "country", "region", "city", "place", "occasion", "detained_count",
                                  "source_url", "synthetic"], aggregate_rows()),
    }


def export_csv(folder: Path, viewer: Viewer, base_url: str) -> int:
    """One CSV file per table in `folder`; returns the number of rows written."""
    folder.mkdir(parents=True)
    count = 0
    for name, (columns, rows) in tables(viewer, base_url).items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = SafeWriter(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(row)
                count += 1
    return count


VIEWS = {
    "political_prisoners_now": "SELECT * FROM people WHERE political_prisoner = 1",
    "in_custody_now": "SELECT * FROM people WHERE in_custody = 1",
    "cases_by_judge": (
        "SELECT officials.id AS official_id, officials.name AS official, officials.country, "
        "officials.case_roles AS cases FROM officials WHERE officials.case_roles > 0 ORDER BY cases DESC"),
    "detentions_by_month": (
        "SELECT substr(date, 1, 7) AS month, country, SUM(detained_count) AS detained, COUNT(*) AS events "
        "FROM aggregate_detentions GROUP BY month, country ORDER BY month"),
}


INTEGER_COLUMNS = {"in_custody", "political_prisoner", "synthetic", "is_primary", "case_roles", "detained_count"}


def _column(name: str) -> str:
    """A column with its type: SQLite compares an untyped 5 and '5' as different, so a URL's
    id (Datasette's row pages and filters) would find nothing."""
    if name == "id":
        return '"id" INTEGER PRIMARY KEY'
    return f'"{name}" {"INTEGER" if name.endswith("_id") or name in INTEGER_COLUMNS else "TEXT"}'


def export_sqlite(path: Path, viewer: Viewer, base_url: str) -> int:
    """A self-contained SQLite file for Datasette: tables, views, full-text search on names."""
    connection = sqlite3.connect(path)
    count = 0
    with connection:
        for name, (columns, rows) in tables(viewer, base_url).items():
            connection.execute(f'CREATE TABLE "{name}" ({", ".join(_column(c) for c in columns)})')
            statement = f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})'
            batch: list[list[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 5000:
                    connection.executemany(statement, batch)
                    count += len(batch)
                    batch = []
            connection.executemany(statement, batch)
            count += len(batch)
        for column, table in (("person_id", "names"), ("person_id", "events"), ("case_id", "charges"),
                              ("official_id", "sanctions"), ("name", "people"), ("country", "people"),
                              ("status", "people"), ("region", "people")):
            # People's indexes serve Datasette's sorting and facets on the columns readers use most.
            connection.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
        for view, query in VIEWS.items():
            connection.execute(f"CREATE VIEW {view} AS {query}")
        # Full-text search on every name of every person and official, in any script.
        connection.execute("CREATE VIRTUAL TABLE names_fts USING fts5(name, content='names', content_rowid='id')")
        connection.execute("INSERT INTO names_fts (rowid, name) SELECT id, name FROM names")
        connection.execute("CREATE VIRTUAL TABLE people_fts USING fts5(name, other_names, content='people', "
                           "content_rowid='id')")
        connection.execute("INSERT INTO people_fts (rowid, name, other_names) SELECT id, name, other_names FROM people")
        connection.execute("ANALYZE")  # statistics for the query planner of whoever opens the file
    connection.close()
    return count
