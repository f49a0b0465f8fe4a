"""A small registry with figures computed by hand (tests/flows/test_figures.py has them)."""

import datetime as dt

import pytest

from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from tests.registry.factories import event, organization, person

FIRST, LAST = dt.date(2025, 12, 1), dt.date(2025, 12, 14)


def timeline(who, *events):
    for kind, date, *org in events:
        event(who, kind, date, organization=organization(org[0]) if org else None)
    return who


@pytest.fixture
def registry():
    people = {
        "A": timeline(person("A"), ("detained", "2025-06-01"), ("recognized", "2025-07-01", "viasna"),
                      ("released_pardon", "2025-12-03")),
        "B": timeline(person("B"), ("detained", "2025-12-09"), ("recognized", "2025-12-10", "viasna")),
        "C": timeline(person("C"), ("detained", "2024-01-01"), ("recognized", "2024-02-01", "memorial")),
        # recognized "2025-12": counted on 1 December, in the first week, flagged as imprecise
        "D": timeline(person("D"), ("detained", "2025-11-20"), ("recognized", "2025-12", "viasna")),
        "E": timeline(person("E"), ("detained", "2025-10-01"), ("released_end_of_term", "2025-12-08")),
        "F": timeline(person("F", country="RU"), ("detained", "2025-12-02"), ("recognized", "2025-12-02", "memorial")),
        "G": timeline(person("G"), ("detained", None), ("sentenced", None)),
        # died on the report's last day: an exit of the last week
        "H": timeline(person("H"), ("detained", "2023-05-05"), ("recognized", "2023-06-01", "viasna"),
                      ("died_in_custody", "2025-12-14")),
    }
    m.AggregateDetention.objects.create(date=PartialDate(2025, 12, 6), country="BY", detained_count=30)
    m.AggregateDetention.objects.create(date=PartialDate(2025, 12, 6), country="RU", detained_count=99)
    return people


