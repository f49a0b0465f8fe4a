"""The day a term runs out (status.derive's term_ends): the spell's first day plus the term
of the last verdict passed in it, only while custody lasts."""

import datetime as dt

import pytest

from politzek.registry.partial_date import PartialDate
from politzek.registry.status import TimelineEvent, derive


def ev(kind, date, **extra):
    return TimelineEvent(kind=kind, date=PartialDate.parse(date), id=f"{kind}@{date}", **extra)


D = dt.date.fromisoformat

CASES = [
    ("held since detention, two years", [ev("detained", "2021-01-10"),
                                         ev("sentenced", "2021-06-01", custodial=True, term_days=730)],
     D("2023-01-10")),
    ("house arrest first: the spell starts with it", [ev("house_arrest", "2021-01-05"), ev("remanded", "2021-03-01"),
                                                     ev("sentenced", "2021-06-01", custodial=True, term_days=365)],
     D("2022-01-05")),
    ("a later verdict in the same spell gives the whole term",
     [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", custodial=True, term_days=730),
      ev("charged", "2022-10-01"), ev("sentenced", "2022-12-01", custodial=True, term_days=1095)], D("2024-01-10")),
    ("kind not recorded still has a term", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", term_days=100)],
     D("2021-04-20")),
    ("taken into custody in the courtroom", [ev("sentenced", "2021-06-01", custodial=True, term_days=30)],
     D("2021-07-01")),
    ("no term recorded", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", custodial=True)], None),
    ("released: no term running", [ev("detained", "2021-01-10"),
                                   ev("sentenced", "2021-06-01", custodial=True, term_days=730),
                                   ev("released_pardon", "2022-02-01")], None),
    ("non-custodial sentence ends custody", [ev("detained", "2021-01-10"),
                                             ev("sentenced", "2021-06-01", custodial=False, term_days=730)], None),
    ("a new spell forgets the old term", [ev("detained", "2019-01-10"),
                                          ev("sentenced", "2019-06-01", custodial=True, term_days=3650),
                                          ev("released_exchange", "2020-01-01"), ev("detained", "2022-01-01")], None),
]


@pytest.mark.parametrize(("name", "events", "expected"), CASES, ids=[case[0] for case in CASES])
def test_term_ends(name, events, expected):
    assert derive(events).term_ends == expected
