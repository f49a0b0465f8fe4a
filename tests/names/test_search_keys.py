"""Search keys: the spellings of one name in Cyrillic and Latin give the same keys."""

import pytest

from politzek.names.search_keys import search_keys

SAME = [
    ("Марыя Калеснікава", "Мария Колесникова", "Maryia Kalesnikava", "Maria Kolesnikova"),
    ("Віктар Бабарыка", "Виктор Бабарико", "Viktar Babaryka", "Viktor Babariko"),
    ("Ціханоўская", "Тихановская", "Tsikhanouskaya", "Tikhanovskaya"),
    ("Алесь Бяляцкі", "Ales Bialiatski", "Алесь Беляцкий", "Ales Byalyatski"),
    ("Ігар Лосік", "Игорь Лосик", "Ihar Losik", "Igor Losik"),
    ("Юрий", "Yury", "Yuriy", "Jurij"),
    ("Щербаков", "Shcherbakov"),
]
# Female and male forms (Колесникова, Колесников) share keys on purpose: search finds both.
DIFFERENT = [("Колесникова", "Колосова"), ("Babaryka", "Losik"), ("Мария", "Марина")]


@pytest.mark.parametrize("spellings", SAME, ids=[s[0] for s in SAME])
def test_spellings_of_one_name_share_keys(spellings):
    first = sorted(search_keys(spellings[0]))
    for other in spellings[1:]:
        assert sorted(search_keys(other)) == first, other


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_names_have_different_keys(one, other):
    assert search_keys(one) != search_keys(other)


def test_words_without_letters_give_no_keys():
    assert search_keys("12 — ?") == []
    assert search_keys("") == []
