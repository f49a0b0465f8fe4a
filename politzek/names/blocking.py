"""Candidate pairs for matching two lists (or a list with itself) without comparing everyone
with everyone: records meet when a word of their names has the same key.

A word's key is its consonant skeleton (names.similarity) after the spelling folds, for each of
its readings, so the Belarusian, Russian and Ukrainian forms of a surname share one
(Калеснікава / Kolesnikova, Марчанка / Marchenko). A key held by more than MAX_BLOCK records
(the Ivanovs of a national list) is used only together with the first letter of a given name
or initial, so a 100,000 × 100,000 comparison stays near a few million pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from politzek.names.parts import parse
from politzek.names.search_keys import readings
from politzek.names.similarity import common_ending, skeleton

MAX_BLOCK = 400


def _key(reading: str) -> str:
    key = skeleton(common_ending(reading))
    # A short word (Zhuk, Nina) keeps its spelling: one or two consonants would join too many.
    return key if len(key) >= 3 else "=" + reading


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """The blocking keys of one ASCII word: the skeleton of each of its readings."""
    return frozenset(_key(reading) for reading in readings(word) if reading)


@lru_cache(maxsize=200_000)
def name_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of a written name: one per word and reading, and the surname keys each joined
    with the first letter of the given name or initial ("mrcnk|i")."""
    parts = parse(name)
    words = [w for word in parts.words for w in word.split("-")]
    keys = frozenset(key for word in words for key in word_keys(word))
    firsts = {word[:1] for word in parts.given} | {initial[:1] for initial in parts.initials}
    surnames = [w for word in (parts.surname or parts.given) for w in word.split("-")]
    joined = frozenset(f"{key}|{first}" for word in surnames for key in word_keys(word) for first in firsts)
    return keys, joined


def _index(names_of: Sequence[Iterable[str]]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    plain: dict[str, list[int]] = defaultdict(list)
    joined: dict[str, list[int]] = defaultdict(list)
    for row, names in enumerate(names_of):
        row_plain: set[str] = set()
        row_joined: set[str] = set()
        for name in names:
            keys, with_first = name_keys(name)
            row_plain |= keys
            row_joined |= with_first
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
    right_index = _index(left if right is None else right)
    plain, joined = right_index
    for row, names in enumerate(left):
        seen: set[int] = set()
        for name in names:
            keys, with_first = name_keys(name)
            blocks = [plain[key] for key in keys if key in plain and len(plain[key]) <= MAX_BLOCK]
            blocks += [joined[key] for key in with_first if key in joined and len(joined[key]) <= MAX_BLOCK]
            for block in blocks:
                for other in block:
                    if other in seen or (same_list and other <= row):
                        continue
                    seen.add(other)
                    yield row, other
