"""Dates typed into a form as people write them in Russian, Belarusian, Ukrainian and English:
"12.04.1991", "04.1991", "12 апреля 1991 г.", "красавік 1991", "12 April 1991", "April 12,
1991", besides "1991-04-12", "1991-04" and "1991". Read into a PartialDate with the precision
written; a slash or a two-digit year is refused rather than guessed (04/05/1991 is April in
one country and May in another)."""

from __future__ import annotations

import re
from functools import cache

from babel.dates import get_month_names

from politzek.registry.partial_date import PartialDate, PartialDateError

LANGUAGES = ("ru", "be", "uk", "en")
# "г.", "года", "год" (ru), "г." / "года" (be), "р.", "року" (uk) after the year.
_YEAR_WORD = r"(?:\s*(?:г\.?|года|год|гада|р\.?|року|рік))?"
_NUMERIC = re.compile(r"^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})" + _YEAR_WORD + r"$")
_DAY_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\s+)?([^\W\d_]+\.?)\s+(\d{4})" + _YEAR_WORD + r"$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+\.?)\s+(\d{1,2}),?\s+(\d{4})$")


@cache
def _month_numbers() -> dict[str, int]:
    """Every month name and abbreviation of the four languages, both grammatical forms
    ("апреля" as in a date, "апрель" alone), lower-case and without a final dot."""
    months: dict[str, int] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context=context, locale=language).items():
                    months[name.lower().rstrip(".")] = number
    return months


def _month(word: str) -> int | None:
    return _month_numbers().get(word.lower().rstrip("."))


def read_written_date(text: str) -> PartialDate | None:
    """The date `text` means, None when empty; PartialDateError naming the text otherwise."""
    text = " ".join(text.split()).replace("\u00a0", " ")
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except PartialDateError:
        pass
    day: str | None
    if match := _NUMERIC.match(text):
        day, month, year = match.groups()
        return _built(text, year, int(month), day)
    if (match := _DAY_MONTH_YEAR.match(text)) and (month_number := _month(match.group(2))):
        return _built(text, match.group(3), month_number, match.group(1))
    if (match := _MONTH_DAY_YEAR.match(text)) and (month_number := _month(match.group(1))):
        return _built(text, match.group(3), month_number, match.group(2))
    raise PartialDateError(f"{text!r} is not a date")


def _built(text: str, year: str, month: int, day: str | None) -> PartialDate:
    try:
        return PartialDate(int(year), month, int(day) if day else None)
    except PartialDateError as error:
        raise PartialDateError(f"{text!r}: {error}") from None
