"""Reads what the automatic-cost rules need out of the registry, as the plain data of
accountability/cost.py: cases and defendants, recognitions, the counted events, the officials'
roles, facility heads, releases and the listings in force. One query per table; every record
counts, as every figure does (a count names no one; pages name only what the viewer sees)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q

from politzek.accountability.cost import (
    CostInputs,
    CountedEvent,
    FacilityEvent,
    FacilityHead,
    RecognitionRow,
    Release,
)
from politzek.accountability.policy import CostPolicy, authority_of
from politzek.registry import models as m
from politzek.registry.event_kinds import event_kinds
from politzek.registry.partial_date import PartialDate


def _day(value: Any, latest: bool = False) -> dt.date | None:
    date = PartialDate.coerce(value) if value else None
    if date is None:
        return None
    return date.latest if latest else date.earliest


def release_kinds() -> list[str]:
    return [code for code, kind in event_kinds().items() if kind.release_mode]


def read_cost_inputs(policy: CostPolicy, country: str | None = None) -> tuple[CostInputs, int]:
    """The inputs for one country (or all), and how many counted events had no date (they
    cannot be placed in a week and are left out; the report says how many)."""
    # Rows are chosen by a join on the case's country, never by a list of ids: a registry
    # holds a hundred thousand cases.
    def of_cases(prefix: str) -> Q:
        return Q(**{f"{prefix}jurisdiction": country}) if country else Q(**{f"{prefix}isnull": False})

    cases = dict(m.Case.objects.filter(of_cases("") if country else Q()).values_list("id", "jurisdiction"))
    defendants: dict[int, set[int]] = defaultdict(set)
    for case_id, person_id in m.Case.defendants.through.objects.filter(of_cases("case__")).values_list(
            "case_id", "person_id"):
        defendants[case_id].add(person_id)

    kinds = set(policy.trigger_events)
    custodial: dict[int, int] = {}
    for sentence_id, kind, term, absentia in m.Sentence.objects.filter(of_cases("case__")).values_list(
            "id", "kind", "term_days", "in_absentia"):
        if term and m.Sentence.is_custodial(kind, absentia):
            custodial[sentence_id] = term
    events, undated = [], 0
    for event_id, person_id, kind, day, case_id, sentence_id in m.Event.objects.filter(
            of_cases("case__") | Q(case__isnull=True, kind="recognized"),
            kind__in=kinds).values_list("id", "person_id", "kind", "date_earliest", "case_id", "sentence_id"):
        if day is None:
            undated += 1
            continue
        events.append(CountedEvent(event_id, person_id, kind, day, case_id, custodial.get(sentence_id, 0)))

    roles = list(m.CaseRole.objects.filter(of_cases("case__")).values_list("case_id", "official_id", "role"))

    facility_kinds = {kind for rule in policy.measures if rule.on == "facility_event" for kind in rule.events}
    facility_events = []
    query = m.Event.objects.filter(kind__in=facility_kinds, facility__isnull=False, date_earliest__isnull=False)
    for event_id, person_id, kind, day, facility_id, place_country, person_country in query.values_list(
            "id", "person_id", "kind", "date_earliest", "facility_id", "facility__country", "person__country"):
        where = place_country or person_country or ""
        if country and where != country:
            continue
        facility_events.append(FacilityEvent(event_id, person_id, kind, day, facility_id, where))
    recognitions = [
        RecognitionRow(person, code or "", kind_of_org or "", kind, day)
        for person, code, kind_of_org, kind, day in m.Event.objects.filter(
            kind__in=("recognized", "recognition_withdrawn")).values_list(
            "person_id", "organization__code", "organization__kind", "kind", "date_earliest")]

    heads = [FacilityHead(official, facility, role, _day(start), _day(end, latest=True))
             for official, facility, role, start, end in m.Position.objects.filter(
                 facility__isnull=False).values_list("official_id", "facility_id", "role", "start", "end")]

    bought_deals = set(m.Concession.objects.values_list("deal_id", flat=True))
    releases = [Release(person, day, person_country or "", kind == "released_exchange" or deal in bought_deals)
                for person, day, kind, deal, person_country in m.Event.objects.filter(
                    kind__in=release_kinds(), date_earliest__isnull=False).values_list(
                    "person_id", "date_earliest", "kind", "deal_id", "person__country")
                if not country or person_country == country]

    listed = {(official, authority_of(authority)) for official, authority in m.Sanction.objects.filter(
        delisted_on__isnull=True).values_list("official_id", "authority")}
    inputs = CostInputs(cases=cases, defendants=dict(defendants), recognitions=recognitions, events=events,
                        case_officials=roles, facility_events=facility_events, facility_heads=heads,
                        releases=releases, listed=listed)
    return inputs, undated
