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
