"""Status derivation: table-driven cases, then random timelines checked against invariants."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from politzek.registry.event_kinds import event_kinds
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import (
    IN_CUSTODY_STATUSES,
    TimelineEvent,
    check_timeline,
    derive,
    in_custody_at,
    is_political_prisoner_at,
    status_at,
)


def ev(kind, date, id=None, **extra):
    return TimelineEvent(kind=kind, date=PartialDate.parse(date) if date else None, id=id or f"{kind}@{date}", **extra)


D = dt.date.fromisoformat

STATUS_CASES = [
    # name, events, at, status, release_mode
    ("nothing known", [], None, "unknown", None),
    ("charged only", [ev("charged", "2022-03-01")], None, "not_detained", None),
    ("detained", [ev("detained", "2022-03-01")], None, "pretrial_custody", None),
    ("house arrest", [ev("detained", "2022-03-01"), ev("house_arrest", "2022-03-03")], None, "house_arrest", None),
    ("house arrest then cell", [ev("house_arrest", "2022-03-01"), ev("remanded", "2022-05-01")], None,
     "pretrial_custody", None),
    ("sentenced in custody", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", custodial=True)],
     None, "serving_sentence", None),
    ("sentence of unknown kind while held", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01")],
     None, "serving_sentence", None),
    ("taken into custody in the courtroom", [ev("sentenced", "2021-06-01", custodial=True)], None,
     "serving_sentence", None),
    ("sentence of unknown kind while free stays free", [ev("charged", "2021-05-01"), ev("sentenced", "2021-06-01")],
     None, "not_detained", None),
    ("non-custodial sentence releases", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", custodial=False)],
     None, "released", "non_custodial_sentence"),
    ("pardoned", [ev("detained", "2021-01-10"), ev("sentenced", "2021-06-01", custodial=True),
                  ev("released_pardon", "2025-09-11")], None, "released", "pardon"),
    ("exchanged and deported", [ev("detained", "2022-04"), ev("released_exchange", "2024-08-01"),
                                ev("deported", "2024-08-01")], None, "released", "exchange"),
    ("status before release", [ev("detained", "2021-01-10"), ev("released_pardon", "2025-09-11")],
     D("2025-09-10"), "pretrial_custody", None),
    ("released on the day counts from that day", [ev("detained", "2021-01-10"), ev("released_pardon", "2025-09-11")],
     D("2025-09-11"), "released", "pardon"),
    ("died in custody", [ev("detained", "2021"), ev("died_in_custody", "2023-05-02")], None, "died", None),
    ("killed at a protest", [ev("killed", "2022-09-21")], None, "died", None),
    ("disappeared", [ev("detained", "2022-10-01"), ev("disappeared", "2022-10-05")], None, "disappeared", None),
    ("re-arrested after release", [ev("detained", "2020-08-10"), ev("released_end_of_term", "2020-08-25"),
                                   ev("detained", "2021-02-01")], None, "pretrial_custody", None),
    ("an undated detention holds since an unknown day", [ev("detained", None)], None, "in_custody", None),
    ("an undated charge is ignored", [ev("charged", None)], None, "unknown", None),
    ("an undated detention before a dated release", [ev("detained", None), ev("released_pardon", "2025-09-11")],
     None, "released", "pardon"),
    ("an undated detention beside a dated one is that one", [ev("detained", None), ev("detained", "2021-05-01"),
                                                             ev("released_pardon", "2025-09-11")],
     None, "released", "pardon"),
]


@pytest.mark.parametrize(("name", "events", "at", "status", "mode"), STATUS_CASES, ids=[c[0] for c in STATUS_CASES])
def test_status(name, events, at, status, mode):
    derived = derive(events, at)
    assert derived.status.status == status
    assert derived.status.release_mode == mode


def test_intervals_and_phases():
    events = [ev("detained", "2020-08-10"), ev("released_end_of_term", "2020-08-25"),
              ev("detained", "2021-02-01"), ev("sentenced", "2021-07", custodial=True)]
    first, second = derive(events).intervals
    assert (first.start, first.end, first.release_mode) == (D("2020-08-10"), D("2020-08-25"), "end_of_term")
    assert second.end is None
    assert [p.phase for p in second.phases] == ["pretrial_custody", "serving_sentence"]
    assert second.phase_at(D("2021-07-01")) == "serving_sentence"
    assert second.phase_at(D("2021-06-30")) == "pretrial_custody"
    assert in_custody_at(derive(events).intervals, D("2020-08-24"))
    assert not in_custody_at(derive(events).intervals, D("2020-08-25"))


def test_political_prisoner_needs_custody_and_recognition_by_a_chosen_organization():
    events = [ev("detained", "2021-03-02"), ev("recognized", "2021-04-01", organization="viasna"),
              ev("recognized", "2022-01-01", organization="memorial"),
              ev("recognition_withdrawn", "2023-01-01", organization="viasna"),
              ev("released_pardon", "2024-07-03")]
    assert not is_political_prisoner_at(events, D("2021-03-31"), ["viasna"])
    assert is_political_prisoner_at(events, D("2021-04-01"), ["viasna"])
    assert not is_political_prisoner_at(events, D("2021-06-01"), ["memorial"])
    assert is_political_prisoner_at(events, D("2021-06-01"), None)
    assert not is_political_prisoner_at(events, D("2023-01-01"), ["viasna"])
    assert is_political_prisoner_at(events, D("2023-01-01"), ["viasna", "memorial"])
    assert not is_political_prisoner_at(events, D("2024-07-03"), None)


ISSUE_CASES = [
    # name, events, expected (severity, code) list
    ("clean", [ev("detained", "2021"), ev("released_pardon", "2022")], []),
    ("release with no detention at all", [ev("released_pardon", "2022-01-01")], [("error", "release_without_custody")]),
    ("release with an undated detention is possible", [ev("detained", None), ev("released_pardon", "2022")], []),
    ("release before the first detention",
     [ev("released_pardon", "2020-01-01"), ev("detained", "2021-01-01")], [("error", "release_before_custody")]),
    ("sources disagree: a conflict, not an error",
     [ev("released_pardon", "2020-01-01", sources=frozenset({1})),
      ev("detained", "2021-01-01", sources=frozenset({2}))],
     [("conflict", "release_before_custody")]),
    ("same source contradicting itself is an error",
     [ev("released_pardon", "2020-01-01", sources=frozenset({1})),
      ev("detained", "2021-01-01", sources=frozenset({1}))],
     [("error", "release_before_custody")]),
    ("partial dates that may overlap are fine",
     [ev("detained", "2021-05"), ev("released_other", "2021-05-02")], []),
    ("transfer after death",
     [ev("detained", "2021"), ev("died_in_custody", "2022-03-01"), ev("transferred", "2022-04-01")],
     [("error", "event_after_death")]),
    ("posthumous recognition is fine",
     [ev("detained", "2021"), ev("died_in_custody", "2022-03-01"),
      ev("recognized", "2022-04-01", organization="viasna")], []),
    ("sentence before charge in the same case",
     [ev("detained", "2021-01-01"), ev("sentenced", "2021-02-01", case=7), ev("charged", "2021-03-01", case=7)],
     [("error", "sentence_before_charge")]),
    ("sentence before a charge in another case is fine",
     [ev("detained", "2021-01-01"), ev("sentenced", "2021-02-01", case=7), ev("charged", "2021-03-01", case=8)], []),
    ("transfer while free is a warning", [ev("transferred", "2021-02-01")], [("warning", "outside_custody")]),
]


@pytest.mark.parametrize(("name", "events", "expected"), ISSUE_CASES, ids=[c[0] for c in ISSUE_CASES])
def test_check_timeline(name, events, expected):
    assert [(i.severity, i.code) for i in check_timeline(events)] == expected


def test_issue_messages_name_the_dates():
    [issue] = check_timeline([ev("released_pardon", "2020-01-01"), ev("detained", "2021-01-01")])
    assert "2020-01-01" in issue.message and "2021-01-01" in issue.message


# --- random timelines -----------------------------------------------------------------------

KINDS = list(event_kinds())
days = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 12, 31))
timeline_events = st.builds(
    lambda kind, day, custodial, organization, index: TimelineEvent(
        kind=kind, date=PartialDate.from_date(day), id=index, custodial=custodial, organization=organization),
    st.sampled_from(KINDS), days, st.sampled_from([None, True, False]),
    st.sampled_from(["viasna", "memorial"]), st.integers(0, 10_000),
)
timelines = st.lists(timeline_events, max_size=25, unique_by=lambda e: e.id)


@settings(max_examples=300, deadline=None)
@given(timelines, days)
def test_derived_status_never_contradicts_the_events(events, at):
    derived = derive(events, at)
    intervals = derived.intervals
    # Intervals are ordered, disjoint, and only the last may be open.
    for earlier, later in zip(intervals, intervals[1:], strict=False):
        assert earlier.end is not None and earlier.end <= later.start
    assert all(i.end is None or i.start <= i.end for i in intervals)
    # Every interval starts on the day of an event that can put someone in custody.
    entry_days = {e.day for e in events if event_kinds()[e.kind].custody in ("enter", "house_arrest", "sentence")}
    assert all(i.start in entry_days for i in intervals)
    # Every closed interval ends on the day of an event that can end custody.
    exit_days = {e.day for e in events if event_kinds()[e.kind].custody in ("leave", "sentence")}
    assert all(i.end in exit_days for i in intervals if i.end is not None)
    # Nothing after `at` is used.
    assert all(i.start <= at for i in intervals)
    status = derived.status
    if status.status in IN_CUSTODY_STATUSES:
        assert intervals and intervals[-1].end is None
    if status.status == "died":
        assert any(event_kinds()[e.kind].death and e.day <= at for e in events)
        assert all(i.end is not None for i in intervals)
    if status.status == "released":
        assert intervals and intervals[-1].end is not None
    if status.status in ("unknown", "not_detained"):
        assert not intervals


@settings(max_examples=200, deadline=None)
@given(timelines)
def test_status_at_agrees_with_intervals(events):
    intervals = derive(events).intervals
    for event in events:
        day = event.day
        status = status_at(events, day)
        if status.status in IN_CUSTODY_STATUSES:
            assert in_custody_at(intervals, day)


@settings(max_examples=200, deadline=None)
@given(timelines)
def test_checks_never_crash_and_report_known_codes(events):
    codes = {"release_without_custody", "release_before_custody", "event_after_death",
             "sentence_before_charge", "outside_custody"}
    for issue in check_timeline(events):
        assert issue.code in codes
        assert issue.severity in ("error", "conflict", "warning")
        assert issue.message


def test_an_undated_recognition_counts_from_the_first_dated_event():
    events = [ev("recognized", None, organization="viasna"), ev("detained", "2020-10-02"),
              ev("sentenced", "2022-09-06", custodial=True)]
    assert not is_political_prisoner_at(events, D("2020-10-01"), ["viasna"])
    assert is_political_prisoner_at(events, D("2020-10-02"), ["viasna"])
    assert is_political_prisoner_at(events, D("2025-01-01"), ["viasna"])


def test_custody_since_an_unknown_day_counts_from_the_first_day_the_record_knows():
    """Issue 34, item 2: 11 of 40 real Belarusian prisoners have no arrest date in any public
    source; they are held all the same, from the day their list says so."""
    listed = dt.date(2025, 12, 23)
    events = [ev("detained", None, known_on=listed), ev("recognized", None, organization="viasna")]
    derived = derive(events)
    assert [(i.start, i.end, i.start_known, i.opened_by) for i in derived.intervals] == [
        (listed, None, False, "custody_start_unknown")]
    assert derived.status.status == "in_custody" and derived.status.since is None
    assert derived.term_ends is None  # a term from an unknown first day has no known end
    assert not in_custody_at(derived.intervals, listed - dt.timedelta(days=1))
    assert is_political_prisoner_at(events, listed, ["viasna"])
    assert derive(events, at=listed - dt.timedelta(days=1)).status.status == "unknown"


def test_a_dated_release_ends_custody_since_an_unknown_day():
    events = [ev("detained", None, known_on=D("2026-12-07")), ev("released_pardon", "2025-09-11")]
    derived = derive(events)
    assert [(i.start, i.end, i.start_known) for i in derived.intervals] == [
        (D("2025-09-10"), D("2025-09-11"), False)]
    assert derived.status.status == "released"


def test_an_undated_sentence_to_a_colony_is_serving_since_an_unknown_day():
    events = [ev("sentenced", None, custodial=True), ev("transferred", "2024-03-05")]
    derived = derive(events)
    assert derived.status.status == "serving_sentence" and derived.status.since is None
    assert derived.intervals[0].start == D("2024-03-05") and not derived.intervals[0].start_known
    assert not [issue for issue in check_timeline(events) if issue.code == "outside_custody"]
