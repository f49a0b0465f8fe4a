"""The registry's evidence audit: facts that cite no source, timelines whose events cannot all
be true, records nobody has touched for months, source addresses that are not web addresses.

Counts cover every record, per country (a count names no one, as every figure does); the
lists name only what the viewer may see, at most `limit` of each, most recent first."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q

from politzek.registry import models as m
from politzek.registry.fields import is_web_address
from politzek.registry.staleness import information_as_of, stale_before
from politzek.registry.status import check_timeline
from politzek.registry.timeline import timelines
from politzek.registry.visibility import Viewer, visible_events, visible_people, visible_records

MONTHS = 12
LIMIT = 50
# What each count means, in the order reports show them.
COUNTS = {
    "people": "people",
    "events": "events",
    "unsourced_events": "events citing no source (and no recognition statement)",
    "timeline_conflicts": "people whose timeline has an impossible pair of events",
    "stale_people": "people whose latest information is older than the months asked",
}
# How old each person's latest information is (registry/staleness.py), in bands of months.
AGE_BANDS = ((0, 6), (6, 12), (12, 24), (24, 60), (60, None))


@dataclass(frozen=True)
class Finding:
    kind: str  # unsourced_event, timeline_conflict, stale_person, bad_source_url, unsourced_deal…
    country: str
    what: str  # the record, in words
    detail: str
    person_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "country": self.country, "what": self.what, "detail": self.detail,
                "person_id": self.person_id}


@dataclass
class Audit:
    today: dt.date
    months: int
    viewer: str
    per_country: dict[str, Counter[str]] = field(default_factory=dict)
    overall: Counter[str] = field(default_factory=Counter)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    # People by the age of their latest information, in AGE_BANDS (every record).
    information_age: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "months": self.months, "seen_as": self.viewer,
                "overall": dict(self.overall), "people_by_information_age": self.information_age,
                "per_country": {country: dict(counts) for country, counts in sorted(self.per_country.items())},
                "findings": {kind: [f.as_dict() for f in found] for kind, found in self.findings.items()}}


def _unsourced(events: Any) -> Any:
    cited = m.Event.sources.through.objects.filter(event_id=OuterRef("pk"))
    return events.filter(~Exists(cited)).exclude(Q(kind="recognized") & Q(recognition__statement_url__gt=""))


def _band_labels() -> list[str]:
    return [f"{low}-{high} months" if high else f"over {low} months" for low, high in AGE_BANDS]


def _band(today: dt.date, known: dt.date) -> str:
    for (_low, high), label in zip(AGE_BANDS, _band_labels(), strict=True):
        if high is None or known >= stale_before(today, high):
            return label
    raise AssertionError("the last band has no end")


def run_audit(viewer: Viewer, months: int = MONTHS, today: dt.date | None = None, limit: int = LIMIT) -> Audit:
    today = today or dt.date.today()
    audit = Audit(today, months, viewer.clearance.name.lower())
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    country_of = dict(m.Person.objects.values_list("id", "country"))
    for country, n in Counter(country_of.values()).items():
        counts[country]["people"] = n
    for country, n in Counter(m.Event.objects.values_list("person__country", flat=True)).items():
        counts[country]["events"] = n
    for country, n in Counter(_unsourced(m.Event.objects.all()).values_list("person__country", flat=True)).items():
        counts[country]["unsourced_events"] = n

    seen_people = set(visible_people(m.Person.objects.all(), viewer).values_list("id", flat=True))
    conflicted: dict[int, str] = {}
    as_of: dict[int, dt.date | None] = {}
    for person_id, timeline in timelines(m.Event.objects.all()):
        as_of[person_id] = information_as_of(timeline, today)
        issues = [issue for issue in check_timeline(timeline) if issue.severity in ("error", "conflict")]
        if issues:
            counts[country_of.get(person_id, "")]["timeline_conflicts"] += 1
            conflicted[person_id] = issues[0].message
    # Listed from what the viewer sees: a conflict may rest on an event above their clearance.
    listed_conflicts = []
    for person_id, timeline in timelines(visible_events(m.Event.objects.filter(person_id__in=list(conflicted)),
                                                        viewer)):
        issues = [issue for issue in check_timeline(timeline) if issue.severity in ("error", "conflict")]
        if issues and person_id in seen_people:
            listed_conflicts.append(Finding("timeline_conflict", country_of.get(person_id, ""),
                                            f"person {person_id}", issues[0].message, person_id))

    # Stale by the age of what the record knows, not by when it was edited: a list of 2014
    # imported today is four-year-old news on its first day (issue 34). A person with no
    # event is as of the day the record was made.
    since = stale_before(today, months)
    stale = []
    ages: Counter[str] = Counter()
    for person_id, country, created in m.Person.objects.values_list("id", "country", "created_at"):
        known = as_of.get(person_id) or created.date()
        ages[_band(today, known)] += 1
        if known < since:
            counts[country]["stale_people"] += 1
            if person_id in seen_people:
                stale.append((known, Finding("stale_person", country, f"person {person_id}",
                                             f"latest information as of {known.isoformat()}", person_id)))
    stale.sort(key=lambda item: item[0])
    audit.information_age = {label: ages[label] for label in _band_labels()}

    unsourced = [Finding("unsourced_event", country, f"person {person_id}",
                         f"{kind} {date or '(date unknown)'}", person_id)
                 for person_id, country, kind, date in _unsourced(visible_events(m.Event.objects.all(), viewer))
                 .order_by("-date_earliest", "-id").values_list("person_id", "person__country", "kind", "date")[:limit]]

    bad_sources = [Finding("bad_source_url", "", f"source {pk}", url)
                   for pk, url in visible_records(m.Source.objects.exclude(url=""), viewer).values_list("pk", "url")
                   if not is_web_address(url)]
    bad_statements = [Finding("bad_source_url", country, f"recognition of person {person_id}", url, person_id)
                      for person_id, country, url in visible_records(m.Recognition.objects.exclude(
                          statement_url=""), viewer).values_list("event__person_id", "event__person__country",
                                                                 "statement_url")
                      if not is_web_address(url)]
    deals = [Finding("unsourced_deal", "", f"deal {pk}", name)
             for pk, name in m.Deal.objects.filter(sources__isnull=True).values_list("pk", "name")]
    concessions = [Finding("unsourced_concession", "", f"concession {pk} of deal {deal}", kind)
                   for pk, deal, kind in m.Concession.objects.filter(source__isnull=True).values_list(
                       "pk", "deal_id", "kind")]

    audit.per_country = {country: Counter({key: counts[country].get(key, 0) for key in COUNTS})
                         for country in sorted(counts)}
    for counted in audit.per_country.values():
        audit.overall.update(counted)
    audit.overall.update({
        "deals": m.Deal.objects.count(), "unsourced_deals": len(deals),
        "concessions": m.Concession.objects.count(), "unsourced_concessions": len(concessions),
        "bad_source_urls": sum(1 for url in m.Source.objects.exclude(url="").values_list("url", flat=True)
                               if not is_web_address(url)),
    })
    audit.findings = {
        "unsourced_events": unsourced,
        "timeline_conflicts": listed_conflicts[:limit],
        "stale_people": [finding for _touched, finding in stale[:limit]],
        "bad_source_urls": (bad_sources + bad_statements)[:limit],
        "unsourced_deals": deals[:limit],
        "unsourced_concessions": concessions[:limit],
    }
    return audit
