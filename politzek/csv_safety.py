"""CSV that a spreadsheet opens without running anything: a text cell starting with `=`, `+`,
`-`, `@`, a tab or a carriage return is read by Excel and LibreOffice as a formula
(`=HYPERLINK(…)` sends the reader elsewhere, `+cmd|…` runs a program). Such cells get a
leading apostrophe (OWASP's rule for CSV injection); a plain number such as -12 is left alone.
Every CSV politzek writes goes through these writers."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose rows are made safe cell by cell."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose values are made safe (the header is ours)."""

    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Any) -> None:
        for row in rowdicts:
            self.writerow(row)
