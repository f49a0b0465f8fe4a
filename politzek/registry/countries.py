"""A country as people type it: its two-letter code (BY), or its name in Russian,
Belarusian, Ukrainian or English ("Беларусь", "Беларусь", "Білорусь", "Belarus"), in the
forms CLDR knows, any case; inside a few words and inflected ("to the United States",
"России": country_in); as a citizenship ("dual US-Iranian": citizenships_in). One reader for
every form and list that asks for a country."""

from __future__ import annotations

import functools
import re
from functools import cache

from babel import Locale
from django.utils.translation import get_language

LANGUAGES = ("en", "ru", "be", "uk")
# Names in common use that CLDR's lists leave out.
OTHER_NAMES = {"белоруссия": "BY", "byelorussia": "BY", "россия": "RU", "российская федерация": "RU",
               "russian federation": "RU", "расія": "RU", "росія": "RU", "usa": "US", "сша": "US",
               "зша": "US", "great britain": "GB", "uk": "GB",
               # Short forms in common use: the Russian Federation, the Federal Republic of Germany,
               # the Republic of Belarus.
               "rf": "RU", "рф": "RU", "фрг": "DE", "frg": "DE", "рб": "BY"}
_CODE = re.compile(r"[A-Za-z]{2}")
# CLDR's codes that are no country: unknown region, European Union, eurozone, UN, outlying Oceania.
NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO"}


@cache
def _codes_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                names.setdefault(name.casefold(), code)
    names.update(OTHER_NAMES)
    return names


def country_code(text: str) -> str | None:
    """The ISO 3166 code `text` names, None when it names no country."""
    text = " ".join(text.split())
    if not text:
        return None
    if _CODE.fullmatch(text):
        code = text.upper()
        return code if code in Locale.parse("en").territories and code not in NOT_COUNTRIES else None
    return _codes_by_name().get(text.casefold())


# Demonyms in common use that do not begin like the country's name ("British", not "United
# Kingdom…"): the rest are read off CLDR's names ("Ukrainian" → Ukraine, "Iranian" → Iran).
DEMONYMS = {"american": "US", "british": "GB", "english": "GB", "scottish": "GB", "welsh": "GB", "polish": "PL",
            "dutch": "NL", "swiss": "CH", "french": "FR", "czech": "CZ", "danish": "DK", "swedish": "SE",
            "finnish": "FI", "turkish": "TR", "spanish": "ES", "irish": "IE", "greek": "GR", "filipino": "PH"}
_SKIPPED = {"dual", "citizen", "citizens", "citizenship", "national", "nationals", "nationality", "and", "of", "the"}


@cache
def _english_names() -> dict[str, str]:
    return {name.casefold(): code for code, name in Locale.parse("en").territories.items()
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES}


def demonym_code(word: str) -> str | None:
    """The country an adjective of citizenship names ("Ukrainian", "Iranian", "German")."""
    folded = word.casefold()
    if folded in DEMONYMS:
        return DEMONYMS[folded]
    if len(folded) < 5:
        return None
    names = _english_names()
    for cut in range(0, 4):
        stem = folded[: len(folded) - cut] if cut else folded
        if len(stem) < 4:
            break
        found = {code for name, code in names.items() if name.startswith(stem) and len(name) - len(stem) <= 2
                 and " " not in name}
        if len(found) == 1:
            return found.pop()
    return None


def citizenships_in(text: str) -> list[str]:
    """The countries a citizenship cell names, in order: "US; British", "dual US-Iranian",
    "Iranian-American", "Belarus, Poland", "Россия и Израиль"."""
    found: list[str] = []
    for part in re.split(r"\s*(?:[,;/]|\band\b|\bи\b|\bі\b)\s*", text or ""):
        code = country_in(part) if part.strip() else None
        codes = [code] if code else [demonym_code(word) or country_code(word)
                                     for word in re.split(r"[\s\-]+", part) if word and word.casefold() not in _SKIPPED]
        for each in codes:
            if each and each not in found:
                found.append(each)
    return found


# Case endings of Russian, Belarusian and Ukrainian country names, and the nominative endings
# they come from: "России" → "Россия", "Беларуси" → "Беларусь", "Германию" → "Германия".
_ENDINGS = (("ии", "ия"), ("ию", "ия"), ("ией", "ия"), ("ію", "ія"), ("ії", "ія"), ("ыі", "ыя"), ("ую", "ая"),
            ("и", "ь"), ("і", "ь"), ("ы", "а"), ("у", "а"), ("е", "а"), ("и", "а"), ("і", "а"), ("ю", "я"), ("і", "я"))


def country_in(text: str) -> str | None:
    """The country a few words name ("the United States", "России", "to_russia"'s "russia"),
    trying the whole text, then shorter beginnings, then the nominative of an inflected word."""
    words = [w for w in re.split(r"[\s_]+", text.strip(" .\t\n\"'«»")) if w]
    if words and words[0].casefold() == "the":
        words = words[1:]
    for length in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:length])
        code = country_code(phrase) or (country_code(phrase.replace(".", "")) if "." in phrase else None)
        if code:
            return code
        if length == 1:
            folded = phrase.casefold()
            for ending, nominative in _ENDINGS:
                if folded.endswith(ending) and len(folded) > len(ending) + 2:
                    code = country_code(folded[: -len(ending)] + nominative)
                    if code:
                        return code
    return None


def country_name(code: str) -> str:
    """The country's name in the active language (CLDR through Babel), or the code as given."""
    if not code:
        return ""
    return _territories((get_language() or "en").split("-")[0]).get(code.upper(), code)


@functools.lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    """CLDR's country names in one language, read once: a deal page names a country beside
    each of its hundreds of releases, and parsing the locale each time was most of that."""
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}
