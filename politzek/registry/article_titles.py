"""The titles of criminal-code articles, as published (data/article_titles.toml: Belarus's and
Russia's codes, the articles most used against political prisoners, each title with its
sources): a charge reads "BY-CC 342 — Организация и подготовка действий…" in the reader's
language instead of a bare number."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

# The language each reader's title falls back to: the codes are published in Russian, which
# Belarusian and Ukrainian readers read; never an English label on their pages (an article
# with no title in the page's language or the code's shows its number alone).
FALLBACK = {"en": ("en", "ru"), "ru": ("ru",), "be": ("be", "ru"), "uk": ("uk", "ru")}
# Which code a country's charges are under, for a facet that shows article numbers alone.
CODE_OF_COUNTRY = {"BY": "BY-CC", "RU": "RU-CC", "UA": "UA-CC"}


@cache
def _titles() -> dict[tuple[str, str], dict[str, str]]:
    text = resources.files("politzek.registry").joinpath("data/article_titles.toml").read_text(encoding="utf-8")
    return {(entry["code"], entry["article"]): {language: entry.get(language, "") for language in FALLBACK}
            for entry in tomllib.loads(text)["articles"]}


def title_language(code: str, article: str, language: str = "en") -> str:
    """The language of the title shown to a reader of this language ("" when none is known)."""
    titles = _titles().get((code, article), {})
    return next((each for each in FALLBACK.get(language, ("en", "ru")) if titles.get(each)), "")


def article_title(code: str, article: str, language: str = "en") -> str:
    """The article's title in this language or the nearest one published; "" when unknown."""
    found = title_language(code, article, language)
    return _titles()[(code, article)][found] if found else ""


def split_charge(text: str) -> tuple[str, str, str]:
    """A charge as stored ("BY-CC 342 part 2", models.Charge.__str__): code, article, part."""
    words = text.split()
    if len(words) >= 4 and words[2] == "part":
        return words[0], words[1], " ".join(words[3:])
    if len(words) == 2:
        return words[0], words[1], ""
    return text, "", ""


def code_for(article: str, country: str | None = None) -> str | None:
    """The code an article number shown alone belongs to: the country's, else the one code
    that has a title for it (None when none or several do)."""
    if country and country.upper() in CODE_OF_COUNTRY:
        return CODE_OF_COUNTRY[country.upper()]
    codes = {code for code, number in _titles() if number == article}
    return codes.pop() if len(codes) == 1 else None
