"""Names as they are really written (issue 20): a record's own names never lower its score,
Persian and Arabic namesakes stay apart (compound given names, honorifics, particles), and
initials written in one language decide. Measured on real lists in ../shared/data, and on a
table of cases from the review."""

from __future__ import annotations

import csv
import itertools
import zlib
from collections import defaultdict

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from politzek.names.compare import THRESHOLD, compare
from politzek.names.parts import parse

SAME = [
    ("Mohammad Reza Hajikhani", "Hajikhani, Mohammad Reza"),
    ("Mohammad Reza Hajikhani", "Mohammadreza Hajikhani"),
    ("Mohammad-Reza Hajikhani", "Mohammad Reza Hajikhani"),
    ("Seyed Ali Hosseini", "Ali Hosseini"),  # an honorific, not a name
    ("Gholam Hossein Mohseni Ejei", "Gholamhossein Mohseni-Ejei"),
    ("Ali al-Hashimi", "Ali Hashimi"),
    ("Міцкевіч А.", "Олег Константинович Мицкевич"),  # Belarusian Алег: A. across languages
    ("Kalesnikava M.", "Калеснікава Марыя"),
    ("Misha Ivanov", "Михаил Иванов"),  # familiar forms (given_names.toml, short)
    ("Dima Ivanov", "Дмитрий Иванов"),
    ("Katya Petrova", "Екатерина Петрова"),
    ("Lyosha Sidorov", "Алексей Сидоров"),
    ("Mahsa Amini", "مهسا امینی"),  # Persian script writes no short vowels (names.abjad)
    ("Mohammad Reza Hajikhani", "محمدرضا حاجی\u200cخانی"),
    ("Abdorrahman Bakhtiari", "عبدالرحمن بختیاری"),
    ("Mostafa Shabani", "مصطفی شعبانی"),
    ("нач. ИК-15 Иванов И.И.", "Иванов Иван Иванович"),  # an official's position is no name
    ("судья Петров Олег", "Петров Олег Иванович"),
    ("Федір Антонюк", "Фёдор Антонюк"),  # Ukrainian і for о in a closed last syllable
]
DIFFERENT = [
    ("Mohammad Reza Hajikhani", "Mohammad Reza Majidi"),  # a shared compound given name
    ("Mohammad Ali Bagheri", "Mohammad Ali Shahbazi"),
    ("Ali al-Hashimi", "Ali al-Ahmadi"),  # the article alone does not make a surname agree
    ("Reza Hajikhani Karimi", "Reza Majidi Karimi"),  # two-word surnames agree only whole
    ("Фриновский М.П.", "Фриновский Н.П."),  # one language: M. and N. are two names
    ("Ivanov A.", "Ivanov Oleg"),  # A. does not fit Oleg written in Russian
    ("Иванов Олег Егорович", "Иванов Олег Ильич"),  # a contradicting patronymic separates
    ("S. Ivanov", "Aleksandr Ivanov"),  # Sasha is Aleksandr, but S. is not
    ("Mohammad Reza Majidi", "محمدرضا حاجی\u200cخانی"),
    ("Ali Haidar", "علی حیدری"),  # a word-final ی is a sound: Heydari, not Haidar
    ("судья Петров Олег", "судья Сидоров Олег"),  # a shared position is no shared surname
    ("Ivan Libach", "Ivan Lobach"),  # o and i elsewhere: one letter apart, two families
]


def test_a_contradicting_patronymic_separates_even_beside_a_name_without_one():
    found = compare(["Иванов Олег Егорович"], ["Иванов Олег Ильич", "Ivanov Oleg"])
    assert found.score < THRESHOLD and "different fathers (Egor, Ilia)" in found.explain()


NAMES = st.sampled_from([name for pair in SAME + DIFFERENT for name in pair] + [
    "Кригер Фридрих", "Krieger Friedrich", "Mahsa Amini", "مهسا امینی", "Hiva Ahmadi", "هیوا احمدی"])


@given(NAMES, NAMES)
def test_a_name_of_the_record_finds_it_whatever_its_other_names(name, other):
    """Property: a query that is one of the record's own names scores as it does against that
    name alone; the record's other names never count against it."""
    assert compare([name], [name, other]).score == compare([name], [name]).score


