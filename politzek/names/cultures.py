"""Name structure beyond the East Slavic pattern, read from data/name_cultures.toml: honorifics
to drop (Seyed, Haj, Mirza), particles that never make two surnames agree on their own (al-,
bin, van, de), and given names written in two words that are one name (Mohammad Reza,
Gholam Hossein, Abdol Karim). Without them "Mohammad Reza Hajikhani" was read as the given
name Mohammad and a double surname "Reza Hajikhani", and matched "Mohammad Reza Majidi" on
the word Reza."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files


@cache
def _data() -> dict[str, object]:
    return tomllib.loads(files("politzek.names").joinpath("data/name_cultures.toml").read_text("utf-8"))


@cache
def honorifics() -> frozenset[str]:
    return frozenset(_data()["honorifics"])  # type: ignore[arg-type]


@cache
def particles() -> frozenset[str]:
    return frozenset(_data()["particles"])  # type: ignore[arg-type]


@cache
def _compounds() -> tuple[tuple[frozenset[str], frozenset[str] | None], ...]:
    rules = []
    for rule in _data()["compound"]:  # type: ignore[union-attr]
        second = rule["second"]
        rules.append((frozenset(rule["first"]), None if second == "*" else frozenset(second)))
    return tuple(rules)


def _compound(first: str, second: str) -> bool:
    return any(first in firsts and (seconds is None or second in seconds) for firsts, seconds in _compounds())


def without_honorifics(full: list[str]) -> list[str]:
    """The words without honorifics, as long as a name of two words or more is left."""
    kept = [word for word in full if word not in honorifics()]
    return kept if len(kept) >= 2 else full


def join_compounds(full: list[str], surname_elsewhere: bool = False) -> tuple[list[str], set[int]]:
    """The words with compound given names joined into one word ("mohammad", "reza" →
    "mohammadreza"; "abdol-karim" → "abdolkarim"), and the positions of the joined words.
    A join never leaves the name without another word to be its surname (unless the surname
    is `surname_elsewhere`: before a comma)."""
    out: list[str] = []
    joined: set[int] = set()
    i = 0
    while i < len(full):
        word = full[i]
        pieces = word.split("-")
        if len(pieces) == 2 and _compound(*pieces) and len(full) >= 2:
            joined.add(len(out))
            out.append("".join(pieces))
            i += 1
            continue
        if i + 1 < len(full) and _compound(word, full[i + 1]) and (len(full) >= 3 or surname_elsewhere):
            joined.add(len(out))
            out.append(word + full[i + 1])
            i += 2
            continue
        out.append(word)
        i += 1
    return out, joined


def is_compound_given(word: str) -> bool:
    """A word join_compounds made, or one written joined (mohammadreza, gholamhossein)."""
    return any(word.startswith(first) and len(word) > len(first) + 2 and
               (seconds is None or word[len(first):] in seconds)
               for firsts, seconds in _compounds() for first in firsts)
