"""Given names across Belarusian, Russian, Ukrainian and their Latin spellings: the pairs of
the issue and the hard negatives, as a table (in the manner of nomenklatura's CASES)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from politzek.names.given_names import given_name_group, same_given_name

SAME = [
    ("Uladzimir", "Vladimir"), ("Uladzimir", "Volodymyr"), ("Уладзімір", "Владимир"),
    ("Aliaksandr", "Alexander"), ("Ales", "Aleksandr"), ("Алесь", "Александр"), ("Oleksandr", "Alexander"),
    ("Siarhei", "Sergei"), ("Сяргей", "Serhiy"), ("Viktar", "Viktor"), ("Віктар", "Виктор"),
    ("Maryia", "Maria"), ("Марыя", "Mariya"), ("Ihar", "Igor"), ("Ігар", "Ihor"), ("Yauhen", "Evgeny"),
    ("Яўген", "Yevhen"), ("Zmitser", "Dmitry"), ("Зміцер", "Дмитрий"), ("Dzmitry", "Dmytro"),
    ("Mykola", "Nikolai"), ("Mikalai", "Николай"), ("Aleh", "Oleg"), ("Volha", "Olga"), ("Hanna", "Anna"),
    ("Sviatlana", "Светлана"), ("Tatsiana", "Tetiana"), ("Kanstantsin", "Konstantin"), ("Kastus", "Константин"),
    ("Piatro", "Pyotr"), ("Paval", "Pavel"), ("Raman", "Роман"), ("Vadzim", "Vadym"), ("Viachaslau", "Vyacheslav"),
    ("MARYIA", "maria"),
]
DIFFERENT = [
    ("Ales", "Alisa"),  # a short form must not swallow another name
    ("Yury", "Georgy"),  # related in origin, different names for a person
    ("Ivan", "Yan"),
    ("Mikalai", "Mikhail"),
    ("Aleksandr", "Aleksandra"),  # the man and the woman
    ("Evgeny", "Evgeniya"),
    ("Viktor", "Vitaly"),
    ("Sergei", "Semyon"),
]


@pytest.mark.parametrize(("left", "right"), SAME)
def test_forms_of_one_name_are_the_same_name(left, right):
    assert same_given_name(left, right)
    assert given_name_group(left) is not None


@pytest.mark.parametrize(("left", "right"), DIFFERENT)
def test_different_names_stay_different(left, right):
    assert not same_given_name(left, right)


def test_a_name_the_table_does_not_know_matches_its_own_spellings_only():
    assert given_name_group("Zlata") is None
    assert same_given_name("Zlata", "Злата")
    assert not same_given_name("Zlata", "Zoya")


names = st.sampled_from([name for pair in SAME + DIFFERENT for name in pair]) | st.text(min_size=1, max_size=12)


@given(names, names)
def test_comparison_is_symmetric_and_a_name_matches_itself(left, right):
    assert same_given_name(left, right) == same_given_name(right, left)
    assert same_given_name(left, left)
