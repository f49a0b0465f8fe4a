"""A search's count and facets, counted from one read of what its people hold.

A search finds a few hundred to a few thousand people (registry.candidates.search_ranking).
Counting the list's seven facets among them in SQL (people_list._facet_counts, still the
way for the whole list) built and ran one query per facet, each rebuilding the matched set
with the other filters: ~110 ms of a new search on 100,000 people. Here every facet value of
the found people is read once (five queries whatever the filters), then each facet counts,
in Python, the people matching every other filter: the same rule, and the same counts (tests
compare both ways on demo and real data)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from politzek.flows.models import Listing
from politzek.registry.id_sets import among
from politzek.registry.models import Charge, Event, Person, Tag
from politzek.registry.visibility import Viewer, visible_events

FacetCounts = dict[str, list[tuple[str, int]]]
FACETS = ("country", "status", "article", "region", "tag", "year", "organization")  # the list's order


@dataclass(frozen=True)
class SearchCounts:
    matching: list[int]  # the people matching every filter, in the order given
    facets: FacetCounts


def defendants_charges(people: Any) -> QuerySet[Charge]:
    """The charges of these people's cases that count for them (the article facet's rule): a
    charge counts for a defendant when it is the whole case's or their own, not a
    co-defendant's. One filter() call, so both conditions meet the same defendant row, which
    `case__defendants` then names."""
    return Charge.objects.filter(
        Q(case__defendants__in=people) & (Q(person__isnull=True) | Q(person=F("case__defendants"))))


def recognitions(people: Any, viewer: Viewer) -> QuerySet[Event]:
    """These people's recognitions by an organization that this viewer may see (the
    organization facet's rule; one naming no organization is no facet value)."""
    return visible_events(Event.objects.filter(kind="recognized", person__in=people, organization__isnull=False),
                          viewer)


def _held(person_ids: Sequence[int], viewer: Viewer) -> dict[int, dict[str, set[str]]]:
    """For each of these people this viewer may see in the list, the values they hold for
    each facet (a person may hold several tags, articles and recognitions)."""
    held: dict[int, dict[str, set[str]]] = {}
    rows = Listing.objects.filter(clearance=int(viewer.clearance), visible=True, person_id__in=among(person_ids))
    for person_id, status, year, country in rows.values_list("person_id", "status", "arrest_year", "country"):
        values: dict[str, set[str]] = {facet: set() for facet in FACETS}
        if status is not None:
            values["status"].add(status)
        if year is not None:
            values["year"].add(str(year))
        if country:
            values["country"].add(country)
        held[person_id] = values
    ids = among(held)
    for person_id, region in Person.objects.filter(pk__in=ids).exclude(region="").values_list("id", "region"):
        held[person_id]["region"].add(region)
    for person_id, code in Tag.objects.filter(people__in=ids).values_list("people", "code"):
        held[person_id]["tag"].add(code)
    for person_id, article in defendants_charges(ids).values_list("case__defendants", "article"):
        held[person_id]["article"].add(str(article))
    for person_id, code in recognitions(ids, viewer).values_list("person_id", "organization__code"):
        held[person_id]["organization"].add(code)
    return held


def count_and_facets(wanted: dict[str, str], person_ids: Sequence[int], viewer: Viewer) -> SearchCounts:
    """Which of the search's people the list shows (they hold every `wanted` facet value:
    the filters set, written as _held writes values), and each facet's values with the number
    of people holding them among those matching every other filter, most first."""
    held = _held(person_ids, viewer)
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    matching = []
    for person_id in dict.fromkeys(person_ids):  # each person once, in the order given
        values = held.get(person_id)
        if values is None:
            continue  # not listed for this viewer
        missed = [facet for facet, value in wanted.items() if value not in values[facet]]
        if not missed:
            matching.append(person_id)
        if len(missed) > 1:
            continue  # misses two filters: outside every facet's count
        for facet, holds in values.items():
            if not missed or missed == [facet]:
                counts[facet].update(holds)
    return SearchCounts(matching, {facet: sorted(counts[facet].items(), key=lambda v: (-v[1], v[0]))
                                   for facet in FACETS})
