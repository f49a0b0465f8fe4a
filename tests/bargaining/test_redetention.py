"""A man freed in a deal and taken back to prison that day: Mikola Statkevich, released with 51
others on 11 September 2025, refused deportation at the Lithuanian border and was returned to
the colony in Hlybokaye a few hours later (issue 34, items 3 and 7). Every fact below keeps
its published source; nothing else is said of him. Expected answers, from the sources:
- his status after that day is "in custody" (the release came first, then the re-detention),
  with a custody spell closed by the pardon on 2025-09-11 and another opened that day;
- the deal's impact counts his return to prison as no new arrest (one person taken back);
- its report says so in words."""

from __future__ import annotations

import datetime as dt

import pytest

from politzek.bargaining.impact import deal_impact
from politzek.bargaining.impact_report import window_sentences
from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import derive
from politzek.registry.timeline import timeline_events

pytestmark = pytest.mark.django_db

PRAVDA = "https://www.pravda.com.ua/eng/news/2025/09/15/7530947/"  # arrested May 2020; back in the colony
BABEL = ("https://babel.ua/en/news/125067-belarusian-political-prisoner-statkevich-released-from-prison-"
         "he-suffered-a-stroke")  # pardoned 11 Sept 2025, detained hours later; released home, reported 19 Feb 2026
ALJAZEERA = "https://www.aljazeera.com/news/2025/9/16/belarus-pardons-25-more-prisoners-under-us-pressure"


@pytest.fixture
def statkevich():
    sources = {url: m.Source.objects.create(url=url, publisher=publisher) for url, publisher in (
        (PRAVDA, "Ukrainska Pravda"), (BABEL, "Babel"), (ALJAZEERA, "Al Jazeera"))}
    deal = m.Deal.objects.create(name="Belarus release of 11 September 2025", date=PartialDate.parse("2025-09-11"),
                                 kind="concession_release", parties=["BY", "US"])
    deal.sources.add(sources[ALJAZEERA])
    who = m.Person.objects.create(country="BY", visibility="public", consent="unknown")
    who.names.create(name="Мікола Статкевіч", language="be", script="Cyrl", is_primary=True)
    who.names.create(name="Mikola Statkevich", language="en", script="Latn")
    m.DealRelease.objects.create(deal=deal, person=who, direction="released_by_regime")
    for kind, date, source, extra in (("detained", "2020-05", PRAVDA, {}),
                                      ("released_pardon", "2025-09-11", BABEL, {"deal": deal}),
                                      ("detained", "2025-09-11", BABEL, {}),
                                      ("released_other", "2026-02", BABEL, {})):
        m.Event.objects.create(person=who, kind=kind, date=date, **extra).sources.add(sources[source])
    return who, deal


def test_freed_and_taken_back_the_same_day_is_held(statkevich):
    who, _deal = statkevich
    derived = derive(timeline_events(who.events.all()), at=dt.date(2025, 12, 1))
    assert (derived.status.status, derived.status.since) == ("pretrial_custody", dt.date(2025, 9, 11))
    assert [(i.start, i.end, i.closed_by) for i in derived.intervals] == [
        (dt.date(2020, 5, 1), dt.date(2025, 9, 11), "released_pardon"), (dt.date(2025, 9, 11), None, None)]
    later = derive(timeline_events(who.events.all()))
    assert later.status.status == "released" and later.status.since == dt.date(2026, 2, 1)


def test_the_deals_impact_counts_no_new_arrest_for_him(statkevich):
    _who, deal = statkevich
    impact = deal_impact(deal, windows=(4, 12), today=dt.date(2026, 1, 31))
    for window in impact.windows:
        assert window.redetained == 1
        assert window.detentions.after == 0  # his return to prison is no new arrest
        assert window.as_dict()["released_by_the_deal_and_taken_back"] == 1
        text = " ".join(window_sentences(window))
        assert "1 person the deal released was taken back into custody: not counted as new" in text


def test_an_empty_window_is_said_to_be_empty_not_the_start_of_the_records(statkevich):
    _who, deal = statkevich
    # Asked after his release home (February 2026) is recorded: the registry then has data
    # after the window. Records begin in May 2020; nothing is recorded in the four weeks before.
    window = deal_impact(deal, windows=(4,), today=dt.date(2026, 3, 1)).windows[0]
    text = " ".join(window_sentences(window))
    assert "no event is recorded in this country in the 4 weeks before the deal (2025-08-14 to 2025-09-10)" in text
    assert "records in this country begin" not in text
