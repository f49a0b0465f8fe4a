"""Read-side queries shared by the command line and the web: lists, one person, statistics.

Everything here takes a Viewer and goes through visibility.py for individual records.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from politzek.registry.event_kinds import event_kind
from politzek.registry.models import DealRelease, Event, Person, PersonName
from politzek.registry.organizations import organization_name
from politzek.registry.staleness import information_as_of, is_stale, stale_after_months
from politzek.registry.status import (
    STATUSES,
    Derivation,
    check_timeline,
    derive,
    in_custody_at,
    recognized_at,
)
from politzek.registry.timeline import derivations, timeline_event_of
from politzek.registry.visibility import (
    NOT_SHOWN,
    Viewer,
    can_see,
    private_fields,
    visible_events,
    visible_people,
)

# Translated in the active language (the web's visitor's; English on the command line).
STATUS_LABELS = {
    "pretrial_custody": _("in pre-trial custody"),
    "house_arrest": _("under house arrest"),
    "serving_sentence": _("serving a sentence"),
    "in_custody": _("in custody, stage unknown"),
    "released": _("released"),
    "died": _("died"),
    "disappeared": _("disappeared"),
    "not_detained": _("not detained"),
    "unknown": _("unknown"),
}


class NotFound(LookupError):
    """No person with that id that this viewer may see."""


def _names_prefetch() -> Prefetch[Any]:
    return Prefetch("names", queryset=PersonName.objects.order_by("-is_primary", "id"))


def _derivations_by_person(people: Iterable[Person], viewer: Viewer) -> dict[int, tuple[Derivation, dt.date | None]]:
    ids = [person.pk for person in people]
    events = visible_events(Event.objects.filter(person_id__in=ids), viewer)
    return {person_id: (derived, information_as_of(timeline))
            for person_id, timeline, derived in derivations(events)}


def last_known(label: str, as_of: dt.date | None, today: dt.date | None = None) -> str:
    """A status label told as what it is: "last known: in custody (as of 2014-08)" when the
    information is older than POLITZEK_STALE_AFTER_MONTHS, the label itself otherwise."""
    if not is_stale(as_of, today):
        return label
    assert as_of is not None
    return str(_("last known: %(status)s (as of %(month)s)") % {"status": label, "month": f"{as_of:%Y-%m}"})


def status_fields(derived: Derivation | None, as_of: dt.date | None = None,
                  today: dt.date | None = None) -> dict[str, Any]:
    """A person's status as every output gives it: the status and since when (None while held
    since an unknown day: `since_unknown`), and how old the information is (`stale`)."""
    if derived is None:
        return {"status": "unknown", "status_label": str(STATUS_LABELS["unknown"]), "since": None,
                "since_unknown": False, "release_mode": None, "term_ends": None, "information_as_of": None,
                "stale": False}
    status = derived.status
    label = str(STATUS_LABELS[status.status]) + (
        f" ({status.release_mode.replace('_', ' ')})" if status.release_mode else "")
    return {
        "status": status.status,
        "status_label": last_known(label, as_of, today),
        "since": status.since.isoformat() if status.since else None,
        "since_unknown": status.in_custody and status.since is None,
        "release_mode": status.release_mode,
        "term_ends": derived.term_ends.isoformat() if derived.term_ends else None,
        "information_as_of": as_of.isoformat() if as_of else None,
        "stale": is_stale(as_of, today),
    }


def people_rows(people: Sequence[Person], viewer: Viewer | None = None) -> list[dict[str, Any]]:
    """One summary row per person (name, other names, country, status), in the given order.

    `people` must already be filtered by visible_people for this viewer.
    """
    viewer = viewer or Viewer.public()
    people = list(people)
    prefetch_related_objects(people, _names_prefetch())
    derived = _derivations_by_person(people, viewer)
    rows = []
    for person in people:
        names = [name.name for name in person.names.all()]
        rows.append({
            "id": person.pk,
            "name": names[0] if names else f"person {person.pk}",
            "other_names": names[1:],
            "country": person.country,
            "synthetic": person.synthetic,
            **status_fields(*derived.get(person.pk, (None, None))),
        })
    return rows


@dataclass(frozen=True)
class PeopleFilter:
    country: str | None = None
    status: str | None = None
    tag: str | None = None
    name: str | None = None
    limit: int = 50


def list_people(filters: PeopleFilter, viewer: Viewer) -> list[dict[str, Any]]:
    people: QuerySet[Person] = visible_people(Person.objects.all(), viewer).order_by("id")
    if filters.country:
        people = people.filter(country=filters.country.upper())
    if filters.tag:
        people = people.filter(tags__code=filters.tag)
    if filters.name:
        people = people.filter(names__name__icontains=filters.name).distinct()
    if not filters.status:
        return people_rows(list(people[: filters.limit]), viewer)
    rows: list[dict[str, Any]] = []
    # Status is derived, so filtering by it means deriving; go in chunks until the page is full.
    chunk = 2000
    offset = 0
    while len(rows) < filters.limit:
        batch = list(people[offset: offset + chunk])
        if not batch:
            break
        rows += [row for row in people_rows(batch, viewer) if row["status"] == filters.status]
        offset += chunk
    return rows[: filters.limit]


def _statement(event: Event) -> str:
    """A recognition's statement address, when it is a web address (never a script: link)."""
    from politzek.registry.fields import is_web_address

    url = getattr(getattr(event, "recognition", None), "statement_url", "") or ""
    return url if is_web_address(url) else ""


