"""Stock and flows on a real database, against figures computed by hand; then random
registries checked against status.py person by person."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politzek.flows.figures import Scope, compute
from politzek.flows.refresh import refresh
from politzek.registry import models as m
from politzek.registry.status import is_political_prisoner_at
from politzek.registry.timeline import timeline_events
from tests.flows.conftest import FIRST, LAST, timeline
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def flows(series):
    return [(p.stock_start, dict(p.entries), dict(p.exits), p.stock_end, p.imprecise) for p in series]


def test_weekly_figures_match_the_hand_count(registry):
    figures = compute(Scope(country="BY"), FIRST, LAST, "week")
    assert flows(figures.political) == [
        (3, {"recognized": 1}, {"released_pardon": 1}, 3, 1),  # D in (imprecise), A pardoned
        (3, {"recognized": 1}, {"died_in_custody": 1}, 3, 0),  # B recognized the day after detention, H died
    ]
    assert flows(figures.custody) == [
        (5, {}, {"released_pardon": 1}, 4, 0),
        (4, {"detained": 1}, {"released_end_of_term": 1, "died_in_custody": 1}, 3, 0),
    ]
    assert figures.events[0] == {"released_pardon": 1, "recognized": 1}
    assert figures.events[1] == {"detained": 1, "recognized": 1, "released_end_of_term": 1, "died_in_custody": 1}
    assert figures.undated == {"detained": 1, "sentenced": 1}
    assert figures.aggregates == [(1, 30), (0, 0)]  # beside the person-level figures, never in them
    door = figures.door
    assert (door.released, door.new, door.net) == (1, 2, 0)
    assert door.median_days_in_custody_of_released == (D("2025-12-03") - D("2025-06-01")).days


def test_chosen_organizations(registry):
    viasna = compute(Scope(country="BY", organizations=("viasna",)), FIRST, LAST, "week")
    assert [(p.stock_start, p.stock_end) for p in viasna.political] == [(2, 2), (2, 2)]  # C is Memorial's only
    both = compute(Scope(country="BY", organizations=("viasna", "memorial")), FIRST, LAST, "week")
    anyone = compute(Scope(country="BY"), FIRST, LAST, "week")
    assert flows(both.political) == flows(anyone.political)
    assert both.events[0]["recognized"] == 1 and viasna.events[1]["recognized"] == 1


def test_a_monthly_report_sums_the_weeks_and_a_release_dated_to_the_month_counts_on_its_first_day(registry):
    timeline(registry["C"], ("released_exchange", "2025-12"))
    month = compute(Scope(country="BY"), FIRST, D("2025-12-31"), "month")
    [december] = month.political
    assert (december.stock_start, december.stock_end) == (3, 2)
    assert december.exits == {"released_pardon": 1, "released_exchange": 1, "died_in_custody": 1}
    assert december.imprecise == 2  # D's recognition and C's release
    weeks = compute(Scope(country="BY"), D("2025-11-24"), D("2025-12-07"), "week")
    assert weeks.political[1].exits["released_exchange"] == 1  # 1 December is in the week of 1-7 December
    assert weeks.political[0].exits == {}


def test_changes_after_a_report_reach_the_next_one(registry):
    compute(Scope(country="BY"), FIRST, LAST, "week")
    timeline(registry["C"], ("released_pardon", "2025-12-05"))
    registry["B"].delete()
    figures = compute(Scope(country="BY"), FIRST, LAST, "week")
    assert flows(figures.political) == [
        (3, {"recognized": 1}, {"released_pardon": 2}, 2, 1),
        (2, {}, {"died_in_custody": 1}, 1, 0),
    ]
    assert refresh().people == 0  # nothing changed since: nothing re-derived


def test_breakdowns_of_the_stock_at_the_end(registry):
    registry["C"].region, registry["C"].gender = "Minsk", "female"
    registry["C"].save()
    figures = compute(Scope(country="BY"), FIRST, LAST, "week", breakdowns=["region", "gender", "age"])
    assert figures.breakdowns["region"] == {"Minsk": 1, "unknown": 2}
    assert figures.breakdowns["gender"]["female"] == 1


def test_filters_by_tag_and_region(registry):
    journalist = m.Tag.objects.create(code="journalist", label="Journalist")
    registry["A"].tags.add(journalist)
    registry["C"].tags.add(journalist)
    figures = compute(Scope(country="BY", tag="journalist"), FIRST, LAST, "week")
    assert flows(figures.political) == [(2, {}, {"released_pardon": 1}, 1, 0), (1, {}, {}, 1, 0)]


KINDS = ["detained", "recognized", "released_pardon", "released_end_of_term", "sentenced", "recognition_withdrawn",
         "house_arrest", "died_in_custody"]
people = st.lists(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 120), st.sampled_from(["viasna",
                                                                                                 "memorial"])),
                           min_size=1, max_size=6), min_size=1, max_size=5)


# The profile's suppressed health checks (tests/conftest.py) plus the fixture one.
@settings(max_examples=15, deadline=None,
          suppress_health_check=[*settings().suppress_health_check, HealthCheck.function_scoped_fixture])
@given(people, st.integers(0, 100), st.sampled_from(["day", "week", "month"]))
def test_random_registries_agree_with_status_person_by_person(db, timelines, start_offset, granularity):
    m.Person.objects.all().delete()
    day0 = D("2025-01-01")
    for events in timelines:
        who = person()
        for kind, offset, org in events:
            day = day0 + dt.timedelta(days=offset)
            event(who, kind, day.isoformat(), organization=organization(org) if "recogni" in kind else None)
    first = day0 + dt.timedelta(days=start_offset)
    figures = compute(Scope(country="BY"), first, first + dt.timedelta(days=40), granularity)
    histories = [timeline_events(m.Event.objects.filter(person=p)) for p in m.Person.objects.all()]
    for period in figures.political:
        expected = sum(is_political_prisoner_at(h, period.period.last) for h in histories)
        assert period.stock_end == expected
        before = period.period.first - dt.timedelta(days=1)
        assert period.stock_start == sum(is_political_prisoner_at(h, before) for h in histories)
        assert period.stock_end == period.stock_start + sum(period.entries.values()) - sum(period.exits.values())


def test_a_renamed_organization_code_reaches_the_next_report(registry):
    assert compute(Scope(country="BY", organizations=("viasna",)), FIRST, LAST, "week").political[0].stock_start == 2
    m.Organization.objects.filter(code="viasna").update(code="spring96")
    renamed = compute(Scope(country="BY", organizations=("spring96",)), FIRST, LAST, "week")
    assert renamed.political[0].stock_start == 2
