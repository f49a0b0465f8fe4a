"""An Atom feed of the latest recognitions and releases the public may see."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from politzek.registry.models import Event, Person
from politzek.registry.visibility import Viewer, can_see_person, visible_events
from politzek.web.public.atom import AtomFeed
from politzek.web.public.labels import event_label
from politzek.web.templatetags.politzek_labels import page_name

FEED_KINDS = ("recognized", "released_pretrial", "released_end_of_term", "released_pardon", "released_exchange",
              "released_other", "deported")
ITEMS = 50


class _EventFeed(AtomFeed):
    """What every feed of events shares: each entry links to the person, is known by the
    event's IRI and dated by the day the registry recorded it (the event's own day, which may
    be a hearing still ahead, is in its title or description)."""

    def item_link(self, item: Event) -> str:
        return reverse("person", args=[item.person_id])

    def item_guid(self, item: Event) -> str:
        return self.entry_iri(item.person_id, f"event-{item.pk}")

    def item_pubdate(self, item: Event) -> dt.datetime:
        return self.not_after_now(item.created_at)

    def item_updateddate(self, item: Event) -> dt.datetime:
        return self.not_after_now(item.updated_at)


class RecognitionsAndReleases(_EventFeed):
    title = _("politzek: new recognitions and releases")
    subtitle = _("The latest people recognized as political prisoners and the latest released.")

    def link(self) -> str:
        return reverse("people")

    def items(self) -> list[Event]:
        # Always the public view: a feed reader has no session, and a feed is easily shared.
        events = visible_events(Event.objects.filter(kind__in=FEED_KINDS, date_earliest__isnull=False),
                                Viewer.public())
        return list(events.select_related("organization").prefetch_related("person__names")
                    .order_by("-date_earliest", "-id")[:ITEMS])

    def item_title(self, item: Event) -> str:
        label = event_label(item.kind, item.person.gender)
        by = f" ({item.organization.name})" if item.organization_id else ""
        synthetic = " [synthetic]" if item.synthetic or item.person.synthetic else ""
        return f"{page_name(item.person)}: {label}{by}{synthetic}"

    def item_description(self, item: Event) -> str:
        return f"{item.date} — {item.description}" if item.description else str(item.date)


class PersonEvents(_EventFeed):
    """One person's events, newest first: a family, lawyer or journalist follows one case
    without watching the whole registry. Public clearance, like every feed."""

    def get_object(self, request: HttpRequest, person_id: int) -> Person:  # type: ignore[override]
        person = Person.objects.filter(pk=person_id).prefetch_related("names").first()
        if person is None or not can_see_person(person, Viewer.public()):
            raise Http404("no such person")
        return person

    def title(self, obj: Person) -> str:
        synthetic = " [synthetic]" if obj.synthetic else ""
        return _("politzek: %(name)s") % {"name": page_name(obj)} + synthetic

    def link(self, obj: Person) -> str:
        return reverse("person", args=[obj.pk])

    def subtitle(self, obj: Person) -> str:
        return str(_("Every event recorded for this person, newest first."))

    def items(self, obj: Person) -> list[Event]:
        events = visible_events(obj.events.filter(date_earliest__isnull=False), Viewer.public())
        return list(events.select_related("organization", "person").order_by("-date_earliest", "-id")[:ITEMS])

    def item_title(self, item: Event) -> str:
        by = f" ({item.organization.name})" if item.organization_id else ""
        return f"{item.date}: {event_label(item.kind, item.person.gender)}{by}"

    def item_description(self, item: Event) -> str:
        return item.description or str(item.date)
