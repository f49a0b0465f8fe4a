"""Judges named by imports are linked through the matcher: one judge spelled two ways is one
official with an alias; namesakes who fit equally are not merged by guess."""

import pytest

from politzek.accountability.linking import OfficialIndex
from politzek.registry import models as m

pytestmark = pytest.mark.django_db


def test_one_judge_spelled_two_ways_is_one_official():
    index = OfficialIndex("BY")
    first = index.official_for("Siarhei Khrypach")
    assert index.official_for("Sergei Khrypach") == first
    assert OfficialIndex("BY").official_for("Хрыпач Сяргей") == first  # a later import, in Cyrillic
    assert sorted(first.names.values_list("name", "kind")) == [
        ("Sergei Khrypach", "alias"), ("Siarhei Khrypach", "original"), ("Хрыпач Сяргей", "alias")]
    assert m.Official.objects.count() == 1 and first.positions.get().role == "judge"


def test_different_judges_and_countries_stay_apart():
    index = OfficialIndex("BY")
    assert index.official_for("Maryna Fiodarava") != index.official_for("Piotr Arlou")
    assert OfficialIndex("RU").official_for("Maryna Fiodarava").country == "RU"
    assert m.Official.objects.count() == 3


def test_namesakes_who_fit_equally_are_not_merged():
    for _ in range(2):
        official = m.Official.objects.create(country="BY")
        official.names.create(name="Ivan Petrov", is_primary=True)
    linked = OfficialIndex("BY").official_for("Ivan Petrov")
    assert m.Official.objects.count() == 3 and linked.names.get().name == "Ivan Petrov"


# Sanctions-list entries (OpenSanctions' FtM, ../shared/data/opensanctions) matched to the
# registry's officials. The registry side holds only what the list itself says of the person
# (her name and that she heads the women's colony in Gomel): nothing is invented about her.
PACHODAVA_KEY = "ftm:NK-2Mht2rqBeravCTdyQAWc4o"


def _registry_official(name, country="BY"):
    official = m.Official.objects.create(country=country)
    official.names.create(name=name, is_primary=True)
    official.positions.create(role="prison_head", title="Head of penal colony No. 4, Gomel")
    return official


def _import(shared_data):
    from politzek.ingest.import_ftm import run_ftm_import

    return run_ftm_import(shared_data / "opensanctions" / "t1_entities.ftm.json", actor="cli:test")


def test_a_listed_official_spelled_otherwise_is_linked_to_the_registry_record(shared_data):
    ours = _registry_official("Пачодава Святлана Паўлаўна")
    result = _import(shared_data)
    assert (result.officials_linked, result.officials_to_review) == (1, 0)
    assert len(result.created) == 3  # the other three listed people are new
    assert not m.Official.objects.filter(source_key=PACHODAVA_KEY).exists()
    assert "Svjatlana Paulauna PACHODAVA" in set(ours.names.values_list("name", flat=True))
    assert str(ours) == "Пачодава Святлана Паўлаўна"  # the documenters' primary name stands
    again = _import(shared_data)
    assert (again.officials_linked, len(again.created)) == (0, 0) and m.Official.objects.count() == 4


def test_the_same_name_in_another_country_is_not_linked(shared_data):
    _registry_official("Svetlana Pokhodova", country="RU")
    result = _import(shared_data)
    assert (result.officials_linked, result.officials_to_review, len(result.created)) == (0, 0, 4)


def test_an_uncertain_match_waits_for_review_then_merges(shared_data):
    from politzek.accountability.linking import ReviewError, decide_official_match

    ours = _registry_official("Pachodava")  # a surname alone: maybe her, maybe not
    m.CaseRole.objects.create(case=m.Case.objects.create(jurisdiction="BY"), official=ours, role="other")
    result = _import(shared_data)
    assert (result.officials_linked, result.officials_to_review) == (0, 1)
    [match] = m.OfficialMatch.objects.all()
    assert match.existing == ours and match.imported.source_key == PACHODAVA_KEY and match.decision == ""
    assert any(f["name"] == "surname" for f in match.features)
    decide_official_match(match.pk, "same", "anna", "same colony")
    ours.refresh_from_db()
    assert ours.source_key == PACHODAVA_KEY and ours.case_roles.count() == 1
    assert ours.positions.count() == 2 and "Святлана Паўлаўна ПАХОДАВА" in set(
        ours.names.values_list("name", flat=True))
    assert not m.Official.objects.filter(pk=match.imported_id or -1).exists() and m.Official.objects.count() == 4
    with pytest.raises(ReviewError, match="already decided: same"):
        decide_official_match(match.pk, "different", "anna")
    assert (_import(shared_data).officials_to_review, m.Official.objects.count()) == (0, 4)


def test_different_keeps_both_for_good(shared_data):
    from politzek.accountability.linking import decide_official_match

    _registry_official("Pachodava")
    _import(shared_data)
    match = m.OfficialMatch.objects.get()
    decide_official_match(match.pk, "different", "anna")
    assert m.Official.objects.count() == 5
    assert _import(shared_data).officials_to_review == 0  # the entry is found by its own key
