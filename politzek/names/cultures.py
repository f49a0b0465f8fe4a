"""Name structure beyond the East Slavic pattern, read from data/name_cultures.toml: honorifics
to drop (Seyed, Haj, Mirza), particles that never make two surnames agree on their own (al-,
bin, van, de), and given names written in two words that are one name (Mohammad Reza,
Gholam Hossein, Abdol Karim). Without them "Mohammad Reza Hajikhani" was read as the given
name Mohammad and a double surname "Reza Hajikhani", and matched "Mohammad Reza Majidi" on
the word Reza."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib.resources import files


@cache
def _data() -> dict[str, object]:
    return tomllib.loads(files("politzek.names").joinpath("data/name_cultures.toml").read_text("utf-8"))


@cache
def honorifics() -> frozenset[str]:
    return frozenset(_data()["honorifics"])  # type: ignore[arg-type]


@cache
def _placeholders() -> frozenset[str]:
    return frozenset(_data()["placeholder_names"])  # type: ignore[arg-type]


@lru_cache(maxsize=50_000)
def is_placeholder(name: str) -> bool:
    """Whether a list wrote this where the name is not known ("Unknown", "ناشناس", "N.N.")."""
    folded = "".join(char for char in name.casefold() if char.isalpha())
    return folded in _placeholders()


@cache
def east_asian_surnames() -> frozenset[str]:
    return frozenset(_data()["east_asian_surnames"])  # type: ignore[arg-type]


@cache
def particles() -> frozenset[str]:
    return frozenset(_data()["particles"])  # type: ignore[arg-type]


@cache
def _compounds() -> dict[str, frozenset[str] | None]:
    """First word → the second words it joins (None: any word)."""
    rules: dict[str, frozenset[str] | None] = {}
    for rule in _data()["compound"]:  # type: ignore[union-attr]
        second = None if rule["second"] == "*" else frozenset(rule["second"])
        for first in rule["first"]:
            known = rules.get(first, frozenset())
            rules[first] = None if second is None or known is None else known | second
    return rules


@cache
def _joined_pattern() -> re.Pattern[str]:
    """A word written joined: a first word, then one of its second words (or any, for "*")."""
    alternatives = []
    for first, seconds in _compounds().items():
        tail = "[a-z]{3,}" if seconds is None else "(?:" + "|".join(sorted(seconds)) + ")"
        alternatives.append(f"{first}{tail}")
    return re.compile("^(?:" + "|".join(alternatives) + ")$")


def _compound(first: str, second: str) -> bool:
    if first not in _compounds():
        return False
    seconds = _compounds()[first]
    return seconds is None or second in seconds


def without_honorifics(full: list[str], initials: int = 0) -> list[str]:
    """The words without honorifics and positions, as long as a name is left: a word and
    another word or an initial ("нач. Иванов И.И." is Иванов И.И.)."""
    kept = [word for word in full if word not in honorifics()]
    return kept if kept and len(kept) + initials >= 2 else full


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
    return _joined_pattern().match(word) is not None