@pytest.mark.parametrize("left, right", SAME)
def test_same(left, right):
    assert compare([left], [right]).score >= THRESHOLD, compare([left], [right]).explain()


@pytest.mark.parametrize("left, right", DIFFERENT)
def test_different(left, right):
    assert compare([left], [right]).score < THRESHOLD, compare([left], [right]).explain()


def test_compound_given_names_are_one_given_name():
    assert parse("Seyed Mohammad Reza Hajikhani").given == ("mohammadreza",)
    assert parse("Seyed Mohammad Reza Hajikhani").surname == ("hajikhani",)
    assert parse("Hajikhani, Mohammad Reza").given == ("mohammadreza",)
    assert parse("Abdol-Karim Soroush").given == ("abdolkarim",)
    assert parse("Ali Karimi").given == ("ali",)  # Ali alone stays Ali


def test_a_records_own_names_never_lower_its_score(shared_data):
    """Every 2022 record of the Iran memorial with a Latin and a Persian name of two words or
    more: either name as the query finds the record with both (206 fell below the threshold
    before: the record's Persian name "conflicted" with its Latin one)."""
    queried = 0
    for path in sorted((shared_data / "iran_memorial" / "victims_2022").glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        latin, persian = record.get("name_latin"), record.get("name_farsi")
        if not latin or not persian or len(latin.split()) < 2:
            continue
        for query in (latin, persian):
            queried += 1
            found = compare([query], [latin, persian])
            assert found.score >= THRESHOLD, (path.name, query, found.explain())
    assert queried > 500


def test_latin_and_persian_spellings_of_one_person_agree(shared_data):
    """The 2022 records of the Iran memorial in their development part (bench/names/real_pairs.py
    holds a third out by a hash of the record's key; the rules are never tuned on it): the Latin
    and the Persian name of each record match in nine of ten records or more (1 in 10 did
    before names.abjad: the transliterated Persian has no short vowels)."""
    agree = total = 0
    for path in sorted((shared_data / "iran_memorial" / "victims_2022").glob("*.yaml")):
        if path.name.startswith("_") or zlib.crc32(path.stem.encode()) % 3 == 0:
            continue
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        latin, persian = record.get("name_latin"), record.get("name_farsi")
        if latin and persian and len(latin.split()) >= 2:
            total += 1
            agree += compare([latin], [persian]).score >= THRESHOLD
    assert total > 200 and agree / total >= 0.9, f"{agree} of {total}"


def test_namesakes_sharing_a_given_name_stay_apart(shared_data):
    """Real names from the 2026 Iranian list, three words or more: pairs that share the first
    word but not the last are nearly all different people. 2,573 of 28,749 such pairs (9%)
    were called the same before compound given names and two-word surnames were read; the few
    left are spellings of one surname (Heidari / Heydari) or a surname with a second word."""
    with (shared_data / "iran_memorial" / "iranvictims_2026.csv").open(encoding="utf-8") as handle:
        names = sorted({row["English Name"].strip() for row in csv.DictReader(handle)
                        if len(row["English Name"].split()) >= 3})
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_first[name.split()[0].lower()].append(name)
    pairs = same = 0
    for group in by_first.values():
        for left, right in itertools.combinations(group[:200], 2):
            if left.split()[-1].lower() != right.split()[-1].lower():
                pairs += 1
                same += compare([left], [right]).score >= THRESHOLD
    assert pairs > 20_000
    assert same / pairs < 0.005, f"{same} of {pairs} namesake pairs called the same"


@pytest.mark.parametrize("placeholder", ["Unknown", "ناشناس", "N. N.", "Неизвестный", "невядомы"])
def test_a_name_written_for_an_unknown_name_matches_no_one(placeholder):
    """66 records of the Iran memorial's 2022 victims are named ناشناس ("unknown"): they were
    queued as 2,130 pairs of possible duplicates of each other."""
    from politzek.names.blocking import name_keys
    from politzek.names.compare import compare

    assert name_keys(placeholder) == (frozenset(), frozenset())
    assert compare([placeholder], [placeholder]).score == 0.0
    assert compare([placeholder, "Ali Rezaei"], ["Ali Rezaei"]).score == 1.0
    assert compare([placeholder], ["Ali Rezaei", placeholder]).score == 0.0
