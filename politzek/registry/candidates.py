"""The registry people a name may be: candidates found through the blocking keys of their
names (names.blocking, stored in flows.NameKey), then scored and explained by names.compare.

The same keys decide which pairs a dedupe compares (names.blocking.candidate_pairs), so search,
match, vet, dedupe and deal linking meet the same people: those whose surname sounds like the
name's and whose given name (or initial) may be the same, and those sharing any rarer word of
it (a surname and a given name written in each other's place). The keys of a whole batch of
list entries are read in one query, so vetting 1,000 names is a few queries, not thousands.
Only people this viewer may see are considered."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field

from django.db.models import Count, Q

from politzek.flows.models import NameKey
from politzek.flows.refresh import refresh
from politzek.names.blocking import JOINED, KEY_LENGTH, PLAIN, SMALL_BLOCK, name_keys
from politzek.names.collection import fewer_collections
from politzek.names.compare import Match, compare
from politzek.registry.id_sets import among
from politzek.registry.models import Person, PersonName
from politzek.registry.visibility import Viewer, visible_people

ENTRIES_PER_QUERY = 200  # list entries whose keys are read in one query
COMPARED = 1000  # the most people compared in full with one name: those sharing most keys
IDS_PER_QUERY = 5000  # person ids in one IN (...) list


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    birth_date: str | None
    match: Match


@dataclass
class _Wanted:
    """The stored keys that find candidates for one name."""

    keys: set[str] = field(default_factory=set)  # joined keys, and plain ones while rare
    plain: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)  # "+key|": any letter (a surname alone)


def _wanted(name: str) -> _Wanted:
    plain, joined = name_keys(name)
    wanted = _Wanted(plain={(PLAIN + key)[:KEY_LENGTH] for key in plain})
    for key in joined:
        surname, _bar, letter = key.rpartition("|")
        if letter == "?":
            # No given name or initial: every bearer of the surname, whatever their given name.
            wanted.surnames.add((JOINED + surname + "|")[:KEY_LENGTH])
        else:
            # The letter's bearers, and records written with the surname alone.
            wanted.keys |= {(JOINED + key)[:KEY_LENGTH], (JOINED + surname + "|?")[:KEY_LENGTH]}
    return wanted


def candidates(name: str, viewer: Viewer, birth_date: str | None = None, limit: int = 10) -> list[Candidate]:
    """The best-scoring visible people for a name (and birth date), best first."""
    return candidates_for([(name, birth_date)], viewer, limit)[0]


def candidates_for(queries: Sequence[tuple[str, str | None]], viewer: Viewer, limit: int = 10,
                   progress: Callable[[int, int], None] | None = None) -> list[list[Candidate]]:
    """candidates() of each (name, birth date), in order, reading keys a batch at a time;
    `progress(done, total)` after each batch."""
    refresh()
    found: list[list[Candidate]] = []
    with fewer_collections():
        for start in range(0, len(queries), ENTRIES_PER_QUERY):
            found += _batch(queries[start:start + ENTRIES_PER_QUERY], viewer, limit)
            if progress:
                progress(len(found), len(queries))
    return found


def _batch(queries: Sequence[tuple[str, str | None]], viewer: Viewer, limit: int) -> list[list[Candidate]]:
    wanted = [_wanted(name) for name, _birth in queries]
    rare = _rare({key for w in wanted for key in w.plain})
    for w in wanted:
        w.keys |= w.plain & rare
    holders = _holders({key for w in wanted for key in w.keys}, {key for w in wanted for key in w.surnames})
    # Only people this viewer may see are ranked: hidden ones must not take a visible person's
    # place among those compared.
    born = _visible_births({pid for ids in holders.values() for pid in ids}, viewer)
    chosen: list[list[int]] = []
    for w in wanted:
        shared: Counter[int] = Counter()
        for key in (*w.keys, *w.surnames):
            shared.update(pid for pid in holders.get(key, ()) if pid in born)
        # Most names meet a few dozen people; a common name in a large registry, more: those
        # sharing most of its keys are compared.
        chosen.append([pid for pid, _n in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:COMPARED]])
    people = _people({pid for ids in chosen for pid in ids}, born)
    found = []
    for (name, birth), ids in zip(queries, chosen, strict=True):
        scored = []
        for pid in ids:
            if pid not in people:
                continue
            names, born = people[pid]
            scored.append(Candidate(pid, names[0], born, compare([name], names, birth, born)))
        scored.sort(key=lambda c: (-c.match.score, c.person_id))
        found.append(scored[:limit])
    return found


def _rare(plain: set[str]) -> set[str]:
    """The plain keys few people hold (names.blocking.SMALL_BLOCK): a word's key alone finds
    people only then, as in a dedupe."""
    if not plain:
        return set()
    counts = NameKey.objects.filter(key__in=sorted(plain)).values("key").annotate(holders=Count("*"))
    held = {row["key"]: row["holders"] for row in counts}
    return {key for key in plain if held.get(key, 0) <= SMALL_BLOCK}


def _holders(keys: set[str], prefixes: set[str]) -> dict[str, list[int]]:
    """The people holding each key, and each prefix ("+surname|"), in one query."""
    if not keys and not prefixes:
        return {}
    condition = Q(key__in=sorted(keys)) if keys else Q()
    for prefix in sorted(prefixes):
        condition |= Q(key__gte=prefix, key__lt=prefix + "\uffff")
    holders: dict[str, list[int]] = defaultdict(list)
    for key, person_id in NameKey.objects.filter(condition).values_list("key", "person_id").iterator(chunk_size=5000):
        if key in keys:
            holders[key].append(person_id)
        head = key[: key.rfind("|") + 1]
        if head in prefixes:
            holders[head].append(person_id)
    return holders


def _visible_births(ids: Iterable[int], viewer: Viewer) -> dict[int, str | None]:
    """The visible ones among these people, with their birth dates."""
    ids = sorted(ids)
    born: dict[int, str | None] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start:start + IDS_PER_QUERY]
        for pid, birth in visible_people(Person.objects.filter(pk__in=among(chunk)), viewer).values_list(
                "id", "birth_date"):
            born[pid] = str(birth) if birth else None
    return born


def _people(ids: Iterable[int], born: dict[int, str | None]) -> dict[int, tuple[list[str], str | None]]:
    """These (visible) people's names, primary first, and birth dates."""
    names: dict[int, list[tuple[bool, int, str]]] = defaultdict(list)
    chosen = sorted(ids)
    for start in range(0, len(chosen), IDS_PER_QUERY):
        rows = PersonName.objects.filter(person_id__in=among(chosen[start:start + IDS_PER_QUERY]))
        for pid, pk, name, primary in rows.values_list("person_id", "id", "name", "is_primary"):
            names[pid].append((not primary, pk, name))
    return {pid: ([name for _p, _pk, name in sorted(names[pid])], born[pid]) for pid in chosen if names[pid]}


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
    return found + _word_search(searched, viewer, seen)