def _deals_of_events(person_id: int, events: list[Event], viewer: Viewer) -> dict[int, dict[str, Any]]:
    """The deals these events belong to that the viewer may see: id, name and the country the
    person was taken to (from the deal's release of this person)."""
    deals = {e.deal_id: e.deal for e in events if e.deal_id and can_see(e.deal, viewer)}
    if not deals:
        return {}
    taken_to = dict(DealRelease.objects.filter(person_id=person_id, deal_id__in=deals)
                    .exclude(destination_country="").values_list("deal_id", "destination_country"))
    return {pk: {"id": pk, "name": deal.name, "destination": taken_to.get(pk, "")} for pk, deal in deals.items()}


def person_detail(person_id: int, viewer: Viewer, today: dt.date | None = None) -> dict[str, Any]:
    """Everything about one person that this viewer may see."""
    today = today or dt.date.today()
    person = (
        visible_people(Person.objects.filter(pk=person_id), viewer)
        .prefetch_related(_names_prefetch(), "tags", "biographies", "sources")
        .first()
    )
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    events_qs = list(visible_events(person.events.all(), viewer).select_related(
        "organization", "facility", "sentence", "recognition", "deal"
    ).prefetch_related("sources").order_by("date_earliest", "id"))
    deals = _deals_of_events(person.pk, events_qs, viewer)
    timeline = [timeline_event_of(event) for event in events_qs]
    # The person's own sources and those of the events this viewer may see, in one numbered
    # list (a source seen beside a visible event is visible).
    sources = {source.pk: source for source in person.sources.all()}
    for event in events_qs:
        sources.update((source.pk, source) for source in event.sources.all())
    derived = derive(timeline) if timeline else None
    intervals = derived.intervals if derived else []
    cases = person.cases.prefetch_related("charges", "sentences", "roles__official__names").select_related("court")
    detail: dict[str, Any] = {
        "id": person.pk,
        "synthetic": person.synthetic,
        "names": [
            {"name": n.name, "kind": n.kind, "script": n.script, "language": n.language,
             "primary": n.is_primary}
            for n in person.names.all()
        ],
        "birth_date": str(person.birth_date) if person.birth_date else None,
        "gender": person.gender,
        "citizenships": person.citizenships,
        "country": person.country,
        "region": person.region,
        "occupation": person.occupation,
        "tags": [tag.code for tag in person.tags.all()],
        "biographies": {b.language: b.text for b in person.biographies.all()},
        "visibility": person.visibility,
        "consent": person.consent,
        **status_fields(derived, information_as_of(timeline, today), today),
        "in_custody": in_custody_at(intervals, today),
        "political_prisoner": in_custody_at(intervals, today) and recognized_at(timeline, today),
        "custody_intervals": [
            {"start": i.start.isoformat() if i.start_known else None, "end": i.end.isoformat() if i.end else None,
             "release_mode": i.release_mode, "start_known": i.start_known,
             # Held since an unknown day: the first day the record knows the person held.
             "known_held_from": None if i.start_known or i.start == dt.date.min else i.start.isoformat()}
            for i in intervals
        ],
        "events": [
            {
                "id": e.pk, "kind": e.kind, "label": event_kind(e.kind).label,
                "date": str(e.date) if e.date else None,
                "organization": e.organization.code if e.organization else None,
                "organization_name": organization_name(e.organization.code, e.organization.name)
                if e.organization else None,
                "facility": e.facility.name if e.facility else None,
                "facility_local": e.facility.local_name if e.facility else "",
                "organization_name_local": e.organization.name_local if e.organization else "",
                "facility_id": e.facility_id,
                "facility_address": e.facility.postal_address if e.facility else None,
                "case": e.case_id,
                "description": e.description,
                # A release in a deal: the deal and where the person was taken, as facts the
                # page words in its language (not an English sentence in the description).
                "deal": deals.get(e.deal_id),
                "synthetic": e.synthetic,
                # Where the fact comes from: a source seen beside a visible event is visible.
                "sources": [{"id": source.pk, "title": str(source), "url": source.url, "link": source.link}
                            for source in e.sources.all()],
                "statement_url": _statement(e),
            }
            for e in events_qs
        ],
        "cases": [
            {
                "id": case.pk, "jurisdiction": case.jurisdiction, "number": case.case_number,
                "kind": case.kind, "court": case.court.name if case.court else None,
                "court_local": case.court.name_local if case.court else "",
                "charges": [str(charge) for charge in case.charges.all()
                            if charge.person_id in (None, person.pk)],
                "sentences": [
                    {"date": str(s.date) if s.date else None, "kind": s.kind,
                     "term_days": s.term_days, "in_absentia": s.in_absentia}
                    for s in case.sentences.all() if s.person_id == person.pk
                ],
                "officials": [
                    {"official_id": role.official_id, "name": str(role.official), "role": role.role,
                     # Every name, primary first: the page shows the one its script reads.
                     "names": [n.name for n in sorted(role.official.names.all(),
                                                      key=lambda n: (not n.is_primary, n.pk))]}
                    for role in case.roles.all()
                ],
            }
            for case in cases
        ],
        "sources": [
            {"id": source.pk, "title": str(source), "url": source.url, "link": source.link,
             "publisher": source.publisher, "published": str(source.published) if source.published else None}
            for _pk, source in sorted(sources.items())
        ],
        "timeline_issues": [
            {"severity": i.severity, "code": i.code, "message": i.message}
            for i in check_timeline(timeline)
        ],
    }
    detail.update(private_fields(person, viewer))
    return detail


