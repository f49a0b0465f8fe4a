"""Deal impact on a hand-built timeline whose rate ratios, stock and releases are counted by
hand in the comments."""

import datetime as dt

import pytest

from politzek.bargaining.impact import ImpactError, deal_impact
from politzek.bargaining.impact_report import released_sentences, window_sentences
from politzek.bargaining.price import deal_prices, trend
from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db

DEAL_DAY = dt.date(2025, 3, 3)
LATER = dt.date(2026, 1, 1)


def _held(name, detained, recognized=None, **fields):
    who = person(name, **fields)
    event(who, "detained", detained)
    if recognized:
        event(who, "recognized", recognized, organization=organization("viasna", kind="human_rights"))
    return who


@pytest.fixture
def deal():
    deal = m.Deal.objects.create(name="Test deal", date=PartialDate.parse(DEAL_DAY.isoformat()),
                                 kind="concession_release", parties=["BY", "US"])
    # Held since 2024 and recognized: five political prisoners; three freed by the deal.
    old = [_held(f"Old {i}", "2024-05-01", "2024-06-01", citizenships=["DE"] if i == 1 else ["BY"])
           for i in range(1, 6)]
    unrecognized = _held("Not recognized", "2024-06-01")
    case = m.Case.objects.create(jurisdiction="BY", case_number="1-1/2024")
    m.Charge.objects.create(case=case, person=unrecognized, code_system="BY-CC", article="139", label="murder")
    for who, destination in ((old[0], "LT"), (old[1], "LT"), (old[2], "BY"), (unrecognized, "LT")):
        event(who, "released_pardon", DEAL_DAY.isoformat(), deal=deal)
        m.DealRelease.objects.create(deal=deal, person=who, direction="released_by_regime",
                                     destination_country=destination)
    m.DealRelease.objects.create(deal=deal, name_as_listed="Someone not in the registry",
                                 direction="released_by_regime", destination_country="LT")
    m.DealRelease.objects.create(deal=deal, name_as_listed="An agent handed back", direction="returned_to_regime",
                                 destination_country="BY")
    # Four detained in the four weeks before (two recognized before the deal) ...
    for i, day in enumerate(("2025-02-05", "2025-02-10", "2025-02-15", "2025-02-20")):
        _held(f"Before {i}", day, "2025-02-25" if i < 2 else None)
    # ... and eight in the four weeks after (six recognized within them).
    for i, day in enumerate(("2025-03-05", "2025-03-07", "2025-03-10", "2025-03-12", "2025-03-15", "2025-03-18",
                             "2025-03-22", "2025-03-26")):
        _held(f"After {i}", day, "2025-03-28" if i < 6 else None)
    _held("Elsewhere", "2025-03-05", "2025-03-06", country="RU")  # another country's timeline
    return deal


def test_four_weeks_around_the_deal(deal):
    impact = deal_impact(deal, windows=(4,), today=LATER)
    assert impact.country == "BY"  # where those released were held
    [window] = impact.windows
    assert (window.before.first, window.before.last) == (dt.date(2025, 2, 3), dt.date(2025, 3, 2))
    assert (window.after.first, window.after.last) == (DEAL_DAY, dt.date(2025, 3, 30))
    assert window.complete
    assert (window.detentions.after, window.detentions.before) == (8, 4)
    assert window.detentions.ratio == pytest.approx(2.0)
    assert (window.recognitions.after, window.recognitions.before) == (6, 2)
    assert window.recognitions.ratio == pytest.approx(3.0)
    # Political prisoners the day before: five old and two recognized before; after: less three, plus six.
    assert (window.stock_before_deal, window.stock_after, window.net_change) == (7, 10, 3)
    assert (window.released, window.new) == (3, 6)  # for every 3 released, 6 new


def test_a_longer_window_holds_the_same_events_over_more_days(deal):
    [window] = deal_impact(deal, windows=(12,), today=LATER).windows
    assert window.detentions.ratio == pytest.approx(2.0) and window.detentions.before_days == 84


def test_an_after_window_cut_by_today_compares_rates(deal):
    [window] = deal_impact(deal, windows=(4,), today=DEAL_DAY + dt.timedelta(days=13)).windows
    assert not window.complete and window.detentions.after_days == 14
    assert window.detentions.after == 5  # detained 5, 7, 10, 12 and 15 March
    assert window.detentions.ratio == pytest.approx((5 / 14) / (4 / 28))


