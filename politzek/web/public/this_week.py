"""/this-week/: hearings, birthdays of people held, terms running out and releases overdue, for
everyone or one country; the same as an iCalendar file (/this-week.ics) a calendar app
subscribes to, and as an Atom feed (/this-week.atom). Always at the public clearance for the
feeds (a subscription has no session); the page at the viewer's."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from politzek.flows.models import Listing
from politzek.flows.refresh import refresh
from politzek.flows.upcoming import Entry, Upcoming, upcoming
from politzek.registry.visibility import Viewer
from politzek.web.public import labels
from politzek.web.public.atom import AtomFeed
from politzek.web.public.derived import derived
from politzek.web.public.name_order import in_page_script
from politzek.web.templatetags.politzek_labels import pdate

DAYS = 7
MAX_DAYS = 62
# A calendar subscription looks this far ahead.
CALENDAR_DAYS = 56


class BadParameter(ValueError):
    pass


def _span(request: HttpRequest, default_days: int) -> tuple[dt.date, int, str]:
    """The first day, the number of days and the country asked for; BadParameter names the
    parameter and the value that cannot mean anything."""
    country = request.GET.get("country", "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise BadParameter(_("country=%(value)s is not a two-letter country code.") % {"value": country[:20]})
    first = request.GET.get("from", "").strip()
    try:
        start = dt.date.fromisoformat(first) if first else dt.date.today()
    except ValueError:
        raise BadParameter(_("from=%(value)s is not a date (YYYY-MM-DD).") % {"value": first[:20]}) from None
    days_text = request.GET.get("days", "").strip()
    if days_text and not (days_text.isdigit() and 1 <= int(days_text) <= MAX_DAYS):
        raise BadParameter(_("days=%(value)s must be a number from 1 to %(most)d.")
                           % {"value": days_text[:20], "most": MAX_DAYS})
    return start, int(days_text) if days_text else default_days, country


def _upcoming(start: dt.date, days: int, viewer: Viewer, country: str) -> Upcoming:
    """The span's entries for this clearance, once per state of the data and day: the page,
    the calendar and the feed ask for the same."""
    refresh()
    return derived("upcoming", lambda: upcoming(start, days, viewer, country),
                   start, days, int(viewer.clearance), country)


def _countries(viewer: Viewer) -> list[str]:
    # The listing knows who this clearance may see and their country (an index holds both).
    refresh()
    rows = Listing.objects.filter(clearance=int(viewer.clearance), visible=True).exclude(country="")
    return sorted(set(rows.values_list("country", flat=True).distinct()))


def this_week(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    try:
        start, days, country = _span(request, DAYS)
    except BadParameter as bad:
        return render(request, "web/this_week.html", {"error": str(bad), "countries": _countries(viewer)}, status=400)
    week = _upcoming(start, days, viewer, country)
    query = urlencode({"country": country} if country else {})
    entries = week.hearings + week.birthdays + week.terms_ending + week.overdue
    return render(request, "web/this_week.html", {
        "week": week, "country": country, "countries": _countries(viewer), "days": days,
        "last_day": week.end - dt.timedelta(days=1),
        "previous_url": urlencode({**({"country": country} if country else {}),
                                   "from": (start - dt.timedelta(days=days)).isoformat(), "days": days}),
        "next_url": urlencode({**({"country": country} if country else {}),
                               "from": (start + dt.timedelta(days=days)).isoformat(), "days": days}),
        "feed_query": query,
        "overdue": [(entry, labels.person_status(entry.status)) for entry in week.overdue],
        "shows_synthetic": any(entry.synthetic for entry in entries),
    })


def summary(entry: Entry) -> str:
    """One line naming who and what, in the active language (calendar and feed titles)."""
    synthetic = " " + _("[synthetic]") if entry.synthetic else ""
    if entry.kind == "hearing":
        text = _("Court hearing: %(name)s") % {"name": entry.name}
    elif entry.kind == "birthday":
        text = ngettext("Birthday in custody: %(name)s turns %(age)d", "Birthday in custody: %(name)s turns %(age)d",
                        entry.age or 0) % {"name": entry.name, "age": entry.age or 0}
    elif entry.kind == "term_ends":
        text = _("Term runs out: %(name)s") % {"name": entry.name}
    else:
        text = _("Release overdue: %(name)s") % {"name": entry.name}
    return text + synthetic


def details(entry: Entry) -> str:
    """The rest a reader needs: court and room, or where a card reaches the person."""
    parts = []
    if entry.court:
        parts.append(entry.court_name)
    if entry.note:
        parts.append(entry.note)
    if entry.kind == "term_ends":
        parts.append(_("Estimated from the sentence and the time held; the person is still recorded as held."))
    if entry.facility is not None:
        parts.append(_("Held at: %(facility)s") % {"facility": in_page_script(entry.facility.name,
                                                                               entry.facility.local_name)})
        if entry.facility.postal_address:
            parts.append(_("Address for letters: %(address)s") % {"address": entry.facility.postal_address})
    return "\n".join(parts)


def _uid(entry: Entry) -> str:
    return f"politzek-{entry.kind}-{entry.person_id}-{entry.day.isoformat()}"


def this_week_ics(request: HttpRequest) -> HttpResponse:
    import icalendar  # only this view needs it

    try:
        start, days, country = _span(request, CALENDAR_DAYS)
    except BadParameter as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    coming = _upcoming(start, days, Viewer.public(), country)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//politzek//this week//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _calendar_name(country))
    stamp = dt.datetime.now(dt.UTC)
    for entry in coming.entries():
        event = icalendar.Event()
        event.add("uid", _uid(entry))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)  # a whole day: the registry records the day, not the hour
        event.add("dtend", entry.day + dt.timedelta(days=1))
        event.add("summary", summary(entry))
        event.add("description", details(entry))
        event.add("url", request.build_absolute_uri(reverse("person", args=[entry.person_id])))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="politzek-this-week.ics"'
    return response


def _calendar_name(country: str) -> str:
    if country:
        return _("politzek: this week in %(country)s") % {"country": country}
    return _("politzek: this week")


class ThisWeekFeed(AtomFeed):
    """The next seven days as Atom entries, one per hearing, birthday and term running out.
    Each entry's day is ahead: its `updated` is when the feed was built from the data, and it
    has no `published` date of its own."""
    subtitle = gettext_lazy("Court hearings, birthdays of people held and terms running out in the next seven days.")

    def get_object(self, request: HttpRequest) -> Upcoming:  # type: ignore[override]
        try:
            start, days, country = _span(request, DAYS)
        except BadParameter:
            start, days, country = dt.date.today(), DAYS, ""
        return _upcoming(start, days, Viewer.public(), country)

    def title(self, obj: Upcoming) -> str:
        return _calendar_name(obj.country)

    def link(self, obj: Upcoming) -> str:
        query = f"?country={obj.country}" if obj.country else ""
        return reverse("this_week") + query

    def items(self, obj: Upcoming) -> list[Entry]:
        return obj.entries()

    def item_title(self, item: Entry) -> str:
        return f"{pdate(item.day)}: {summary(item)}"

    def item_description(self, item: Entry) -> str:
        return details(item)

    def item_link(self, item: Entry) -> str:
        return reverse("person", args=[item.person_id])

    def item_guid(self, item: Entry) -> str:
        return self.entry_iri(item.person_id, f"{item.kind}-{item.day.isoformat()}")

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return self.not_after_now(None)

