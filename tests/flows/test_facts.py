"""Facts from hand-built timelines, then random timelines checked against status.py: the
facts must say someone is a political prisoner on exactly the days status.py says so."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politzek.flows.facts import ANY_ORGANIZATION, CUSTODY, POINT, POLITICAL, Fact, person_facts
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import TimelineEvent, custody_intervals, in_custody_at, is_political_prisoner_at

D = dt.date.fromisoformat


def ev(kind, date, organization=None, custodial=None):
    return TimelineEvent(kind=kind, date=PartialDate.parse(date) if date else None, id=f"{kind}@{date}",
                         organization=organization, custodial=custodial)


def spells(facts, kind):
    return sorted((f.organization, str(f.start), f.start_kind, str(f.end), f.end_kind) for f in facts if f.kind == kind)


CASES = [
    ("detained, recognized, pardoned",
     [ev("detained", "2021-03-01"), ev("recognized", "2021-04-10", "viasna"), ev("released_pardon", "2024-07-03")],
     [("", "2021-03-01", "detained", "2024-07-03", "released_pardon")],
     [("*", "2021-04-10", "recognized", "2024-07-03", "released_pardon"),
      ("viasna", "2021-04-10", "recognized", "2024-07-03", "released_pardon")]),
    ("recognized before detention: the spell starts with custody",
     [ev("recognized", "2020-01-01", "memorial"), ev("detained", "2021-05-05")],
     [("", "2021-05-05", "detained", "None", "")],
     [("*", "2021-05-05", "detained", "None", ""), ("memorial", "2021-05-05", "detained", "None", "")]),
    ("recognition withdrawn while held",
     [ev("detained", "2021-01-01"), ev("recognized", "2021-02-01", "viasna"),
      ev("recognition_withdrawn", "2021-06-01", "viasna"), ev("released_end_of_term", "2022-01-01")],
     [("", "2021-01-01", "detained", "2022-01-01", "released_end_of_term")],
     [("*", "2021-02-01", "recognized", "2021-06-01", "recognition_withdrawn"),
      ("viasna", "2021-02-01", "recognized", "2021-06-01", "recognition_withdrawn")]),
    ("two organizations: one spell each, and one for any",
     [ev("detained", "2022-01-10"), ev("recognized", "2022-02-01", "viasna"),
      ev("recognized", "2022-03-01", "memorial"), ev("executed", "2023-01-01")],
     [("", "2022-01-10", "detained", "2023-01-01", "executed")],
     [("*", "2022-02-01", "recognized", "2023-01-01", "executed"),
      ("memorial", "2022-03-01", "recognized", "2023-01-01", "executed"),
      ("viasna", "2022-02-01", "recognized", "2023-01-01", "executed")]),
    ("recognized after release: no political spell",
     [ev("detained", "2021-01-01"), ev("released_other", "2021-02-01"), ev("recognized", "2021-03-01", "viasna")],
     [("", "2021-01-01", "detained", "2021-02-01", "released_other")], []),
    ("two custody spells under one recognition",
     [ev("detained", "2020-08-10"), ev("recognized", "2020-08-20", "viasna"), ev("released_pretrial", "2020-09-01"),
      ev("detained", "2021-02-01"), ev("sentenced", "2021-06-01", custodial=False)],
     [("", "2020-08-10", "detained", "2020-09-01", "released_pretrial"),
      ("", "2021-02-01", "detained", "2021-06-01", "non_custodial_sentence")],
     [("*", "2020-08-20", "recognized", "2020-09-01", "released_pretrial"),
      ("*", "2021-02-01", "detained", "2021-06-01", "non_custodial_sentence"),
      ("viasna", "2020-08-20", "recognized", "2020-09-01", "released_pretrial"),
      ("viasna", "2021-02-01", "detained", "2021-06-01", "non_custodial_sentence")]),
    # Found by hypothesis: two recognitions on one day, one withdrawn, one open (sorting the
    # spells compared an open end, None, with a date).
    ("two organizations recognize on one day, one withdraws",
     [ev("detained", "2022-01-10"), ev("recognized", "2022-02-01", "viasna"),
      ev("recognized", "2022-02-01", "memorial"), ev("recognition_withdrawn", "2022-05-01", "viasna")],
     [("", "2022-01-10", "detained", "None", "")],
     [("*", "2022-02-01", "recognized", "None", ""), ("memorial", "2022-02-01", "recognized", "None", ""),
      ("viasna", "2022-02-01", "recognized", "2022-05-01", "recognition_withdrawn")]),
]


@pytest.mark.parametrize(("name", "events", "custody", "political"), CASES, ids=[c[0] for c in CASES])
def test_custody_and_political_spells(name, events, custody, political):
    facts = person_facts(events)
    assert spells(facts, CUSTODY) == custody
    assert spells(facts, POLITICAL) == political


def test_points_keep_every_counted_event_with_its_precision_and_undated_ones():
    facts = person_facts([ev("detained", "2021-03"), ev("transferred", "2021-05-01"), ev("sentenced", None),
                          ev("recognized", "2021-04-02", "viasna")])
    points = sorted((f.start_kind, str(f.start), f.start_precise, f.organization) for f in facts if f.kind == POINT)
    assert points == [("detained", "2021-03-01", False, ""), ("recognized", "2021-04-02", True, "viasna"),
                      ("sentenced", "None", True, "")]  # transfers are not flows
    [custody] = [f for f in facts if f.kind == CUSTODY]
    assert (custody.start, custody.start_precise) == (D("2021-03-01"), False)  # "2021-03" counts on 1 March


KINDS = ["detained", "remanded", "house_arrest", "released_pretrial", "sentenced", "recognized",
         "recognition_withdrawn", "released_end_of_term", "released_pardon", "released_exchange", "died_in_custody"]
DAY0 = dt.date(2020, 1, 1)
timeline = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 1500), st.sampled_from(["viasna", "memorial"]),
              st.sampled_from([True, False, None]), st.sampled_from(["day", "month"])),
    max_size=9)


def _events(raw):
    result = []
    for i, (kind, offset, organization, custodial, precision) in enumerate(raw):
        day = DAY0 + dt.timedelta(days=offset)
        date = PartialDate(day.year, day.month, day.day) if precision == "day" else PartialDate(day.year, day.month)
        result.append(TimelineEvent(kind=kind, date=date, id=i,
                                    organization=organization if "recogni" in kind else None,
                                    custodial=custodial if kind == "sentenced" else None))
    return result


def _inside(fact: Fact, day: dt.date) -> bool:
    return fact.start <= day and (fact.end is None or day < fact.end)


@settings(max_examples=300, deadline=None)
@given(timeline, st.integers(0, 1600))
def test_facts_agree_with_status_on_every_day(raw, offset):
    events = _events(raw)
    day = DAY0 + dt.timedelta(days=offset)
    facts = person_facts(events)
    assert any(_inside(f, day) for f in facts if f.kind == CUSTODY) == in_custody_at(custody_intervals(events), day)
    for organization in ("viasna", "memorial"):
        expected = is_political_prisoner_at(events, day, [organization])
        assert any(_inside(f, day) for f in facts if f.kind == POLITICAL and f.organization == organization) == expected
    expected_any = is_political_prisoner_at(events, day)
    spells_any = [f for f in facts if f.kind == POLITICAL and f.organization == ANY_ORGANIZATION]
    assert sum(_inside(f, day) for f in spells_any) == int(expected_any)  # never counted twice
