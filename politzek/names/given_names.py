"""Given names across Belarusian, Russian, Ukrainian and their Latin spellings: the group of
equivalent forms (data/given_names.toml) that a word belongs to, so that Viktar and Viktor,
Siarhei and Сергей, Ales and Aleksandr are known to be one name.

Forms are compared after transliteration and the spelling folds of search_keys, so a group
needs each distinct spelling once, not each capitalisation or each ў/u."""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib.resources import files

from politzek.names.search_keys import fold_spelling, readings, words


class GivenNamesDataError(ValueError):
    """The table is inconsistent: one spelling in two groups would join two names."""


def _folded(form: str) -> str:
    return "".join(fold_spelling(word) for word in words(form))


@cache
def _table() -> list[dict[str, object]]:
    return tomllib.loads(files("politzek.names").joinpath("data/given_names.toml").read_text("utf-8"))["group"]


@cache
def _index() -> dict[str, str]:
    """Folded spelling → the group's name, from the table shipped with politzek."""
    index: dict[str, str] = {}
    for group in _table():
        for form in (group["name"], *group["forms"], *group.get("short", ())):  # type: ignore[misc]
            key = _folded(form)
            if index.setdefault(key, group["name"]) != group["name"]:
                raise GivenNamesDataError(
                    f"given_names.toml: {form!r} reads as {key!r}, already in group {index[key]!r}, "
                    f"and again in {group['name']!r}")
    return index


@lru_cache(maxsize=100_000)
def given_name_group(word: str) -> str | None:
    """The group (its Russian-based Latin name, e.g. "Aleksandr") of a given name in any
    script, or None for a name the table does not know. A Latin spelling that reads two ways
    (Viatcheslav, Mixail, Ûliâ) is looked up by each reading."""
    index = _index()
    found = index.get(_folded(word))
    if found:
        return found
    for reading in readings("".join(words(word))):
        if found := index.get(reading):
            return found
    return None


@cache
def _shared_short_index() -> dict[str, frozenset[str]]:
    """Folded familiar form → the names it may stand for (data/given_names.toml shared_short)."""
    table = tomllib.loads(files("politzek.names").joinpath("data/given_names.toml").read_text("utf-8"))
    return {_folded(form): frozenset(entry["names"]) for entry in table.get("shared_short", ())
            for form in entry["forms"]}


@lru_cache(maxsize=50_000)
def familiar_form_of(word: str) -> frozenset[str]:
    """The names a familiar form shared by several names may stand for (Sasha: Aleksandr or
    Aleksandra); empty for any other word."""
    return _shared_short_index().get(_folded(word), frozenset())


def same_given_name(left: str, right: str) -> bool:
    """Whether two given names are one name: the same group, or for names the table does not
    know, the same spelling once folded."""
    left_group, right_group = given_name_group(left), given_name_group(right)
    if left_group or right_group:
        return left_group == right_group
    return _folded(left) == _folded(right)


@cache
def forms_of(group: str) -> frozenset[str]:
    """Every spelling of a group's name, transliterated to lowercase ASCII (for initials:
    Uladzimir may appear as "V." in a Russian-language record)."""
    for entry in _table():
        if entry["name"] == group:
            return frozenset("".join(words(str(form))) for form in (entry["name"], *entry["forms"]))  # type: ignore[misc]
    return frozenset()


# Latin letters that begin the transliterations of one Cyrillic letter: Е is E, Ye, Je or Ie;
# Ю is Yu, Iu, Ju or U (ISO 9's Û); Я is Ya, Ia or Ja; Х is Kh, H, X or Ch; Г is G or
# H; Ц is Ts or C; Ч is Ch, C or Tch; Ш and Щ are Sh, S or Ch (French); Ж is Zh, Z or J.
TRANSLITERATION_CLASSES = ("eyji", "yiju", "yij", "gh", "khxc", "tc", "sc", "zj")


@cache
def _initials_of_groups() -> frozenset[frozenset[str]]:
    """Pairs of first letters that begin forms of one name in the table (Uladzimir and
    Vladimir: U and V; Mikalai and Nikolai: M and N; Ganna and Anna: G and A)."""
    pairs: set[frozenset[str]] = set()
    for entry in _table():
        letters = {form[:1] for form in forms_of(str(entry["name"])) if form}
        pairs.update(frozenset((a, b)) for a in letters for b in letters if a != b)
    return frozenset(pairs)


@lru_cache(maxsize=10_000)
def initial_group_letters(initial: str) -> frozenset[str]:
    """The first letters of the groups an initial may stand for: its own letter, the letters
    its Cyrillic may have become (Ю. is Yu, Iu, Ju or Û), and every group with a form
    beginning with one of them (U. may be Uladzimir, so Vladimir's v)."""
    first = {initial[:1]} | {c for letters in TRANSLITERATION_CLASSES if initial[:1] in letters for c in letters}
    found = set(first)
    for entry in _table():
        group = str(entry["name"])
        if any(form[:1] in first for form in forms_of(group)):
            found.add(group[:1].lower())
    return frozenset(found)


def initials_compatible(left: str, right: str, across_languages: bool = True) -> bool:
    """Whether two initials (or an initial and a name's beginning, transliterated) may stand
    for one name: the same letter, letters one Cyrillic letter is transliterated to, or
    (`across_languages`, for two initials) letters that begin forms of one name in the table.
    An initial against a known name is checked against that name's own forms instead."""
    if not left or not right:
        return False
    a, b = left[0], right[0]
    if a == b:
        return True
    if any(a in letters and b in letters for letters in TRANSLITERATION_CLASSES):
        return True
    return across_languages and frozenset((a, b)) in _initials_of_groups()
