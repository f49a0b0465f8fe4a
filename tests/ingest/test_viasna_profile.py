"""The bundled Viasna profile on the real export sample (../shared/data/viasna)."""

import pytest

from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry import models as m
from politzek.registry.queries import person_detail
from politzek.registry.visibility import Clearance, Viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(shared_data):
    result = run_import(load_profile("viasna"), shared_data / "viasna" / "prisoners_sample6.json", actor="cli:test")
    assert result.rejected == []
    return result


def person(key):
    return m.ExternalKey.objects.get(namespace="viasna", key=key).person


def test_every_record_becomes_one_person(imported):
    assert len(imported.created) == 6
    assert m.Person.objects.count() == 6


def test_active_prisoner_with_case_sentence_judge_prison_and_statement(imported):
    chapiuk = person("1")
    detail = person_detail(chapiuk.pk, Viewer(Clearance.CONFIDENTIAL))
    assert detail["names"][0]["name"] == "Andrei Chapiuk"
    assert detail["birth_date"] == "1996-05-17"
    assert detail["status"] == "serving_sentence"
    [case] = detail["cases"]
    assert case["charges"] == ["BY-CC 341", "BY-CC 285 part 2", "BY-CC 130", "BY-CC 293"]
    assert case["sentences"] == [{"date": "2022-09-06", "kind": "colony", "term_days": 6 * 365, "in_absentia": False}]
    assert case["officials"][0]["name"] == "Siarhei Khrypach"
    held = chapiuk.events.get(source_key="viasna:1:held")
    assert (held.facility.name, held.facility.postal_address) == (
        "Pre-trial detention center No. 1", "220030, Minsk, vulica Valadarskaha 2")
    recognized = chapiuk.events.get(kind="recognized")
    assert recognized.organization.code == "viasna"
    assert recognized.recognition.statement_url == "https://spring96.org/en/news/99936"
    assert "Raman Biziuk" in m.Case.objects.get(defendants=chapiuk).description
    assert chapiuk.sources.get().url == "https://prisoners.spring96.org/en/person/andrej-capiuk"


def test_former_prisoner_is_released_and_np_is_not_recognized(imported):
    syramalot = person("6")
    assert person_detail(syramalot.pk, Viewer.public())["status"] == "released"
    assert str(syramalot.events.get(kind="released_other").date) == "2022-11-30"
    for key in ("3180", "3181", "3182"):
        assert not person(key).events.filter(kind="recognized").exists()
        assert "viasna-np" in person(key).tags.values_list("code", flat=True)
    # Home confinement is restricted freedom: not custody.
    assert person_detail(person("3180").pk, Viewer.public())["status"] == "not_detained"


def test_reimport_is_unchanged_and_creates_no_duplicates(imported, shared_data):
    again = run_import(load_profile("viasna"), shared_data / "viasna" / "prisoners_sample6.json", actor="cli:test")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 6)
    assert m.Official.objects.count() == 5  # one per distinct judge name (one record has none)
    assert m.Facility.objects.count() == 2
    assert m.Case.objects.count() == 6
