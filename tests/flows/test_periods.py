import datetime as dt

import pytest

from politzek.flows.periods import Period, periods

D = dt.date.fromisoformat

CASES = [
    # first, last, granularity, expected (first, last) pairs, labels
    ("2025-12-01", "2025-12-14", "week", [("2025-12-01", "2025-12-07"), ("2025-12-08", "2025-12-14")],
     ["2025-W49", "2025-W50"]),
    # a week starts on Monday; a report from a Wednesday starts with a partial week
    ("2025-12-03", "2025-12-09", "week", [("2025-12-03", "2025-12-07"), ("2025-12-08", "2025-12-09")],
     ["2025-W49", "2025-W50"]),
    # ISO week 1 of 2026 starts on Monday 29 December 2025
    ("2025-12-29", "2026-01-04", "week", [("2025-12-29", "2026-01-04")], ["2026-W01"]),
    ("2024-01-15", "2024-03-10", "month", [("2024-01-15", "2024-01-31"), ("2024-02-01", "2024-02-29"),
                                           ("2024-03-01", "2024-03-10")], ["2024-01", "2024-02", "2024-03"]),
    ("2024-11-01", "2025-04-30", "quarter", [("2024-11-01", "2024-12-31"), ("2025-01-01", "2025-03-31"),
                                             ("2025-04-01", "2025-04-30")], ["2024-Q4", "2025-Q1", "2025-Q2"]),
    ("2023-06-01", "2024-12-31", "year", [("2023-06-01", "2023-12-31"), ("2024-01-01", "2024-12-31")],
     ["2023", "2024"]),
    ("2024-02-28", "2024-03-01", "day", [("2024-02-28", "2024-02-28"), ("2024-02-29", "2024-02-29"),
                                         ("2024-03-01", "2024-03-01")], ["2024-02-28", "2024-02-29", "2024-03-01"]),
]


@pytest.mark.parametrize(("first", "last", "granularity", "expected", "labels"), CASES)
def test_periods_cover_the_range_without_gaps(first, last, granularity, expected, labels):
    spans = periods(D(first), D(last), granularity)
    assert spans == [Period(D(a), D(b)) for a, b in expected]
    assert [span.label(granularity) for span in spans] == labels


def test_bad_ranges_and_granularities_are_refused():
    with pytest.raises(ValueError, match="ends"):
        periods(D("2025-01-02"), D("2025-01-01"), "week")
    with pytest.raises(ValueError, match="fortnight"):
        periods(D("2025-01-01"), D("2025-02-01"), "fortnight")
