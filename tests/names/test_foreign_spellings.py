"""Names as other languages' press and passports write them (names/data/spellings.toml), names
in brackets, and Persian names that leave a word of a longer Latin one out."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest

from politzek.names.compare import THRESHOLD, compare, written_variants

RULES = tomllib.loads(files("politzek.names").joinpath("data/spellings.toml").read_text("utf-8"))["reading"]


def test_every_rule_names_its_scheme_and_an_example():
    for rule in RULES:
        re.compile(rule["pattern"])
        assert rule["scheme"].strip() and rule["example"].strip(), rule


@pytest.mark.parametrize(("foreign", "cyrillic"), [
    ("Tschernow", "Чернов"),  # German
    ("Kusnezow", "Кузнецов"),
    ("Sinowjew", "Зиновьев"),
    ("Schewtschenko", "Шевченко"),
    ("Chostakovitch", "Шостакович"),  # French
    ("Jouk", "Жук"),
    ("Czernow", "Чернов"),  # Polish
    ("Szewczenko", "Шевченко"),
    ("Pachodavová", "Пахадава"),  # Czech and Slovak
    ("Tjernov", "Чернов"),  # Swedish
    ("Tsjernov", "Чернов"),  # Dutch
    ("Koeznetsov", "Кузнецов"),
    ("Cemilev", "Джемилев"),  # Crimean Tatar
    ("Çubarov", "Чубаров"),
])
def test_a_foreign_spelling_is_the_same_surname(foreign, cyrillic):
    assert compare([f"Ivan {foreign}"], [f"Иван {cyrillic}"]).same


def test_a_swedish_patronymic_is_read_as_one():
    match = compare(["Viktar Uladzimiravitj Sojka"], ["Viktor Vladimirovitj Sojko"])
    assert match.same, match.explain()


@pytest.mark.parametrize(("left", "right"), [
    ("Alina Zaharova", "Alina Egorova"),  # ж is never read as a vowel (zh → j → y once was)
    ("Anna Zhuk", "Anna Yuk"),
    ("Ivan Tschernow", "Ivan Tscherkow"),
    ("Ivan Kusnezow", "Ivan Kusmin"),
])
def test_the_readings_do_not_join_different_surnames(left, right):
    assert compare([left], [right]).score < THRESHOLD


def test_a_name_in_brackets_is_another_name_of_the_same_person():
    assert written_variants("Saeed (Amin) Nazergomi") == ("Saeed Nazergomi", "Amin Nazergomi")
    assert written_variants("Akbar Davari (Timouri)") == ("Akbar Davari", "Akbar Timouri")
    assert compare(["Mahsa (Jina) Amini"], ["مهسا (ژینا) امینی"]).same
    assert compare(["Jina Amini"], ["Mahsa (Jina) Amini"]).same
    assert not compare(["Sara Amini"], ["Mahsa (Jina) Amini"]).same


def test_persian_letters_may_leave_out_one_word_of_a_longer_latin_name():
    assert compare(["Ali Moazzami Goodarzi"], ["علی گودرزی"]).same  # as Ali Goodarzi / Ali Moazzami Goodarzi
    assert not compare(["Ali Goodarzi"], ["علی مرادی"]).same
    assert not compare(["Ali Moazzami Goodarzi"], ["علی"]).same


@pytest.mark.parametrize(("latin", "written"), [
    # English names as Russian writes them
    ("Paul Whelan", "Пол Уилан"),
    ("John Smith", "Джон Смит"),
    ("Evan Gershkovich", "Эван Гершкович"),
    ("Brittney Griner", "Бриттни Грайнер"),
    ("William Browder", "Уильям Браудер"),
    # Hebrew, read letter by letter (names.abjad)
    ("David Cohen", "דוד כהן"),
    ("Hannah Levi", "חנה לוי"),
    ("Yosef Mizrahi", "יוסף מזרחי"),
    ("Or Levy", "אור לוי"),
    ("Itzhak Friedman", "יצחק פרידמן"),
])
def test_a_name_written_in_another_script_is_the_same_name(latin, written):
    assert compare([latin], [written]).same, compare([latin], [written]).explain()


@pytest.mark.parametrize(("latin", "written"), [
    ("John Smith", "Иван Смит"),  # John is not Ivan in a list
    ("William Smith", "Уолтер Смит"),
    ("David Levi", "דוד כהן"),
    ("Hannah Cohen", "חנה לוי"),
])
def test_namesakes_in_another_script_stay_apart(latin, written):
    assert not compare([latin], [written]).same


def test_an_east_asian_surname_is_the_surname_at_either_end():
    assert compare(["Nguyen Van An"], ["Van An Nguyen"]).same
    assert compare(["Kim Jong Un"], ["Jong Un Kim"]).same
    assert compare(["Xi Jinping"], ["Jinping Xi"]).same
    # The given name is all the other words: Van An and Van Binh are two people.
    assert not compare(["Nguyen Van An"], ["Nguyen Van Binh"]).same
