"""`politzek match NAME` against the registry: the matcher's own word keys find the
Belarusian form of a Russian-spelled name that the phonetic search keys miss."""

from __future__ import annotations

import pytest

from politzek.names.search_keys import search_keys
from politzek.registry.candidates import candidates, candidates_for
from politzek.registry.visibility import Viewer
from tests.registry.factories import person

pytestmark = pytest.mark.django_db


def test_a_belarusian_form_is_found_from_the_russian_spelling():
    assert not set(search_keys("Marchenko")) & set(search_keys("Марчанка"))  # phonetics alone miss it
    wanted = person("Марчанка Ігар", birth_date="1971")
    person("Ivanov Petr")
    found = candidates("Igor Marchenko", Viewer.public(), "1971-05-02")
    assert found[0].person_id == wanted.pk and found[0].match.same


def test_a_restricted_person_is_never_a_public_candidate():
    person("Марчанка Ігар", visibility="restricted")
    assert candidates("Igor Marchenko", Viewer.public()) == []


def test_a_surname_alone_finds_its_bearers_and_a_full_name_finds_a_surname_alone():
    bearers = {person("Kalesnikava Maryia").pk, person("Калеснікава Вольга").pk}
    bare = person("Kalesnikava")
    person("Ivanova Maryia")
    assert {c.person_id for c in candidates("Колесникова", Viewer.public())} == bearers | {bare.pk}
    assert bare.pk in {c.person_id for c in candidates("Мария Колесникова", Viewer.public())}


def test_a_batch_finds_what_each_name_finds_alone():
    names = ["Марчанка Ігар", "Marchenko Igor", "Ivanov Petr", "Ivanova Anna", "Zaitsau Dzianis", "Зайцев Денис"]
    for name in names:
        person(name)
    queries = [("Igor Marchenko", "1971"), ("Иванов П.", None), ("Denis Zaitsev", None), ("Nobody Atall", None)]
    alone = [candidates(name, Viewer.public(), birth) for name, birth in queries]
    together = candidates_for(queries, Viewer.public())
    assert [[(c.person_id, c.match.score) for c in found] for found in together] == \
        [[(c.person_id, c.match.score) for c in found] for found in alone]
    assert len([c for c in together[2] if c.match.same]) == 2  # both forms of Denis Zaitsev
    assert together[3] == []


def test_a_common_name_in_a_large_block_is_still_compared(monkeypatch):
    """More people share the name's keys than are compared in full: those sharing most keys
    (the whole name, not the surname alone) come first."""
    import politzek.registry.candidates as module

    monkeypatch.setattr(module, "COMPARED", 5)
    for given in ("Anna", "Alla", "Alina", "Asya", "Arina", "Ada", "Ala"):
        person(f"Ivanova {given}")
    wanted = person("Ivanova Anna Petrovna")
    found = candidates("Иванова Анна Петровна", Viewer.public())
    assert len(found) == 5 and wanted.pk in {c.person_id for c in found}
    assert found[0].match.score == 1.0


def test_hidden_people_never_crowd_a_visible_one_out_of_the_comparison(monkeypatch):
    """Only visible people are ranked for the full comparison: restricted namesakes sharing
    more of the name's keys must not take the public person's place."""
    import politzek.registry.candidates as module

    monkeypatch.setattr(module, "COMPARED", 2)
    for _ in range(3):
        person("Иванова Анна Петровна", visibility="restricted")
    wanted = person("Ivanova Anna")
    assert [c.person_id for c in candidates("Иванова Анна Петровна", Viewer.public())] == [wanted.pk]


def test_a_given_name_and_surname_put_that_person_before_the_surnames_other_bearers():
    """Real spellings (tests/data/names/multiculture_spellings.csv, development part): two
    detained Azerbaijani journalists named Mammadli, and Orkhan Mammad, whose surname is
    Mammadov without the Russian suffix."""
    from politzek.registry.candidates import search_ranking

    alasgar = person("Alasgar Mammadli")
    kamran = person("Kamran Mammadli")
    orkhan = person("Orkhan Mammad")
    for query, wanted in (("Ələsgər Məmmədli", alasgar), ("Alasgar Mammadli", alasgar),
                          ("Ə.Məmmədli", alasgar), ("Kamran Mammadli", kamran), ("Orkhan Mammad", orkhan)):
        ranked = [person_id for person_id, _score in search_ranking(query, Viewer.public())]
        assert ranked and ranked[0] == wanted.pk, (query, ranked)
    # A surname alone finds every bearer of it, in any of its spellings.
    found = {person_id for person_id, _score in search_ranking("Məmmədli", Viewer.public())}
    assert {alasgar.pk, kamran.pk} <= found
