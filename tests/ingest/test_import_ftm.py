"""Officials and real sanctions from OpenSanctions' FtM entities (../shared/data/opensanctions)."""

import pytest

from politzek.ingest.errors import ImportError_
from politzek.ingest.import_ftm import run_ftm_import
from politzek.registry import models as m

pytestmark = pytest.mark.django_db


def test_head_of_a_belarusian_colony_becomes_an_official(shared_data):
    result = run_ftm_import(shared_data / "opensanctions" / "t1_entities.ftm.json", actor="cli:test")
    assert len(result.created) == 4
    official = m.Official.objects.get(names__name="Святлана Паўлаўна ПАХОДАВА")
    assert official.country == "BY"
    assert str(official) == "Svjatlana Paulauna PACHODAVA"
    assert {n.script for n in official.names.all()} == {"Latn", "Cyrl"}
    [position] = official.positions.all()
    assert (position.title, position.role) == ("Head of penal colony n°4 for women in Gomel", "prison_head")


def test_sanctions_are_linked_to_their_official_and_reimport_updates(shared_data):
    path = shared_data / "opensanctions" / "zala_entities.ftm.json"
    first = run_ftm_import(path, actor="cli:test")
    assert len(first.created) == 6
    sanctioned = [o for o in m.Official.objects.all() if o.sanctions.exists()]
    assert sanctioned
    for official in sanctioned:
        for sanction in official.sanctions.all():
            assert sanction.authority and sanction.source_key.startswith("ftm:")
    eu = m.Sanction.objects.filter(reference="EU.12789.10").get()
    assert str(eu.listed_on) == "2025-02-24"
    again = run_ftm_import(path, actor="cli:test")
    assert (len(again.created), len(again.unchanged)) == (0, 6)
    assert m.Sanction.objects.count() == sum(o.sanctions.count() for o in sanctioned)


def test_not_ftm_is_refused_with_the_line(tmp_path):
    path = tmp_path / "bad.ftm.json"
    path.write_text('{"id": "a", "schema": "Person", "properties": {}}\n{"id": "b", "schema": "Persn"}\n')
    with pytest.raises(ImportError_) as error:
        run_ftm_import(path, actor="cli:test")
    assert "row 2" in str(error.value) and "not an FtM entity" in str(error.value)
    assert not m.Official.objects.exists()
