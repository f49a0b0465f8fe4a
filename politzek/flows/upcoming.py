"""What is coming in a span of days, as a viewer may see it: hearings scheduled, birthdays of
people held (a card is what readers send), terms running out, and releases overdue — people
still recorded as held after their term ran out, the sign of new charges (or of a release
nobody recorded). Read by /this-week/, its iCalendar and Atom feeds.

Terms are read from the Listing table (flows/listing.py: status.term_ends per clearance), so
"overdue" is an indexed query, not a derivation of every timeline per request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from politzek.flows.models import Listing
from politzek.flows.refresh import refresh
from politzek.names.script_order import in_page_script, names_for_page
from politzek.registry.models import Event, Facility, Person, PersonName
from politzek.registry.partial_date import Precision
from politzek.registry.status import IN_CUSTODY_STATUSES
from politzek.registry.visibility import Viewer, visible_events, visible_people

# Past this many entries a section says how many more there are instead of listing them.
LIMIT = 200


@dataclass(frozen=True)
class Entry:
    """One thing coming (or overdue) for one person."""

    kind: str  # hearing | birthday | term_ends | overdue
    day: dt.date
    person_id: int
    names: tuple[str, ...]
    country: str
    synthetic: bool
    age: int | None = None  # birthdays: the age reached that day
    court: str = ""  # hearings
    court_local: str = ""  # hearings: the court's local name (shown on Cyrillic pages)
    note: str = ""  # hearings: room, judge, what the hearing is
    case_id: int | None = None
    event_id: int | None = None
    facility: Facility | None = None  # where a letter or card reaches them
    status: str = ""

    @property
    def name(self) -> str:
        """The name the page's language reads first (Cyrillic on /ru/, Latin on the English page)."""
        return names_for_page(self.names)[0]

    @property
    def court_name(self) -> str:
        """The court as the page's language reads it (its local name on Cyrillic pages)."""
        return in_page_script(self.court, self.court_local)


@dataclass
class Upcoming:
    start: dt.date
    end: dt.date  # the first day after the span
    today: dt.date
    country: str
    hearings: list[Entry] = field(default_factory=list)
    birthdays: list[Entry] = field(default_factory=list)
    terms_ending: list[Entry] = field(default_factory=list)
    overdue: list[Entry] = field(default_factory=list)
    overdue_total: int = 0

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days)]

    def entries(self) -> list[Entry]:
        """Everything dated inside the span, by day (the feeds' order)."""
        return sorted(self.hearings + self.birthdays + self.terms_ending, key=lambda e: (e.day, e.kind, e.name))


def upcoming(start: dt.date, days: int, viewer: Viewer, country: str = "", today: dt.date | None = None,
             limit: int = LIMIT) -> Upcoming:
    today = today or dt.date.today()
    refresh()  # the listing's statuses and terms must be those of the current data
    end = start + dt.timedelta(days=days)
    result = Upcoming(start=start, end=end, today=today, country=country)
    people = visible_people(Person.objects.all(), viewer)
    if country:
        people = people.filter(country=country)
    # The listing knows who this clearance may see, their country and birthday: no join with
    # the people table for the thousands held.
    held = Listing.objects.filter(clearance=int(viewer.clearance), visible=True, status__in=IN_CUSTODY_STATUSES)
    if country:
        held = held.filter(country=country)
    hearings = _hearings(start, end, viewer, people, limit)
    birthdays = _birthdays(start, end, held, limit)
    ending_rows = held.filter(term_ends__gte=start, term_ends__lt=end).order_by("term_ends", "person_id")
    ending = [(row.term_ends, row.person_id, row.status) for row in ending_rows[:limit]]
    overdue_rows = held.filter(term_ends__lt=today)
    result.overdue_total = overdue_rows.count()
    overdue = [(row.term_ends, row.person_id, row.status)
               for row in overdue_rows.order_by("term_ends", "person_id")[:limit]]

    ids = {entry[1] for entry in hearings} | {entry[1] for entry in birthdays} | {p for _d, p, _s in ending + overdue}
    about = _people(ids, viewer)
    result.hearings = [Entry("hearing", day, person_id, *about[person_id][:3], court=court[0], court_local=court[1],
                             note=note, case_id=case_id, event_id=event_id)
                       for day, person_id, court, note, case_id, event_id in hearings]
    result.birthdays = [Entry("birthday", day, person_id, *about[person_id][:3], age=age,
                              facility=about[person_id][3])
                        for day, person_id, age in birthdays]
    result.terms_ending = [Entry("term_ends", day, person_id, *about[person_id][:3], status=status,
                                 facility=about[person_id][3]) for day, person_id, status in ending]
    result.overdue = [Entry("overdue", day, person_id, *about[person_id][:3], status=status,
                            facility=about[person_id][3]) for day, person_id, status in overdue]
    return result


def _hearings(start: dt.date, end: dt.date, viewer: Viewer, people: QuerySet[Person],
              limit: int) -> list[tuple[dt.date, int, tuple[str, str], str, int | None, int]]:
    events = visible_events(Event.objects.filter(
        kind="hearing_scheduled", date_earliest__gte=start, date_earliest__lt=end, person__in=people), viewer)
    rows = []
    for event in events.select_related("organization", "case__court").order_by("date_earliest", "id")[:limit]:
        if event.date.precision != Precision.DAY:
            continue  # "some day in December" is no day to come to court
        court = event.organization or (event.case.court if event.case_id else None)
        rows.append((event.date_earliest, event.person_id, (court.name, court.name_local) if court else ("", ""),
                     event.description, event.case_id, event.pk))
    return rows


def _birthdays(start: dt.date, end: dt.date, held: QuerySet[Listing], limit: int) -> list[tuple[dt.date, int, int]]:
    """(day, person, age) of the people held whose birthday falls in the span; someone born on
    29 February has it on the 28th in other years."""
    wanted: dict[str, dt.date] = {}
    day = start
    while day < end:
        wanted[f"{day.month:02d}-{day.day:02d}"] = day
        if day.month == 2 and day.day == 28 and not _leap(day.year):
            wanted["02-29"] = day
        day += dt.timedelta(days=1)
    rows = []
    for person_id, birthday, year in held.filter(birthday__in=list(wanted)).values_list(
            "person_id", "birthday", "birth_year"):
        on = wanted[birthday]
        rows.append((on, person_id, on.year - year))
    return sorted(rows)[:limit]


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _people(ids: set[int], viewer: Viewer) -> dict[int, tuple[tuple[str, ...], str, bool, Facility | None]]:
    """Names (primary first), country, synthetic mark and the last facility recorded, for the
    people listed: the facility from the events this viewer may see."""
    names: dict[int, list[str]] = {}
    for person_id, name in PersonName.objects.filter(person_id__in=ids).order_by(
            "person_id", "-is_primary", "id").values_list("person_id", "name"):
        names.setdefault(person_id, []).append(name)
    facilities: dict[int, Facility] = {}
    located = visible_events(Event.objects.filter(person_id__in=ids, facility__isnull=False,
                                                  date_earliest__isnull=False), viewer)
    for event in located.select_related("facility").order_by("date_earliest", "id"):
        facilities[event.person_id] = event.facility  # the last one wins
    return {
        person.pk: (tuple(names.get(person.pk) or [f"person {person.pk}"]), person.country, person.synthetic,
                    facilities.get(person.pk))
        for person in Person.objects.filter(pk__in=ids).only("id", "country", "synthetic")
    }
