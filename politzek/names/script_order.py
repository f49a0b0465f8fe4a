"""Which of a person's names a page shows first: on the Russian, Belarusian and Ukrainian pages
a name in Cyrillic (in the page's own language when one is marked), on the English page one in
Latin letters; otherwise the record's primary name. A reader in Minsk looks for "Калеснікава",
a reader in London for "Kalesnikava"; both find the other spelling beside it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from django.utils.translation import get_language

_SCRIPT_OF_LANGUAGE = {"ru": "Cyrl", "be": "Cyrl", "uk": "Cyrl", "en": "Latn"}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
T = TypeVar("T")


def script_of(name: str, recorded: str = "") -> str:
    """The script a name is written in: as recorded, else read off its letters."""
    if recorded:
        return recorded
    if _CYRILLIC.search(name):
        return "Cyrl"
    if _LATIN.search(name):
        return "Latn"
    return ""


def reading_order(names: Sequence[T], name_of, script_of_name=None, language_of=None,  # type: ignore[no-untyped-def]
                  page_language: str | None = None) -> list[T]:
    """The names in the order this page shows them (a stable sort: primary first among equals,
    since callers pass them primary first)."""
    language = (page_language or get_language() or "en").split("-")[0]
    wanted = _SCRIPT_OF_LANGUAGE.get(language)
    if wanted is None or len(names) < 2:
        return list(names)

    def key(item: T) -> tuple[int, int]:
        script = script_of(name_of(item), script_of_name(item) if script_of_name else "")
        own_language = bool(language_of) and language_of(item) == language
        return (script != wanted, not own_language)

    return sorted(names, key=key)


def names_for_page(names: Sequence[str], page_language: str | None = None) -> list[str]:
    """Plain names (primary first) in this page's reading order."""
    return reading_order(names, lambda name: name, page_language=page_language)


def in_page_script(english: str, local: str, page_language: str | None = None) -> str:
    """An institution's name as this page reads it: its local name (Южный окружной военный суд,
    ИК-16, г. Барановичи) on Russian, Belarusian and Ukrainian pages, its English one otherwise
    or when no local name is recorded."""
    language = (page_language or get_language() or "en").split("-")[0]
    return local if local and _SCRIPT_OF_LANGUAGE.get(language) == "Cyrl" else english
