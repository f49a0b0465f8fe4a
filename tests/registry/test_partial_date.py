import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from politzek.registry.partial_date import PartialDate, PartialDateError, Precision

VALID = [
    # text, precision, earliest, latest
    ("2024", Precision.YEAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", Precision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-02", Precision.MONTH, dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
    ("2025-12-13", Precision.DAY, dt.date(2025, 12, 13), dt.date(2025, 12, 13)),
    (" 2020-08-09 ", Precision.DAY, dt.date(2020, 8, 9), dt.date(2020, 8, 9)),
]

INVALID = [
    ("", "not a date"),
    ("09.08.2020", "not a date"),
    ("2020-8-9", "not a date"),
    ("2023-02-29", "does not exist"),
    ("2024-13", "not between 1 and 12"),
    ("2024-00", "not between 1 and 12"),
    ("1899", "outside"),
    ("2024-06-31", "does not exist"),
    ("20245", "not a date"),
]


@pytest.mark.parametrize(("text", "precision", "earliest", "latest"), VALID)
def test_parse_valid(text, precision, earliest, latest):
    value = PartialDate.parse(text)
    assert value.precision == precision
    assert value.earliest == earliest
    assert value.latest == latest
    assert str(value) == text.strip()


@pytest.mark.parametrize(("text", "reason"), INVALID)
def test_parse_invalid_names_the_value(text, reason):
    with pytest.raises(PartialDateError) as error:
        PartialDate.parse(text)
    assert reason in str(error.value)
    assert repr(text) in str(error.value)


def test_ordering_puts_precise_before_vague_at_the_same_start():
    values = [PartialDate.parse(t) for t in ["2024-06", "2024-05", "2024", "2024-05-01", "2023-12-31"]]
    assert [str(v) for v in sorted(values)] == ["2023-12-31", "2024", "2024-05-01", "2024-05", "2024-06"]


def test_certainly_before_and_overlaps():
    may = PartialDate.parse("2024-05")
    assert PartialDate.parse("2024-04-30").certainly_before(may)
    assert not PartialDate.parse("2024-05-31").certainly_before(may)
    assert may.overlaps(PartialDate.parse("2024"))
    assert not may.overlaps(PartialDate.parse("2024-06-01"))


def test_coerce_accepts_dates_strings_and_none():
    assert PartialDate.coerce(None) is None
    assert PartialDate.coerce("") is None
    assert PartialDate.coerce(dt.date(2021, 3, 4)) == PartialDate(2021, 3, 4)
    assert PartialDate.coerce("2021") == PartialDate(2021)


partial_dates = st.builds(
    lambda day, precision: PartialDate(day.year, day.month if precision > 1 else None,
                                       day.day if precision > 2 else None),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=1, max_value=3),
)


@given(partial_dates)
def test_text_round_trip(value):
    assert PartialDate.parse(str(value)) == value


@given(partial_dates)
def test_earliest_not_after_latest_and_both_inside(value):
    assert value.earliest <= value.latest
    assert value.earliest.year == value.latest.year == value.year


@given(partial_dates, partial_dates)
def test_order_is_total_and_consistent_with_certainly_before(first, second):
    assert (first < second) + (second < first) + (first == second) == 1
    if first.certainly_before(second):
        assert first < second
        assert not first.overlaps(second)