def registry_stats(at: dt.date | None = None, organizations: Iterable[str] | None = None) -> dict[str, Any]:
    """People, people in custody and political prisoners at `at` (today), overall and by country.

    Counts cover every record, restricted and confidential ones included: a count names no
    one, and groups publish totals that include people who asked not to be named.
    """
    at = at or dt.date.today()
    chosen = None if organizations is None else list(organizations)
    country_of = dict(Person.objects.values_list("id", "country"))
    by_country: dict[str, Counter[str]] = defaultdict(Counter)
    by_status: Counter[str] = Counter()
    undated = 0
    for person_id, events, derived in derivations(Event.objects.all(), at=at):
        undated += derived.undated
        counter = by_country[country_of.get(person_id) or "??"]
        status = derived.status.status
        by_status[status] += 1
        if in_custody_at(derived.intervals, at):
            counter["in_custody"] += 1
            if not derived.intervals[-1].start_known:
                counter["held_since_unknown"] += 1
            if is_stale(information_as_of(events, at), at):
                counter["last_confirmed_long_ago"] += 1
            if recognized_at(events, at, chosen):
                counter["political_prisoners"] += 1
    for country, count in Counter(country_of.values()).items():
        by_country[country or "??"]["people"] = count
    without_events = len(country_of) - sum(by_status.values())
    by_status["unknown"] += without_events
    # A country only people hidden from the public are persecuted in is counted, not named.
    seen = set(visible_people(Person.objects.all(), Viewer.public()).values_list("country", flat=True).distinct())
    not_shown: Counter[str] = Counter()
    for country in [c for c in by_country if c != "??" and c not in seen]:
        not_shown.update(by_country.pop(country))
    if not_shown:
        by_country[NOT_SHOWN] = not_shown
    countries = {
        country: {key: counts[key] for key in ("people", "in_custody", "political_prisoners", "held_since_unknown",
                                               "last_confirmed_long_ago")}
        for country, counts in sorted(by_country.items())
    }
    return {
        "at": at.isoformat(),
        "organizations": chosen,
        "people": len(country_of),
        "in_custody": sum(c["in_custody"] for c in countries.values()),
        "political_prisoners": sum(c["political_prisoners"] for c in countries.values()),
        # Of those in custody: held since a day nobody recorded, and last confirmed longer ago
        # than POLITZEK_STALE_AFTER_MONTHS (a 2014 list imported today: counted, and said so).
        "held_since_unknown": sum(c["held_since_unknown"] for c in countries.values()),
        "last_confirmed_long_ago": sum(c["last_confirmed_long_ago"] for c in countries.values()),
        "stale_after_months": stale_after_months(),
        "by_status": {status: by_status[status] for status in STATUSES},
        "undated_events": undated,
        "by_country": countries,
    }
