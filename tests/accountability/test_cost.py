"""The automatic-cost rules on crafted timelines: which cases count, the proposals each makes
and the cost index, every value worked out by hand in the comments."""

import dataclasses
import datetime as dt

import pytest

from politzek.accountability.cost import (
    CostInputs,
    CountedEvent,
    FacilityEvent,
    FacilityHead,
    RecognitionRow,
    Release,
    compute_cost,
    recognized_people,
)
from politzek.accountability.policy import default_policy

D = dt.date
POLICY = default_policy()
JUDGE, PROSECUTOR, APPEAL_JUDGE, INVESTIGATOR, HEAD = 1, 2, 3, 4, 5
ALL = ("CA", "EU", "UK", "US")


def _rec(person, day, kind="recognized", org="viasna", org_kind="human_rights"):
    return RecognitionRow(person, org, org_kind, kind, day)


def _inputs(**changes):
    """Two Belarusian cases: case 10 (person 100, recognized) detained 2025-01-06 (a Monday)
    and sentenced 2025-03-03 to 4 years; case 20 (person 200, never recognized) detained the
    same week. Case 10 had a judge, a prosecutor and an appeal judge; case 20 the same judge."""
    base = CostInputs(
        cases={10: "BY", 20: "BY"},
        defendants={10: {100}, 20: {200}},
        recognitions=[_rec(100, D(2025, 2, 1))],
        events=[CountedEvent(1, 100, "detained", D(2025, 1, 6), 10),
                CountedEvent(2, 100, "sentenced", D(2025, 3, 3), 10, custodial_days=1461),
                CountedEvent(3, 100, "recognized", D(2025, 2, 1), None),
                CountedEvent(4, 200, "detained", D(2025, 1, 7), 20)],
        case_officials=[(10, JUDGE, "judge_first_instance"), (10, PROSECUTOR, "prosecutor"),
                        (10, APPEAL_JUDGE, "judge_appeal"), (20, JUDGE, "judge_first_instance")],
    )
    return dataclasses.replace(base, **changes)


def _proposals(result):
    return {(p.official_id, p.authority): [e.key for e in p.evidence] for p in result.proposals}


def test_a_recognized_case_proposes_each_of_its_officials_to_each_authority():
    result = compute_cost(_inputs(), POLICY, today=D(2025, 3, 10))
    assert [c.case_id for c in result.cases] == [10]  # case 20 has no recognized defendant
    assert result.cases[0].new and result.cases[0].first_day == D(2025, 1, 6)
    assert _proposals(result) == {(official, authority): ["case:10"]
                                  for official in (JUDGE, PROSECUTOR, APPEAL_JUDGE) for authority in ALL}


def test_an_official_already_listed_gets_no_proposal_to_that_authority():
    result = compute_cost(_inputs(listed={(JUDGE, "EU"), (PROSECUTOR, "US")}), POLICY, today=D(2025, 3, 10))
    proposals = _proposals(result)
    assert (JUDGE, "EU") not in proposals and (JUDGE, "UK") in proposals
    assert (PROSECUTOR, "US") not in proposals and (PROSECUTOR, "EU") in proposals


def test_with_every_case_counting_the_unrecognized_case_adds_evidence():
    policy = dataclasses.replace(POLICY, political_when="any")
    result = compute_cost(_inputs(), policy, today=D(2025, 3, 10))
    assert _proposals(result)[(JUDGE, "EU")] == ["case:10", "case:20"]
    assert result.proposals[0].official_id == JUDGE  # most evidence first


def test_a_withdrawn_recognition_takes_the_case_out():
    withdrawn = [_rec(100, D(2025, 2, 1)), _rec(100, D(2025, 6, 1), kind="recognition_withdrawn")]
    assert recognized_people(withdrawn, "human_rights") == set()
    # recognized again later by the same group, or by another one: in force
    assert recognized_people([*withdrawn, _rec(100, D(2025, 9, 1))], "human_rights") == {100}
    assert recognized_people([*withdrawn, _rec(100, D(2025, 1, 1), org="memorial")], "human_rights") == {100}
    # a statement by a state body is not a recognition
    assert recognized_people([_rec(100, D(2025, 1, 1), org_kind="state")], "human_rights") == set()
    result = compute_cost(_inputs(recognitions=withdrawn), POLICY, today=D(2025, 9, 1))
    assert result.cases == [] and result.proposals == []


def test_the_period_keeps_only_cases_with_events_in_it():
    # Only the sentence (2025-03-03) falls after 2025-03-01: the case is not new, but counts.
    result = compute_cost(_inputs(), POLICY, since=D(2025, 3, 1), today=D(2025, 3, 10))
    [case] = result.cases
    assert not case.new and case.events_in_period == ("sentenced",)
    assert result.proposals[0].evidence[0].day == D(2025, 3, 3)
    assert compute_cost(_inputs(), POLICY, since=D(2025, 4, 1), today=D(2025, 5, 1)).proposals == []


