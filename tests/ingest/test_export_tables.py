"""CSV and SQLite (Datasette) exports: public by default, never a private field."""

import csv
import sqlite3

import pytest

from politzek.demo.generator import create_demo
from politzek.ingest.export_tables import VIEWS, export_csv, export_sqlite
from politzek.registry import models as m
from politzek.registry.queries import registry_stats
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db
BASE = "https://registry.example.org"


@pytest.fixture
def registry():
    create_demo(people=60, seed=4)
    shown = person("Shown Person", visibility="public", health_notes="secret-health", lawyer_contacts="secret-lawyer")
    event(shown, "detained", "2021-01-01")
    event(shown, "hunger_strike", "2021-02-01", visibility="confidential")
    person("Hidden Person", visibility="restricted", internal_notes="secret-note")
    return shown


def read_csv(folder, name):
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_hold_public_records_only(registry, tmp_path):
    export_csv(tmp_path / "out", Viewer.public(), BASE)
    people = read_csv(tmp_path / "out", "people")
    public_count = m.Person.objects.filter(visibility="public").exclude(consent="no").count()
    assert len(people) == public_count
    shown = next(p for p in people if p["name"] == "Shown Person")
    assert shown["url"] == f"{BASE}/people/{registry.pk}/"
    assert shown["status"] == "pretrial_custody"
    everything = "".join((tmp_path / "out" / f).read_text(encoding="utf-8") for f in
                         ("people.csv", "names.csv", "events.csv", "cases.csv", "charges.csv"))
    assert "Hidden Person" not in everything and "secret-" not in everything
    shown_events = [e["kind"] for e in read_csv(tmp_path / "out", "events") if e["person_id"] == str(registry.pk)]
    assert shown_events == ["detained"]  # the confidential hunger strike is left out
    person_ids = {p["id"] for p in people}
    assert all(e["person_id"] in person_ids for e in read_csv(tmp_path / "out", "events"))
    for case in read_csv(tmp_path / "out", "cases"):
        assert set(case["defendant_ids"].split("; ")) <= person_ids


def test_sqlite_for_datasette_with_views_and_name_search(registry, tmp_path):
    path = tmp_path / "registry.sqlite"
    export_sqlite(path, Viewer(Clearance.RESTRICTED), BASE)
    connection = sqlite3.connect(path)
    objects = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    assert set(VIEWS) <= objects and {"people_fts", "names_fts"} <= objects
    [(hidden_id,)] = connection.execute(
        "SELECT people.id FROM people_fts JOIN people ON people.id = people_fts.rowid "
        "WHERE people_fts MATCH 'Hidden'").fetchall()
    assert hidden_id == m.Person.objects.get(names__name="Hidden Person").pk
    # Ids typed as integers: an id read from a URL as text still finds its row (Datasette).
    assert connection.execute("SELECT count(*) FROM people WHERE id = ?", (str(hidden_id),)).fetchone()[0] == 1
    [(with_events,)] = connection.execute("SELECT person_id FROM events LIMIT 1").fetchall()
    assert connection.execute("SELECT count(*) FROM events WHERE person_id = ?", (str(with_events),)).fetchone()[0]
    # Cyrillic names of the demo people are searchable too.
    cyrillic = m.PersonName.objects.filter(script="Cyrl", person__visibility__in=["public", "restricted"]).first()
    surname = cyrillic.name.split()[0]
    assert connection.execute("SELECT count(*) FROM names_fts WHERE names_fts MATCH ?", (surname,)).fetchone()[0] >= 1
    dump = "\n".join(connection.iterdump())
    assert "secret-" not in dump
    prisoners = connection.execute("SELECT count(*) FROM political_prisoners_now").fetchone()[0]
    assert prisoners > 0
    assert prisoners <= registry_stats()["political_prisoners"]
