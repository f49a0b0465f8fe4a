"""A country as people type it: its two-letter code (BY), or its name in Russian,
Belarusian, Ukrainian or English ("Беларусь", "Беларусь", "Білорусь", "Belarus"), in the
forms CLDR knows, any case. One reader for every form that asks for a country."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

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