def test_a_registry_whose_records_stop_gives_no_rate_ratio(deal):
    """The hand-built registry's last event is on 28 March: 4 weeks after the deal are covered;
    12 weeks are not (6 events in the 12 weeks before, one a fortnight: data is taken to stop
    after 6 weeks of silence), and a rate ratio there would be a "clear fall" of missing data."""
    four, twelve = deal_impact(deal, windows=(4, 12), today=LATER).windows
    assert four.coverage.enough and four.as_dict()["new_detentions"]["after"] == 8
    assert twelve.coverage.events_before == 6 and twelve.coverage.last_recorded == dt.date(2025, 3, 28)
    assert twelve.coverage.enough_before and not twelve.coverage.enough_after
    assert twelve.as_dict()["new_detentions"] is None and twelve.as_dict()["new_recognitions"] is None
    text = "\n".join(window_sentences(twelve))
    assert "not enough data after the deal" in text and "2025-03-28" in text and "new detentions" not in text
    # The deal's own releases are no data after it: a release dated later changes nothing.
    event(m.Person.objects.get(names__name="Old 4"), "released_pardon", "2025-05-20", deal=deal)
    assert not deal_impact(deal, windows=(12,), today=LATER).windows[0].coverage.enough_after


def test_a_registry_that_begins_after_the_window_starts_gives_no_rate_ratio():
    deal = m.Deal.objects.create(name="Early deal", date=PartialDate.parse("2025-03-03"), kind="amnesty",
                                 parties=["BY"])
    for day in ("2025-02-25", "2025-03-01", "2025-03-10", "2025-03-20", "2025-03-29"):
        _held(f"Held {day}", day)
    [window] = deal_impact(deal, windows=(4,), today=LATER).windows
    assert window.coverage.enough_after and not window.coverage.enough_before
    assert "not enough data before the deal" in "\n".join(window_sentences(window))


def test_who_was_released(deal):
    released = deal_impact(deal, windows=(4,), today=LATER).released
    assert (released.by_regime, released.recognized, released.not_recognized, released.not_in_registry) == (5, 3, 1, 1)
    assert released.foreign_citizens == 1 and released.charged_with_violence == 1
    assert released.sent_abroad == 4 and dict(released.destinations) == {"LT": 4, "BY": 1}
    assert released.returned_to_regime == 1
    assert released_sentences(deal_impact(deal, windows=(4,), today=LATER))[-1] == (
        "1 person returned to the regime in exchange")


def test_only_the_chosen_organizations_make_a_release_political(deal):
    released = deal_impact(deal, windows=(4,), organizations=("memorial",), today=LATER).released
    assert released.recognized == 0 and released.not_recognized == 4


def test_a_deal_without_a_date_or_in_the_future_has_no_impact(deal):
    undated = m.Deal.objects.create(name="Undated", kind="amnesty")
    with pytest.raises(ImpactError, match="no date"):
        deal_impact(undated)
    with pytest.raises(ImpactError, match="after today"):
        deal_impact(deal, today=DEAL_DAY - dt.timedelta(days=1))


def _priced(name, day, value, freed):
    deal = m.Deal.objects.create(name=name, date=PartialDate.parse(day), kind="concession_release",
                                 parties=["BY", "US"])
    if value is None:
        m.Concession.objects.create(deal=deal, kind="official_visit", description="a visit")
    else:
        m.Concession.objects.create(deal=deal, kind="sanctions_relief", description="relief",
                                    estimated_value_usd=value, program="airline sanctions")
    for i in range(freed):
        who = _held(f"{name} {i}", "2023-01-01", "2023-02-01")
        m.DealRelease.objects.create(deal=deal, person=who, direction="released_by_regime")
    return deal


def test_the_price_per_political_prisoner_deal_after_deal():
    _priced("first", "2025-01-10", 10_000_000, 2)
    _priced("visit", "2025-04-10", None, 1)
    _priced("second", "2025-09-11", 60_000_000, 3)
    prices = deal_prices()
    assert [p.deal.name for p in prices] == ["first", "visit", "second"]
    assert [p.usd_per_prisoner for p in prices] == [5_000_000, None, 20_000_000]
    assert dict(prices[1].unvalued) == {"official_visit": 1}
    assert trend(prices) == "too few priced deals to tell (2 of the 3 needed)"  # two prices are no trend
    _priced("third", "2025-12-13", 123_000_000, 3)
    assert trend(deal_prices()) == "rising with every deal"
    assert deal_prices(country="RU") == []
