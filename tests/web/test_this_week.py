"""/this-week/ and its feeds: hearings, birthdays of people held, terms running out and releases
overdue, each only as the viewer may see it, with bad parameters answered 400."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from politzek.registry import models as m
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def born_on(offset: int, year: int = 1980) -> str:
    target = TODAY + dt.timedelta(days=offset)
    if target.month == 2 and target.day == 29:
        target -= dt.timedelta(days=1)
    return f"{year}-{target.month:02d}-{target.day:02d}"


def sentenced(who: m.Person, on: str, term_days: int) -> None:
    case = m.Case.objects.create(jurisdiction=who.country)
    sentence = m.Sentence.objects.create(case=case, person=who, date=on, kind="colony", term_days=term_days)
    event(who, "sentenced", on, case=case, sentence=sentence)


@pytest.fixture
def registry():
    court = m.Organization.objects.create(code="court-minsk-lenin", name="Leninsky District Court of Minsk",
                                          kind="court")
    colony = m.Facility.objects.create(name="Penal colony No. 4", kind="colony", country="BY",
                                       postal_address="246035, Gomel, Antonava 1, IK-4")
    on_trial = person("Ales Testau", birth_date=born_on(2))
    event(on_trial, "detained", day(-100), facility=colony)
    event(on_trial, "hearing_scheduled", day(3), organization=court, description="courtroom 7")
    event(on_trial, "hearing_scheduled", day(40), organization=court)
    vague = person("Maryna Testava")
    event(vague, "detained", day(-100))
    event(vague, "hearing_scheduled", TODAY.strftime("%Y-%m"))  # a month, not a day: not listed
    secret = person("Zmitser Sakretny")
    event(secret, "detained", day(-100))
    event(secret, "hearing_scheduled", day(2), visibility="restricted")
    freed = person("Pavel Volny", birth_date=born_on(1))
    event(freed, "detained", day(-400))
    event(freed, "released_pardon", day(-10))
    ending = person("Ihar Kanchatak")
    event(ending, "detained", day(-725))
    sentenced(ending, day(-600), 730)  # runs out in five days
    overdue = person("Leanid Pratsermin", birth_date="1975")
    event(overdue, "detained", day(-1000))
    sentenced(overdue, day(-900), 900)  # ran out a hundred days ago
    hidden = person("Hanna Niabachnaya", consent="no", birth_date=born_on(1))
    event(hidden, "detained", day(-30))
    return {"on_trial": on_trial, "secret": secret, "ending": ending, "overdue": overdue, "colony": colony}


def test_the_week_lists_what_is_coming_and_what_is_overdue(client, registry):
    html = client.get("/this-week/").content.decode()
    hearings = html[html.index('id="hearings"'):html.index('id="birthdays"')]
    assert "Ales Testau" in hearings and "Leninsky District Court of Minsk" in hearings and "courtroom 7" in hearings
    assert "Maryna Testava" not in hearings  # only a month is known
    assert "Zmitser Sakretny" not in html  # a restricted hearing
    birthdays = html[html.index('id="birthdays"'):html.index('id="terms"')]
    assert "Ales Testau" in birthdays and "Penal colony No. 4" in birthdays
    assert "Pavel Volny" not in birthdays  # released: no card to a prison
    assert "Hanna Niabachnaya" not in html  # no consent to publication
    terms = html[html.index('id="terms"'):html.index('id="overdue"')]
    assert "Ihar Kanchatak" in terms
    overdue = html[html.index('id="overdue"'):]
    assert "Leanid Pratsermin" in overdue and "Ihar Kanchatak" not in overdue
    # The hearing forty days ahead is in a later week.
    later = client.get("/this-week/", {"from": day(35), "days": 14}).content.decode()
    assert later.count("Leninsky District Court of Minsk") == 1


def test_staff_with_clearance_see_the_restricted_hearing(client, registry):
    client.force_login(staff("rita", "editor", confidential=True))
    assert "Zmitser Sakretny" in client.get("/this-week/").content.decode()


def test_one_country(client, registry):
    other = person("Ivan Testov", country="RU")
    event(other, "detained", day(-10))
    event(other, "hearing_scheduled", day(1))
    assert "Ivan Testov" not in client.get("/this-week/", {"country": "BY"}).content.decode()
    russia = client.get("/this-week/", {"country": "ru"}).content.decode()
    assert "Ivan Testov" in russia and "Ales Testau" not in russia


@pytest.mark.parametrize(("params", "named"), [({"country": "Belarus"}, "country=BELARUS"),
                                               ({"from": "next week"}, "from=next week"),
                                               ({"days": "400"}, "days=400"), ({"days": "0"}, "days=0")])
def test_bad_parameters_are_400_naming_the_value(client, registry, params, named):
    for path in ("/this-week/", "/this-week.ics"):
        response = client.get(path, params)
        assert response.status_code == 400
        assert named in response.content.decode()


def test_the_calendar_holds_the_coming_weeks(client, registry):
    response = client.get("/this-week.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {(str(e["summary"]), e["dtstart"].dt) for e in calendar.walk("VEVENT")}
    assert ("Court hearing: Ales Testau", TODAY + dt.timedelta(days=3)) in events
    assert ("Court hearing: Ales Testau", TODAY + dt.timedelta(days=40)) in events  # eight weeks ahead
    assert ("Term runs out: Ihar Kanchatak", TODAY + dt.timedelta(days=5)) in events
    age = (TODAY + dt.timedelta(days=2)).year - 1980
    assert any(summary == f"Birthday in custody: Ales Testau turns {age}" for summary, _day in events)
    assert not any("Sakretny" in summary or "Niabachnaya" in summary for summary, _day in events)
    hearing = next(e for e in calendar.walk("VEVENT") if e["dtstart"].dt == TODAY + dt.timedelta(days=3))
    assert "courtroom 7" in str(hearing["description"])
    assert str(hearing["url"]).endswith(f"/people/{registry['on_trial'].pk}/")


def test_the_calendar_in_russian(client, registry):
    calendar = icalendar.Calendar.from_ical(client.get("/ru/this-week.ics").content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Судебное заседание: Ales Testau" in summaries


def test_the_atom_feeds(client, registry):
    week = client.get("/this-week.atom").content.decode()
    assert "Ales Testau" in week and "Ihar Kanchatak" in week and "Sakretny" not in week
    own = client.get(f"/people/{registry['on_trial'].pk}/feed.atom")
    assert own.status_code == 200 and "Hearing scheduled" in own.content.decode()
    # A restricted person's feed is answered like a missing one.
    registry["on_trial"].visibility = "restricted"
    registry["on_trial"].save()
    assert client.get(f"/people/{registry['on_trial'].pk}/feed.atom").status_code == 404
    secret = client.get(f"/people/{registry['secret'].pk}/feed.atom").content.decode()
    assert "Hearing scheduled" not in secret  # the restricted event of a public person


def test_the_person_page_links_to_their_feed(client, registry):
    html = client.get(f"/people/{registry['ending'].pk}/").content.decode()
    assert f"/people/{registry['ending'].pk}/feed.atom" in html


def test_a_long_page_opens_with_its_counts_and_links_to_its_sections(client, registry):
    """/this-week/ ran to 14 phone screens, a facility page 17, /accountability/ 38, with no
    counts at the top: each opens with a summary whose links reach its sections."""
    import re

    for path in ("/this-week/", "/ru/this-week/", f"/facilities/{m.Facility.objects.first().pk}/", "/accountability/"):
        html = client.get(path).content.decode()
        summary = re.search(r'<nav id="summary"[^>]*>(.*?)</nav>', html, re.S)
        assert summary, path
        for anchor in re.findall(r'href="#([\w-]+)"', summary.group(1)):
            assert f'id="{anchor}"' in html, (path, anchor)
    week = client.get("/this-week/").content.decode()
    summary = re.search(r'<nav id="summary"[^>]*>(.*?)</nav>', week, re.S).group(1)
    hearings = week.split('id="hearings"')[1].split("<h2")[0].count("<li>")
    assert f"Court hearings: {hearings}</a>" in summary and hearings >= 1


def test_courts_and_places_in_the_pages_script(client, registry):
    """A Russian reader's week names the court and the colony by their local names, in the page,
    the feed and the calendar; an English reader's by the English ones."""
    court = m.Organization.objects.get(code="court-minsk-lenin")
    court.name_local = "Суд Ленинского района г. Минска"
    court.save()
    colony = m.Facility.objects.get(name="Penal colony No. 4")
    colony.name_local, colony.town_local = "ИК-4", "г. Гомель"
    colony.save()
    russian = client.get("/ru/this-week/").content.decode()
    assert "Суд Ленинского района г. Минска" in russian and "Leninsky District Court" not in russian
    assert "ИК-4, г. Гомель" in russian and "Penal colony No. 4" not in russian
    calendar = client.get("/ru/this-week.ics").content.decode()
    assert "Суд Ленинского района" in calendar.replace("\r\n ", "")
    assert "Leninsky District Court of Minsk" in client.get("/this-week/").content.decode()
