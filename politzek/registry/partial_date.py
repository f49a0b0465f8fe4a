"""Dates as documents give them: a year, a month or a day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).

A partial date keeps the precision it was written with and knows the earliest and latest day
it can mean, so that comparisons never pretend to know more than the source said.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache, total_ordering

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Documented political-prisoner cases start in the 20th century; anything before 1900 is a
# typing error (a swapped day and year, say) rather than a real date.
MIN_YEAR = 1900
MAX_YEAR = 2100


class PartialDateError(ValueError):
    """A value that is not a partial date; the message names the value and the rule broken."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    # The first and last day this value can mean, computed once: derivation reads them for
    # every event of every person.
    _earliest: dt.date = field(init=False, repr=False, compare=False)
    _latest: dt.date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._validate()
        object.__setattr__(self, "_earliest", dt.date(self.year, self.month or 1, self.day or 1))
        month = self.month or 12
        last = self.day or calendar.monthrange(self.year, month)[1]
        object.__setattr__(self, "_latest", dt.date(self.year, month, last))

    def _validate(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PartialDateError(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if self.month is None:
            if self.day is not None:
                raise PartialDateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise PartialDateError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                )

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise PartialDateError naming the value."""
        return _parse(str(value).strip())

    @classmethod
    def _parse_text(cls, text: str) -> PartialDate:
        match = _PATTERN.match(text)
        if not match:
            raise PartialDateError(
                f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            return cls(year, month, day)  # type: ignore[arg-type]
        except PartialDateError as error:
            raise PartialDateError(f"{text!r}: {error}") from None

    @classmethod
    def coerce(cls, value: PartialDate | dt.date | str | None) -> PartialDate | None:
        """Accept a PartialDate, a full date, a string or None (unknown)."""
        if value is None or value == "":
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls.from_date(value)
        return cls.parse(value)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> dt.date:
        """The first day this value can mean."""
        return self._earliest

    @property
    def latest(self) -> dt.date:
        """The last day this value can mean."""
        return self._latest

    def certainly_before(self, other: PartialDate) -> bool:
        """True when every day this can mean comes before every day `other` can mean."""
        return self.latest < other.earliest

    def overlaps(self, other: PartialDate) -> bool:
        """True when the two values may mean the same day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day))

    def _sort_key(self) -> tuple[dt.date, dt.date]:
        # Earliest day first; at the same earliest day the more precise value sorts first,
        # so "2024" < "2024-05-01" < "2024-05" < "2024-06".
        return (self.earliest, self.latest)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()


# Partial dates are immutable and a registry holds a few thousand distinct ones, so parsed
# values are shared: reading a million events parses each distinct date once.
_parse = lru_cache(maxsize=65536)(PartialDate._parse_text)


def parse_date(text: str, formats: tuple[str, ...]) -> PartialDate:
    """A partial date in the first of these formats that fits ("iso" = YYYY[-MM[-DD]], others as
    strptime writes them): an import profile's formats, or a list's."""
    for date_format in formats:
        if date_format == "iso":
            try:
                return PartialDate.parse(text)
            except PartialDateError:
                continue
        try:
            parsed = dt.datetime.strptime(text, date_format)
        except ValueError:
            continue
        day = parsed.day if "%d" in date_format else None
        month = parsed.month if ("%m" in date_format or "%b" in date_format or "%B" in date_format) else None
        return PartialDate(parsed.year, month, day)
    shown = ", ".join("YYYY[-MM[-DD]]" if f == "iso" else f for f in formats)
    raise PartialDateError(f"is not a date in the formats ({shown}) or does not exist")
