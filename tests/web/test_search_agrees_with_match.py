"""The public search is the matcher's (issue 20): it finds what `politzek match` finds — in any
script, order, with initials, without a patronymic the record lacks, in other languages'
spellings — best match first, and a word of nonsense finds nobody."""

from __future__ import annotations

import re

import pytest

from politzek.names.compare import THRESHOLD, compare
from tests.registry.factories import person

pytestmark = pytest.mark.django_db

QUERIES = [
    "Анна Тестовая",
    "Anna Testovaya",
    "Testovaya Anna",
    "Тэставая Ганна",  # Belarusian
    "Testovaya A.",
    "А. Тестовая",
    "Тестовая Анна Игоревна",  # a patronymic the record does not hold
    "Testowaja Anna",  # German press
    "Testovaïa Anna",  # French press
    "Ania Testowaja",  # Polish press, a familiar form
    "Аня Тестовая",  # a familiar form
    "TESTOVAYA, Anna",  # a sanctions list's order
    "Тестовая А.И.",  # initials, the second for a patronymic the record lacks
    "Anna (Anya) Testovaya",  # another name in brackets
]


@pytest.fixture
def registry():
    target = person("Тестовая Анна")
    target.names.create(name="Anna Testovaya", script="Latn")
    # Namesakes and neighbours the search must rank below her, or not find.
    for name in ("Анна Петрова", "Ганна Сідарава", "Тестов Андрей", "Anna Testova-Kim", "Анна Тестоева"):
        person(name)
    return target


def _ids(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'href="/people/(\d+)/"', page)]


@pytest.mark.parametrize("query", QUERIES)
def test_search_and_match_agree_and_she_comes_first(client, registry, query):
    names = [n.name for n in registry.names.all()]
    assert compare([query], names).score >= THRESHOLD, compare([query], names).explain()
    found = _ids(client.get("/", {"q": query}).content.decode())
    assert found and found[0] == registry.pk, (query, found)
    api = client.get("/api/people", {"q": query}).json()
    assert api["items"][0]["id"] == registry.pk


def test_nonsense_finds_nobody(client, registry):
    person("Жук Иван")  # sounds SK, as "zzzzqq" does: a two-consonant sound finds nobody alone
    person("Zak Anna")
    assert _ids(client.get("/", {"q": "zzzzqq"}).content.decode()) == []
    assert client.get("/api/people", {"q": "zzzzqq"}).json()["count"] == 0


def test_nonsense_reads_no_one_when_many_share_its_short_sound(client, registry, monkeypatch):
    """"zzzzqq" sounds SK; the people whose words begin with that sound are thousands in a
    large registry, and the word search read 3,000 of them (0.7 s at 100,000 people) to find
    none. A sound of two consonants is looked up whole, never as a beginning."""
    import politzek.names.similarity as similarity

    for i in range(30):
        person(f"Жуков Иван {i}")
    compared = []
    original = similarity.compare_words

    def counting(left: str, right: str):
        compared.append(right)
        return original(left, right)

    # The word search imports compare_words when it runs, so it meets this one.
    monkeypatch.setattr(similarity, "compare_words", counting)
    assert _ids(client.get("/", {"q": "zzzzqq"}).content.decode()) == []
    assert not [word for word in compared if word.startswith("zukov")]


def test_a_given_name_alone_and_a_word_being_typed_still_find(client, registry):
    assert registry.pk in _ids(client.get("/", {"q": "Анна"}).content.decode())
    assert registry.pk in _ids(client.get("/", {"q": "Testov"}).content.decode())


@pytest.mark.parametrize(("record", "query"), [
    ("Чернов Игорь", "Igor Tschernow"),  # German
    ("Шевченко Тарас", "Taras Szewczenko"),  # Polish
    ("Шостакович Дмитрий", "Dmitri Chostakovitch"),  # French
    ("Джемилев Мустафа", "Mustafa Cemilev"),  # Crimean Tatar
    ("Пахадава Святлана", "Svjatlana Pachodavová"),  # Czech
])
def test_a_foreign_press_spelling_finds_the_record_as_match_does(client, record, query):
    wanted = person(record)
    person("Иванов Игорь")
    assert compare([query], [record]).same
    assert _ids(client.get("/", {"q": query}).content.decode())[0] == wanted.pk


def test_a_name_held_only_in_persian_script_is_found_in_latin(client):
    """The keys of a Persian-script name include those of its Latin rendering (محمدرضا →
    mhmdrza), so the Latin spelling meets it among candidates; the matcher then reads it letter
    by letter (names.abjad)."""
    held = person("محمدرضا حاجی\u200cخانی")
    person("محمدرضا مجیدی")
    found = _ids(client.get("/", {"q": "Mohammad Reza Hajikhani"}).content.decode())
    assert found == [held.pk]
