"""Reading which word of a written name is the surname, the given name, the patronymic or an
initial, in every order and script the lists use (a table, in the manner of nomenklatura's
CASES)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from politzek.names.parts import NameParts, parse

CASES = [
    # written name, given, patronymic, surname, initials, ambiguous
    ("Марыя Калеснікава", ("maryya",), "", ("kalesnikava",), (), False),
    ("Колесникова Мария Александровна", ("mariya",), "aleksandrovna", ("kolesnikova",), (), False),
    ("Мария Александровна Колесникова", ("mariya",), "aleksandrovna", ("kolesnikova",), (), False),
    ("Kalesnikava M.", (), "", ("kalesnikava",), ("m",), False),
    ("Kalesnikava M.A.", (), "", ("kalesnikava",), ("m", "a"), False),
    ("M. A. Kalesnikava", (), "", ("kalesnikava",), ("m", "a"), False),
    ("Babaryka, Viktar", ("viktar",), "", ("babaryka",), (), False),
    ("Babaryka, Viktar Dmitrievich", ("viktar",), "dmitrievich", ("babaryka",), (), False),
    ("Kalesnikava, M.", (), "", ("kalesnikava",), ("m",), False),
    ("Bialiatski Ales", ("ales",), "", ("bialiatski",), (), False),  # the known given name is last
    ("Ales Bialiatski", ("ales",), "", ("bialiatski",), (), False),
    ("Kalesnikava-Ivanova Maryia", ("maryia",), "", ("kalesnikava-ivanova",), (), False),
    ("Кавалёва Алена Аляксандраўна", ("alena",), "alyaksandrauna", ("kavalyova",), (), False),  # Belarusian -аўна
    ("Олександр Іванович Петренко", ("oleksandr",), "ivanovych", ("petrenko",), (), False),  # Ukrainian -ович
    ("Kovalenko Yaroslav", ("yaroslav",), "", ("kovalenko",), (), False),  # the known given name ends it
    ("Kovalenko Ostapenko", ("kovalenko",), "", ("ostapenko",), (), True),  # neither word known: a guess, said so
    ("Ivanov", (), "", ("ivanov",), (), False),
]


@pytest.mark.parametrize(("written", "given_names", "patronymic", "surname", "initials", "ambiguous"), CASES)
def test_the_parts_of_a_written_name(written, given_names, patronymic, surname, initials, ambiguous):
    assert parse(written) == NameParts(given=given_names, patronymic=patronymic, surname=surname,
                                       initials=initials, ambiguous=ambiguous)


@pytest.mark.parametrize(("written", "given_names", "patronymic", "surname"), [
    ("Mikalai Statkevich", ("mikalai",), "", ("statkevich",)),
    ("Statkevich Mikalai", ("mikalai",), "", ("statkevich",)),
    ("Statkevich Mikalai Viktaravich", ("mikalai",), "viktaravich", ("statkevich",)),
    ("Mikalai Viktaravich Statkevich", ("mikalai",), "viktaravich", ("statkevich",)),
    ("Kovalenko Yaroslav Bohdanovych", ("yaroslav",), "bohdanovych", ("kovalenko",)),
])
def test_surnames_that_end_like_patronymics(written, given_names, patronymic, surname):
    parts = parse(written)
    assert (parts.given, parts.patronymic, parts.surname) == (given_names, patronymic, surname)


@given(st.text(max_size=60))
def test_any_text_parses_and_keeps_its_letters(text):
    parts = parse(text)
    assert len(parts.words) + len(parts.initials) <= len(text)
