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


# The public search (web/public/people_list.py, /api/people?q=) asks the same generator:
# people scoring at least this are found, best first. A surname alone scores 0.6 at best
# (compare.SURNAME_ALONE), so a search by surname finds its bearers.
SEARCH_MIN = 0.5
SEARCH_LIMIT = 300
# Then people whose names hold each word of the search (a given name alone, an unfinished
# last word): every word must be this alike to a word of theirs (names.similarity), or begin
# one (the last word, three letters or more), so a word of nonsense finds nobody.
WORD_ALIKE = 0.85
WORD_SEARCH_LIMIT = 3000


def search_ranking(query: str, viewer: Viewer) -> list[tuple[int, float]]:
    """(person id, score) of the people a search finds, best first: the matcher's candidates
    for the whole query; then, for a one-word query or when the matcher finds nobody, the
    people with a name word like each word of the query, ranked after them."""
    from politzek.names.search_keys import words

    found = [(c.person_id, c.match.score) for c in candidates(query, viewer, limit=SEARCH_LIMIT)
             if c.match.score >= SEARCH_MIN]
    searched = words(query)
    if not searched or (found and len(searched) > 1):
        return found
    seen = {person_id for person_id, _score in found}
    return found + [hit for hit in _word_search(searched, viewer) if hit[0] not in seen]


def _word_search(searched: list[str], viewer: Viewer) -> list[tuple[int, float]]:
    from django.db.models import Q

    from politzek.names.blocking import word_keys
    from politzek.names.search_keys import fold_spelling, word_key, words
    from politzek.names.similarity import compare_words

    people = visible_people(Person.objects.all(), viewer)
    for word in searched[:-1]:
        keys = [word_key(word), *("#" + key for key in word_keys(word))]
        people = people.filter(pk__in=NameKey.objects.filter(key__in=keys).values("person_id"))
    last = word_key(searched[-1])
    whole = ["#" + key for key in word_keys(searched[-1])]
    people = people.filter(pk__in=NameKey.objects.filter(
        Q(key__gte=last, key__lt=last + "\uffff") | Q(key__in=whole)).values("person_id"))
    folded = [(fold_spelling(word), word_key(word)) for word in searched]
    hits = []
    for person in people.prefetch_related("names").only("id")[:WORD_SEARCH_LIMIT]:
        theirs = {(fold_spelling(w), word_key(w)) for n in person.names.all() for w in words(n.name)}
        scores = []
        for i, (word, key) in enumerate(folded):
            best = max((compare_words(word, other)[0] for other, _key in theirs), default=0.0)
            # The same sound (Kanary / Canary), or the beginning of a word being typed.
            if len(word) >= 3 and any(key == other_key for _other, other_key in theirs):
                best = max(best, WORD_ALIKE)
            if i == len(folded) - 1 and len(word) >= 3 and any(other.startswith(word) for other, _key in theirs):
                best = max(best, WORD_ALIKE)
            scores.append(best)
        if scores and min(scores) >= WORD_ALIKE:
            hits.append((person.pk, round(SEARCH_MIN * sum(scores) / len(scores), 3)))
    hits.sort(key=lambda item: (-item[1], item[0]))
    return hits
