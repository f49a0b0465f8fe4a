"""The titles of criminal-code articles, as published (data/article_titles.toml: Belarus's and
Russia's codes, the articles most used against political prisoners, each title with its
sources): a charge reads "BY-CC 342 — Организация и подготовка действий…" in the reader's
language instead of a bare number."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

# The language each reader's title falls back to: the codes are published in Russian, which
# Belarusian and Ukrainian readers read before an English rendering.
FALLBACK = {"en": ("en", "ru"), "ru": ("ru", "en"), "be": ("be", "ru", "en"), "uk": ("uk", "ru", "en")}
# Which code a country's charges are under, for a facet that shows article numbers alone.
CODE_OF_COUNTRY = {"BY": "BY-CC", "RU": "RU-CC", "UA": "UA-CC"}


@cache
def _titles() -> dict[tuple[str, str], dict[str, str]]:
    text = resources.files("politzek.registry").joinpath("data/article_titles.toml").read_text(encoding="utf-8")
    return {(entry["code"], entry["article"]): {language: entry.get(language, "") for language in FALLBACK}
            for entry in tomllib.loads(text)["articles"]}


def article_title(code: str, article: str, language: str = "en") -> str:
    """The article's title in this language or the nearest one published; "" when unknown."""
    titles = _titles().get((code, article), {})
    for each in FALLBACK.get(language, ("en", "ru")):
        if titles.get(each):
            return titles[each]
    return ""


def code_for(article: str, country: str | None = None) -> str | None:
    """The code an article number shown alone belongs to: the country's, else the one code
    that has a title for it (None when none or several do)."""
    if country and country.upper() in CODE_OF_COUNTRY:
        return CODE_OF_COUNTRY[country.upper()]
    codes = {code for code, number in _titles() if number == article}
    return codes.pop() if len(codes) == 1 else None