def _word_search(searched: list[str], viewer: Viewer, seen: Set[int] = frozenset()) -> list[tuple[int, float]]:
    """The people not `seen` already with a name word like each searched word, best first."""
    from django.db.models import Q

    from politzek.names.blocking import word_keys
    from politzek.names.search_keys import fold_spelling, word_key, words
    from politzek.names.similarity import compare_words

    people = visible_people(Person.objects.all(), viewer)
    for word in searched[:-1]:
        keys = [word_key(word), *("#" + key for key in word_keys(word))]
        people = people.filter(pk__in=NameKey.objects.filter(key__in=keys).values("person_id"))
    last = word_key(searched[-1])
    holding = Q(key__in=["#" + key for key in word_keys(searched[-1])])
    if len(last) >= 3:
        # A word being typed: every sound it begins. Two consonants begin too many to read
        # (the keys beginning "SK" are thousands of people's).
        holding |= Q(key__gte=last, key__lt=last + "\uffff")
    people = people.filter(pk__in=NameKey.objects.filter(holding).values("person_id"))
    folded = [(fold_spelling(word), word_key(word)) for word in searched]
    # Names read as plain rows, each distinct word folded once: thousands of model instances
    # and the same surname folded for every namesake took ~0.4 s a search on 100,000 people.
    # Those the matcher ranked already are left out before their names are read and compared
    # (for a surname, most of them: ~half of a new search's word-by-word work).
    ids = [i for i in people.values_list("id", flat=True)[:WORD_SEARCH_LIMIT] if i not in seen]
    names_of: dict[int, list[str]] = {}
    for person_id, name in PersonName.objects.filter(person_id__in=among(ids)).values_list("person_id", "name"):
        names_of.setdefault(person_id, []).append(name)
    spelled: dict[str, tuple[str, str]] = {}

    def spelling(word: str) -> tuple[str, str]:
        if word not in spelled:
            spelled[word] = (fold_spelling(word), word_key(word))
        return spelled[word]

    hits = []
    for person_id in ids:
        theirs = {spelling(w) for name in names_of.get(person_id, ()) for w in words(name)}
        scores = []
        for i, (word, key) in enumerate(folded):
            best = max((compare_words(word, other)[0] for other, _key in theirs), default=0.0)
            # The same sound (Kanary / Canary), or the beginning of a word being typed. A sound
            # of two consonants is too common to find a word by: "zzzzqq" sounds like Zhuk (SK).
            if len(word) >= 3 and len(key) >= 3 and any(key == other_key for _other, other_key in theirs):
                best = max(best, WORD_ALIKE)
            if i == len(folded) - 1 and len(word) >= 3 and any(other.startswith(word) for other, _key in theirs):
                best = max(best, WORD_ALIKE)
            scores.append(best)
        if scores and min(scores) >= WORD_ALIKE:
            hits.append((person_id, round(SEARCH_MIN * sum(scores) / len(scores), 3)))
    hits.sort(key=lambda item: (-item[1], item[0]))
    return hits
