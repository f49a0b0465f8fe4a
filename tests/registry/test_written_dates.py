"""Dates typed as people write them (registry/written_dates.py), in each of the four languages
the staff pages speak; a day-month order that cannot be told apart is refused, not guessed."""

from __future__ import annotations

import pytest

from politzek.registry.partial_date import PartialDate, PartialDateError
from politzek.registry.written_dates import read_written_date

CASES = [
    ("12.04.1991", PartialDate(1991, 4, 12)),
    ("1.5.2020", PartialDate(2020, 5, 1)),
    ("04.1991", PartialDate(1991, 4)),
    ("1991", PartialDate(1991)),
    ("1991-04-12", PartialDate(1991, 4, 12)),
    ("1991-04", PartialDate(1991, 4)),
    ("12 апреля 1991", PartialDate(1991, 4, 12)),
    ("12 апреля 1991 г.", PartialDate(1991, 4, 12)),
    ("12 апреля 1991 года", PartialDate(1991, 4, 12)),
    ("апрель 1991", PartialDate(1991, 4)),
    ("12 красавіка 1991", PartialDate(1991, 4, 12)),
    ("красавік 1991 г.", PartialDate(1991, 4)),
    ("1 травня 2020 року", PartialDate(2020, 5, 1)),
    ("травень 2020", PartialDate(2020, 5)),
    ("12 April 1991", PartialDate(1991, 4, 12)),
    ("April 12, 1991", PartialDate(1991, 4, 12)),
    ("Apr 1991", PartialDate(1991, 4)),
    ("  12.04.1991 ", PartialDate(1991, 4, 12)),
    ("", None),
    ("   ", None),
]

REFUSED = ["04/05/1991", "12.04.91", "31.02.2020", "32 апреля 1991", "весна 1991", "12 Flurbl 1991", "1850"]


@pytest.mark.parametrize("text, expected", CASES)
def test_written_dates_are_read(text, expected):
    assert read_written_date(text) == expected


@pytest.mark.parametrize("text", REFUSED)
def test_ambiguous_or_impossible_dates_are_refused_naming_the_text(text):
    with pytest.raises(PartialDateError, match="^" + repr(text.strip())[:-1].replace(".", r"\.")):
        read_written_date(text)
