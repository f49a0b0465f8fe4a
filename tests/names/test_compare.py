"""The matcher on the issue's people and its hard negatives (namesakes, relatives, a man's and
a woman's surname, different fathers, different birth dates), as a table in the manner of
nomenklatura's CASES; and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from politzek.names.compare import THRESHOLD, compare, compare_names

SAME = [
    ("Марыя Калеснікава", "Мария Колесникова"),
    ("Maryia Kalesnikava", "Maria Kolesnikova"),
    ("Марыя Калеснікава", "Maria Kolesnikova"),
    ("Kalesnikava M.", "Марыя Калеснікава"),
    ("Kalesnikava M.A.", "Колесникова Мария Александровна"),
    ("Viktar Babaryka", "Viktor Babariko"),
    ("Бабарыка Віктар Дзмітрыевіч", "Babariko Viktor Dmitrievich"),
    ("V. Babaryka", "Уладзімір Бабарыка"),  # Uladzimir is V. in Russian-language records
    ("Siarhei Tsikhanouski", "Сергей Тихановский"),
    ("Ales Bialiatski", "Алесь Бяляцкі"),
    ("Bialiatski Ales", "Ales Bialiatski"),
    ("Babaryka, Viktar", "Viktar Babaryka"),
    ("Ж. Иванова", "Zhanna Ivanova"),
    ("Ihar Losik", "Игорь Лосик"),
    ("Mikalai Statkevich", "Nikolai Statkevich"),
    ("Zmitser Dashkevich", "Дмитрий Дашкевич"),
    # Belarusian and Russian forms of one surname: akanne, -аў / -ов, -ка / -ко, ць / ть
    ("Bahdanau Piatro", "Богданов Пётр"),
    ("Марозаў Сцяпан", "Stepan Morozov"),
    ("Citoŭ Maksim Ivanavič", "Tsitou Maksim"),
    ("Марчанка Ігар", "Igor Marchenko"),
    ("Шаўчэнка Алена", "Olena Shevchenko"),
    ("Восіпава Вольга", "Osipova Olga"),
    # Ukrainian forms and systems
    ("Tykhanovskyi Mykola", "Тихановский Николай"),
    ("Чорнов Федір", "Chernov Fedor"),
    # transliteration systems read both ways: x as kh (GOST 7.79) and as ks, French, ISO 9
    ("Mixajlov Ivan", "Иван Михайлов"),
    ("Alexeev Oleg", "Алексеев Олег"),
    ("Viatcheslav Kouznetsov", "Вячеслав Кузнецов"),
    ("Jouk Elena", "Жук Елена"),
    ("Ûliâ Kuznecova", "Юлия Кузнецова"),
    ("Ščerbakov Stepan", "Shcherbakov Stepan"),
    ("Natal'ya Kudryavtseva", "Наталья Кудрявцева"),
    ("Kuzʹmin Gennadij", "Kuzmin, Gennady"),
    # patronymics in every system, and their initials
    ("Ševčenko Fëdor Romanovič", "Shevchenko, Fyodor Romanovich"),
    ("Aleksieiev, Vadym Mykolaiovych", "Alekseev V.N."),
    ("Popova E.", "Папова Я."),  # Я for Яўгенія, Е for Евгения: one name
    # typos a clerk makes: two letters swapped, one doubled, a vowel dropped
    ("Марченко Иван", "Марчнеко Иван"),
    ("Палишчук Вадим", "Палишшчук Вадим"),
    ("Тарасаў Андрэй", "Тарсаў Андрэй"),
]
DIFFERENT = [
    ("Babariko Eduard Viktorovich", "Babariko Viktor Dmitrievich"),  # son and father
    ("Ivan Ivanov", "Petr Ivanov"),  # two unrelated Ivanovs
    ("Ivanova Maria", "Ivanov Maria"),  # a woman's and a man's surname
    ("Kalesnikava M.V.", "Колесникова Мария Александровна"),  # the patronymic initial differs
    ("Ivan Sergeevich Petrov", "Ivan Nikolaevich Petrov"),  # namesakes with different fathers
    ("Maria Kolesnikova", "Maria Kolesnik"),
    ("Aleksandr Lukashenko", "Aleksandra Lukashenko"),
    ("Evgeny Smirnov", "Evgenya Smirnov"),  # a woman's form the table does not list
    ("Ivanov", "Ivanov"),  # a surname alone is never enough
    # look-alike surnames: a consonant added or changed, a vowel the languages do not swap
    ("Ivanova Svetlana", "Ivankova Svetlana"),
    ("Statkevich Natalia Petrovna", "Stankevich Natalia Petrovna"),
    ("Losik Pavel", "Lysik Pavel"),
    ("Kovalchuk Stepan Viacheslavovich", "Kovalchik Stepan Viacheslavovich"),
    ("Kolesnikova Maria", "Kolesnik Maria"),
    # initials that no form of the name begins with
    ("Kudrautsava Alena", "Kudrautsava V."),
    ("Babariko Oleg", "Бабарико Г."),
    ("Karpovich, Ivan Igorevich", "И. А. Карпович"),
    ("Vinahradau A. V.", "Vinogradov Andrey Alekseyevich"),
    # a patronymic names the father, whose name is the son's surname's neighbour
    ("Vadzim Yurkevich Ivanavich", "Vadzim Piatrovich Yurkevich"),
]


@pytest.mark.parametrize(("query", "record"), SAME)
def test_one_person_across_scripts_orders_and_initials(query, record):
    match = compare_names(query, record)
    assert match.same, match.explain()
    assert match.features and all(not f.conflict for f in match.features)


@pytest.mark.parametrize(("query", "record"), DIFFERENT)
def test_namesakes_and_relatives_stay_apart(query, record):
    match = compare_names(query, record)
    assert not match.same, match.explain()


def test_each_feature_is_explained():
    match = compare_names("Kalesnikava M.A.", "Колесникова Мария Александровна")
    assert [f.name for f in match.features] == ["surname", "given name", "patronymic"]
    assert "vowels as the languages differ" in match.explain() and "initial M. fits" in match.explain()


def test_a_one_letter_difference_needs_the_birth_date():
    """Ivanova / Ivankova is a typo or another woman: the same day of birth settles it."""
    assert not compare(["Ivanova Svetlana"], ["Ivankova Svetlana"]).same
    assert compare(["Ivanova Svetlana"], ["Ivankova Svetlana"], "1973-04-10", "1973-04-10").same
    assert not compare(["Ivanova Svetlana"], ["Ivankova Svetlana"], "1973-04-10", "1975-01-02").same


def test_birth_dates_confirm_or_separate():
    same_day = compare(["Ivanov I."], ["Иван Иванов"], "1980-01-02", "1980-01-02")
    year_only = compare(["Ivanov I."], ["Иван Иванов"], "1980", "1980-01-02")
    different = compare(["Ivan Ivanov"], ["Иван Иванов"], "1980-01-02", "1975-03-04")
    without = compare(["Ivanov I."], ["Иван Иванов"])
    assert same_day.score > without.score and year_only.same
    assert not different.same and different.features[-1].conflict
    assert "1980-01-02 and 1975-03-04 differ" in different.explain()


def test_no_names_no_match():
    assert compare([], ["Maria Kolesnikova"]).score == 0.0 and not compare(["Maria"], []).same


def test_the_best_of_a_persons_names_counts():
    match = compare(["Maria Kolesnikova"], ["Марыя Калеснікава", "Kalesnikava Maryia"])
    assert match.same


REAL_LOOKING = st.sampled_from([name for pair in SAME + DIFFERENT for name in pair])


@given(REAL_LOOKING | st.text(max_size=40), REAL_LOOKING | st.text(max_size=40))
def test_symmetric(left, right):
    assert compare_names(left, right).score == compare_names(right, left).score


@given(REAL_LOOKING)
def test_a_full_name_always_matches_itself(name):
    match = compare_names(name, name)
    assert not any(f.conflict for f in match.features)
    assert match.same or len(match.features) == 1  # a lone surname is too little, even for itself


@given(st.text(max_size=40))
def test_any_text_matches_itself_without_conflict(text):
    assert not any(f.conflict for f in compare_names(text, text).features)
    assert 0.0 <= compare_names(text, text).score <= 1.0 and THRESHOLD > 0


def test_a_different_father_in_any_of_the_names_keeps_two_people_apart():
    """Found on a 100,000-person registry: the Latin names agreed, the Cyrillic ones named
    two different fathers."""
    match = compare(["Yauhen Dashkevich", "Дашкевіч Яўген Аляксандравіч"],
                    ["Yauhen Dashkevich", "Дашкевіч Яўген Канстанцінавіч"])
    assert not match.same and any("different fathers" in f.detail for f in match.features)


def test_a_fitting_year_does_not_make_a_one_letter_surname_a_match():
    assert not compare(["Gleb Kozlov"], ["Gleb Krylov"], "1977-03-15", "1977").same
    assert not compare(["Gleb Kozlov"], ["Gleb Kotlov"], "1977-03-15", "1977").same
    assert compare(["Gleb Kozlov"], ["Gleb Kotlov"], "1977-03-15", "1977-03-15").same
