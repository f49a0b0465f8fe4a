"""Candidate pairs for matching two lists (or a list with itself) without comparing everyone
with everyone: records meet when their surnames have the same key and their given names (or
initials) may be one name.

A word's key is its consonant skeleton (names.similarity) after the spelling folds, for each of
its readings, so the Belarusian, Russian and Ukrainian forms of a surname share one
(Калеснікава / Kolesnikova, Марчанка / Marchenko). A given name counts by its group in the
table (Uladzimir and Vladimir are both "v"), an initial by every group it may begin. Any word's
key alone also joins records, while few hold it (SMALL_BLOCK): that catches surnames and given
names written in each other's place."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from politzek.names.compare import name_orders
from politzek.names.cultures import is_placeholder
from politzek.names.given_names import familiar_form_of, given_name_group, initial_group_letters
from politzek.names.search_keys import fallback_readings, readings
from politzek.names.similarity import common_ending, skeleton

MAX_BLOCK = 400  # a surname-and-initial key held by more records than this joins none
SMALL_BLOCK = 30  # a single word's key joins records only while this few hold it


def _key(reading: str) -> str:
    key = skeleton(common_ending(reading))
    # A short word (Zhuk) keeps its spelling: one consonant would join too many.
    return key if len(key) >= 2 else "=" + reading


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """The blocking keys of one ASCII word: the skeleton of each of its readings."""
    return frozenset(_key(reading) for reading in (*readings(word), *fallback_readings(word)) if reading)


def _given_letters(word: str, persian: bool = False) -> frozenset[str]:
    group = given_name_group(word)
    letters = {group[:1].lower()} if group else {word[:1]}
    # Sasha is Aleksandr or Aleksandra: the letters of the names a familiar form stands for.
    letters |= {name[:1].lower() for name in familiar_form_of(word)}
    # Persian writes a first vowel as ا or ع, read a, e, i, o or u: امید (amyd) is Omid.
    if persian and word[:1] in "aeiou":
        letters |= set("aeiou")
    return frozenset(letters)


@lru_cache(maxsize=200_000)
def name_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of a written name: one per word and reading, and the surname keys each joined
    with the letter of the given name's group or of the initial ("mrcnk|i")."""
    return _name_keys(name)


def _name_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    from politzek.names.abjad import latin_rendering, writes_consonants

    if is_placeholder(name):  # "Unknown": no key, so no one is compared on it
        return frozenset(), frozenset()
    readings_of_name = name_orders(name)
    persian = writes_consonants(name)
    if persian:  # Persian script: its Latin rendering's keys too
        readings_of_name = (*readings_of_name, *name_orders(latin_rendering(name)))
    keys: set[str] = set()
    joined: set[str] = set()
    for parts in readings_of_name:
        words = [w for word in parts.words for w in word.split("-")]
        keys |= {key for word in words for key in word_keys(word)}
        letters: set[str] = set()
        for word in parts.given[:1]:
            letters |= _given_letters(word, persian)
        for initial in parts.initials[:1]:
            letters |= initial_group_letters(initial)
        surnames = [w for word in parts.surname for w in word.split("-")]
        # The consonants in order, and sorted: two letters swapped by a typo keep the second.
        surname_keys = {key for word in surnames for key in word_keys(word)}
        if len(surnames) > 1:  # one surname written as one word or two (Hassanpour / حسن پور)
            surname_keys |= word_keys("".join(surnames))
        surname_keys |= {"~" + "".join(sorted(key)) for key in surname_keys if not key.startswith("=")}
        joined |= {f"{key}|{letter}" for key in surname_keys for letter in letters or {"?"}}
    # Interned: the same keys recur across thousands of names (a dedupe holds them all).
    return frozenset(map(sys.intern, keys)), frozenset(map(sys.intern, joined))


KEY_LENGTH = 40  # flows.NameKey.key holds this many characters
PLAIN, JOINED = "#", "+"  # how the registry's stored keys mark the two kinds


def stored_keys(name: str) -> list[str]:
    """The blocking keys of a name as the registry stores them beside the search keys
    (flows.NameKey): word keys marked "#", surname-and-letter keys marked "+", so the public
    search, which reads the phonetic keys, never meets them."""
    plain, joined = name_keys(name)
    return sorted({(PLAIN + key)[:KEY_LENGTH] for key in plain} | {(JOINED + key)[:KEY_LENGTH] for key in joined})


@lru_cache(maxsize=50_000)
def _compact_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """name_keys as tuples: a dedupe of 100,000 people reads 200,000 names, many of them alike,
    and kept as frozensets (about 1 KB each) their keys held some 45 MB more at the peak."""
    plain, joined = _name_keys(name)
    return tuple(plain), tuple(joined)


def _row_keys(names: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of all of one record's names."""
    plain: set[str] = set()
    joined: set[str] = set()
    for name in names:
        keys, with_first = _compact_keys(name)
        plain.update(keys)
        joined.update(with_first)
    return tuple(plain), tuple(joined)


def _index(rows: Sequence[tuple[tuple[str, ...], tuple[str, ...]]]
           ) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    plain: dict[str, list[int]] = defaultdict(list)
    joined: dict[str, list[int]] = defaultdict(list)
    for row, (row_plain, row_joined) in enumerate(rows):
        for key in row_plain:
            plain[key].append(row)
        for key in row_joined:
            joined[key].append(row)
    return plain, joined


def candidate_pairs(left: Sequence[Iterable[str]], right: Sequence[Iterable[str]] | None = None
                    ) -> Iterator[tuple[int, int]]:
    """(left row, right row) pairs worth comparing, each once; with no `right`, pairs of
    different rows of `left` (i < j), for finding duplicates inside one list."""
    same_list = right is None
    left_keys = [_row_keys(names) for names in left]
    plain, joined = _index(left_keys if right is None else [_row_keys(names) for names in right])
    for row, (keys, with_first) in enumerate(left_keys):
        seen: set[int] = set()
        blocks = [joined[key] for key in with_first if key in joined and len(joined[key]) <= MAX_BLOCK]
        blocks += [plain[key] for key in keys if key in plain and len(plain[key]) <= SMALL_BLOCK]
        for block in blocks:
            for other in block:
                if other in seen or (same_list and other <= row):
                    continue
                seen.add(other)
                yield row, other