def test_the_index_grows_with_each_case_and_each_year_of_sentence():
    result = compute_cost(_inputs(), POLICY, today=D(2025, 3, 10))
    weeks = {w.week: w for w in result.index["BY"]}
    # 2025-01-06: the new case, 1 point; 2025-03-03: 4 years (1461 days) x 0.25 = 1 point more.
    assert weeks[D(2025, 1, 6)].value == 1.0 and weeks[D(2025, 1, 6)].new_cases == 1
    assert weeks[D(2025, 2, 24)].value == 1.0
    assert weeks[D(2025, 3, 3)].value == 2.0
    assert max(weeks) == D(2025, 3, 10)


def test_releases_do_not_lower_the_index_by_default_and_do_with_a_credit():
    releases = [Release(100, D(2025, 3, 12), "BY", bought=True)]
    result = compute_cost(_inputs(releases=releases), POLICY, today=D(2025, 3, 20))
    assert result.index["BY"][-1].value == 2.0
    credited = dataclasses.replace(POLICY, index=dataclasses.replace(POLICY.index, release_credit_bought=0.5))
    result = compute_cost(_inputs(releases=releases), credited, today=D(2025, 3, 20))
    weeks = {w.week: w for w in result.index["BY"]}
    assert weeks[D(2025, 3, 10)].released_off == 0.5 and result.index["BY"][-1].value == 1.5
    # an unbought release takes the other credit (0 here)
    unbought = [Release(100, D(2025, 3, 12), "BY", bought=False)]
    assert compute_cost(_inputs(releases=unbought), credited, today=D(2025, 3, 20)).index["BY"][-1].value == 2.0


def test_the_index_falls_only_after_the_quiet_weeks():
    # The last counted event is in the week of 2025-03-03 (value 2). The default policy waits
    # 26 quiet weeks, then takes 2% a week: 27 weeks after, 2 x 0.98 = 1.96; 28 weeks, 1.9208.
    result = compute_cost(_inputs(), POLICY, today=D(2025, 3, 3) + dt.timedelta(weeks=28))
    values = [w.value for w in result.index["BY"]]
    start = [w.week for w in result.index["BY"]].index(D(2025, 3, 3))
    assert values[start + 26] == 2.0 and not result.index["BY"][start + 26].quiet
    assert values[start + 27] == 1.96 and result.index["BY"][start + 27].quiet
    assert values[start + 28] == 1.9208


def test_a_new_case_ends_the_quiet_fall():
    later = CountedEvent(5, 100, "detained", D(2026, 1, 5), 30)
    inputs = _inputs(cases={10: "BY", 20: "BY", 30: "BY"}, defendants={10: {100}, 20: {200}, 30: {100}},
                     events=[*_inputs().events, later], case_officials=[(30, INVESTIGATOR, "investigator")])
    result = compute_cost(inputs, POLICY, today=D(2026, 1, 12))
    weeks = {w.week: w for w in result.index["BY"]}
    before = weeks[D(2025, 12, 29)].value
    assert before < 2.0 and weeks[D(2026, 1, 5)].value == round(before + 1.0, 4)
    assert not weeks[D(2026, 1, 12)].quiet
    assert _proposals(result) == {(INVESTIGATOR, a): ["case:30"] for a in ALL}


def test_torture_at_a_facility_names_its_head_then():
    events = [FacilityEvent(9, 100, "torture_reported", D(2025, 5, 5), 77, "BY"),
              FacilityEvent(8, 100, "torture_reported", D(2023, 1, 2), 77, "BY")]
    heads = [FacilityHead(HEAD, 77, "prison_head", D(2024, 1, 1), None),
             FacilityHead(6, 77, "prison_head", D(2020, 1, 1), D(2023, 12, 31))]
    result = compute_cost(_inputs(facility_events=events, facility_heads=heads), POLICY, today=D(2025, 5, 10))
    proposals = _proposals(result)
    assert proposals[(HEAD, "EU")] == ["event:9"] and proposals[(6, "EU")] == ["event:8"]
    weeks = {w.week: w for w in result.index["BY"]}
    assert weeks[D(2025, 5, 5)].added == 2.0  # per_facility_event
    nobody = compute_cost(_inputs(facility_events=events[:1]), POLICY, today=D(2025, 5, 10))
    assert [e.event_id for e in nobody.facility_events_without_head] == [9]


def test_a_torture_report_about_someone_not_recognized_does_not_count():
    events = [FacilityEvent(9, 200, "torture_reported", D(2025, 5, 5), 77, "BY")]
    heads = [FacilityHead(HEAD, 77, "prison_head", None, None)]
    result = compute_cost(_inputs(facility_events=events, facility_heads=heads), POLICY, today=D(2025, 5, 10))
    assert (HEAD, "EU") not in _proposals(result)


@pytest.mark.parametrize("role, proposed", [("judge_cassation", True), ("investigator", True), ("other", False)])
def test_which_roles_the_policy_names(role, proposed):
    result = compute_cost(_inputs(case_officials=[(10, 9, role)]), POLICY, today=D(2025, 3, 10))
    assert ((9, "EU") in _proposals(result)) is proposed
