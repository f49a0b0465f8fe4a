"""The registry people a name may be: candidates found through the keys of their names
(flows.NameKey: phonetic search keys and the matcher's word keys, one indexed lookup), then
scored and explained by names.compare.

Blocking by key keeps a comparison of one name against 100,000 people to the few hundred who
share a word's sound with it; only people this viewer may see are considered."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from politzek.flows.models import NameKey
from politzek.flows.refresh import refresh
from politzek.names.blocking import stored_keys
from politzek.names.compare import Match, compare
from politzek.names.search_keys import search_keys
from politzek.registry.models import Person
from politzek.registry.visibility import Viewer, visible_people

BLOCK = 300  # people sharing the most keys with the name, compared in full


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    birth_date: str | None
    match: Match


def candidates(name: str, viewer: Viewer, birth_date: str | None = None, limit: int = 10) -> list[Candidate]:
    """The best-scoring visible people for a name (and birth date), best first."""
    refresh()
    # The phonetic search keys, and the matcher's own word keys (Belarusian and Russian forms
    # of a surname share those: Марчанка / Марченко).
    keys = [*search_keys(name), *stored_keys(name)]
    if not keys:
        return []
    # A correlated EXISTS looks up each keyed person by primary key; `person_id IN (visible
    # people)` made SQLite list every visible person first (0.25 s per name at 100,000 people).
    visible = visible_people(Person.objects.filter(pk=OuterRef("person_id")), viewer)
    block = (NameKey.objects.filter(Exists(visible), key__in=keys).values("person_id")
             .annotate(shared=Count("id")).order_by("-shared", "person_id")[:BLOCK])
    ids = [row["person_id"] for row in block]
    people = Person.objects.filter(pk__in=ids).prefetch_related("names").only("id", "birth_date")
    found = []
    for person in people:
        names = sorted(person.names.all(), key=lambda n: (not n.is_primary, n.pk))
        if not names:
            continue
        born = str(person.birth_date) if person.birth_date else None
        match = compare([name], [n.name for n in names], birth_date, born)
        found.append(Candidate(person.pk, names[0].name, born, match))
    found.sort(key=lambda c: (-c.match.score, c.person_id))
    return found[:limit]
