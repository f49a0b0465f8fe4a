"""Given names across Belarusian, Russian, Ukrainian and their Latin spellings: the group of
equivalent forms (data/given_names.toml) that a word belongs to, so that Viktar and Viktor,
Siarhei and Сергей, Ales and Aleksandr are known to be one name.

Forms are compared after transliteration and the spelling folds of search_keys, so a group
needs each distinct spelling once, not each capitalisation or each ў/u."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files

from politzek.names.search_keys import fold_spelling, words


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
        for form in (group["name"], *group["forms"]):
            key = _folded(form)
            if index.setdefault(key, group["name"]) != group["name"]:
                raise GivenNamesDataError(
                    f"given_names.toml: {form!r} reads as {key!r}, already in group {index[key]!r}, "
                    f"and again in {group['name']!r}")
    return index


def given_name_group(word: str) -> str | None:
    """The group (its Russian-based Latin name, e.g. "Aleksandr") of a given name in any
    script, or None for a name the table does not know."""
    return _index().get(_folded(word))


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
