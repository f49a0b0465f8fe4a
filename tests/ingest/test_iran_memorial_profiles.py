"""The bundled iran-memorial profiles on copies of parts of the real data (../shared/data)."""

import csv
import shutil

import pytest

from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m
from politzek.registry.queries import person_detail
from politzek.registry.visibility import Viewer

pytestmark = pytest.mark.django_db
BAD_DATE_FILE = "menbari-peyman-2022.yaml"  # date_of_birth 1997-06-31 in the real data


@pytest.fixture
def yaml_folder(shared_data, tmp_path):
    source = shared_data / "iran_memorial" / "victims_2022"
    folder = tmp_path / "victims"
    folder.mkdir()
    for path in sorted(source.glob("*.yaml"))[:60] + [source / BAD_DATE_FILE]:
        shutil.copy(path, folder / path.name)
    return folder


def person(namespace, key):
    return m.ExternalKey.objects.get(namespace=namespace, key=key).person


def test_an_impossible_date_in_the_real_data_stops_the_import(yaml_folder):
    result = run_import(load_profile("iran-memorial-yaml"), yaml_folder, actor="cli:test")
    assert not result.written and not m.Person.objects.exists()
    [error] = result.rejected
    assert (error.row, error.column, error.value) == (BAD_DATE_FILE, "date_of_birth", "1997-06-31")


def test_yaml_records_with_names_deaths_and_sources(yaml_folder):
    result = run_import(load_profile("iran-memorial-yaml"), yaml_folder, actor="cli:test", skip_invalid=True)
    assert (len(result.created), len(result.rejected)) == (60, 1)
    abadi = person("iran-memorial", "abadi-amir-hossein-2022")
    names = {(n.name, n.script, n.kind) for n in abadi.names.all()}
    assert names == {("Amir Hossein Abadi", "Latn", "transliteration"), ("امیر حسین آبادی", "Arab", "original")}
    executed = abadi.events.get(kind="executed")
    assert (str(executed.date), executed.description) == ("2022-07-13", "Execution » Hanging")
    assert abadi.events.get(kind="detained").date is None  # held before, date not given
    detail = person_detail(abadi.pk, Viewer.public())
    assert detail["status"] == "died" and detail["timeline_issues"] == []
    assert abadi.sources.get().url == "https://www.iranrights.org/memorial/story/86177/amir-hossein-abadi"
    # Everyone in this data set died: killed, executed or in custody.
    assert all(person_detail(p.pk, Viewer.public())["status"] in ("died", "unknown") for p in m.Person.objects.all())


def test_csv_records_by_status(shared_data, tmp_path):
    source = shared_data / "iran_memorial" / "iranvictims_2026.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    def first(status, count):
        return [r for r in rows if r["Status"] == status][:count]

    picked = first("killed", 20) + first("arrested", 10) + first("sentenced_to_death", 5) + first("injured", 3)
    subset = tmp_path / "iranvictims.csv"
    with subset.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(picked)
    result = run_import(load_profile("iran-victims-csv"), subset, actor="cli:test")
    assert (len(result.created), result.rejected) == (38, [])
    for row in picked:
        who = person("iran-victims", row["Card ID"])
        kinds = sorted(e.kind for e in who.events.all())
        expected = {"killed": ["killed"], "arrested": ["detained"], "sentenced_to_death": ["detained", "sentenced"],
                    "injured": []}[row["Status"]]
        assert kinds == expected, row
        assert {n.script for n in who.names.all()} == ({"Latn", "Arab"} if row["Persian Name"] else {"Latn"})
        urls = [u.strip() for u in row["Source URLs"].split(",") if u.strip()]
        assert sorted(who.sources.values_list("url", flat=True)) == sorted(set(urls))


def test_the_first_of_january_is_read_as_a_year_alone(shared_data, tmp_path):
    """The records write 1 January for a year alone (profile option placeholder_dates): a
    person "born 2000-01-01" was born in 2000, and one who "died 2022-01-01" died in 2022, not
    months before the protests began."""
    folder = tmp_path / "victims"
    folder.mkdir()
    for name in ("ahmadi-shadman-2022.yaml", "aqajani-yazdan-2022.yaml"):
        shutil.copy(shared_data / "iran_memorial" / "victims_2022" / name, folder / name)
    run_import(load_profile("iran-memorial-yaml"), folder, actor="cli:test")
    assert str(person("iran-memorial", "ahmadi-shadman-2022").birth_date) == "2000"
    deaths = person("iran-memorial", "aqajani-yazdan-2022").events.exclude(date=None)
    assert [str(event.date) for event in deaths] == ["2022"]
