"""Reading an organization's reported figures from a table (CSV, XLSX, ODS, JSON, YAML), one
figure per row, each with its source: `politzek figures import FILE` (docs/reported-figures.md).

Columns (header names; the order is free):
  organization   code or name: viasna, Вясна, memorial…  (required)
  country        ISO 3166-1 alpha-2 or a country name      (required)
  kind           total_held | newly_recognized | detained | sentenced | added_to_register | released
  value          a whole number ("1,135" and "1 135" are read as 1135)
  qualifier      exact (default) | at_least | more_than | about
  as_of          a total's day, YYYY-MM-DD
  period_start, period_end   a count's first and last day
  day_stated     yes (default): the source states the day; no: the day is the publication's
  source_url     the web address the figure comes from       (required)
  source_title, source_published, quote, note   (optional)

Every row is checked before anything is written: one bad row refuses the file with its row,
column and value (exit 2), and nothing is half-written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from politzek.ingest.errors import ImportError_, RowError
from politzek.ingest.readers import read_rows
from politzek.registry.countries import country_code
from politzek.registry.fields import is_web_address
from politzek.registry.partial_date import PartialDate, PartialDateError

KINDS = ("total_held", "newly_recognized", "detained", "sentenced", "added_to_register", "released")
QUALIFIERS = ("exact", "at_least", "more_than", "about")
REQUIRED = ("organization", "country", "kind", "value", "source_url")
KNOWN_COLUMNS = (*REQUIRED, "qualifier", "as_of", "period_start", "period_end", "day_stated", "source_title",
                 "source_published", "quote", "note")
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".ods": "ods", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class FigureRow:
    row: int | str
    organization: str  # a code
    country: str
    kind: str
    value: int
    qualifier: str
    as_of: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    day_stated: bool
    source_url: str
    source_title: str
    source_published: str
    quote: str
    note: str

    @property
    def key(self) -> str:
        """What a re-import of the same figure shares: who, where, what, when."""
        when = self.as_of.isoformat() if self.as_of else f"{self.period_start}/{self.period_end}"
        return f"reported:{self.organization}:{self.country}:{self.kind}:{when}:{self.source_url}"


def _organization_code(text: str) -> str | None:
    """A known organization's code (by code, name or alias), else the text if it is a code."""
    from politzek.registry.organizations import known_code

    return known_code(text) or (text.strip() if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", text.strip()) else None)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def read_figures(path: Path) -> list[FigureRow]:
    """Every row of the file as a FigureRow, or ImportError_ naming the first bad one."""
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise ImportError_(RowError(str(path), None, None, path.suffix,
                                    f"unknown file type; known: {', '.join(sorted(FORMATS))}"))
    figures = []
    for row in read_rows(path, file_format):
        if row.problem is not None:
            raise ImportError_(row.problem)
        figures.append(_figure(str(path), row.number, {k: (v or "").strip() for k, v in row.values.items() if k}))
    if not figures:
        raise ImportError_(RowError(str(path), None, None, None, "has no figures (only a header)"))
    return figures


def _figure(file: str, number: int | str, cells: dict[str, str]) -> FigureRow:
    def bad(column: str, reason: str) -> ImportError_:
        return ImportError_(RowError(file, number, column, cells.get(column), reason))

    unknown = sorted(set(cells) - set(KNOWN_COLUMNS))
    if unknown:
        raise ImportError_(RowError(file, number, unknown[0], None,
                                    f"unknown column; known: {', '.join(KNOWN_COLUMNS)}"))
    for column in REQUIRED:
        if not cells.get(column):
            raise bad(column, "is required")
    organization = _organization_code(cells["organization"])
    if organization is None:
        raise bad("organization", "is neither a known organization nor a code (lowercase letters, digits, -)")
    country = country_code(cells["country"])
    if country is None:
        raise bad("country", "is not a country (an ISO code such as BY, or a name such as Belarus)")
    kind = cells["kind"]
    if kind not in KINDS:
        raise bad("kind", f"is not a kind of figure; known: {', '.join(KINDS)}")
    digits = re.sub(r"[\s,.\u00a0\u202f]", "", cells["value"])
    if not digits.isdigit():
        raise bad("value", "is not a whole number of people")
    qualifier = cells.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise bad("qualifier", f"is not one of {', '.join(QUALIFIERS)}")
    days: dict[str, dt.date | None] = {}
    for column in ("as_of", "period_start", "period_end"):
        try:
            days[column] = _day(cells[column]) if cells.get(column) else None
        except ValueError:
            raise bad(column, "is not a day (YYYY-MM-DD)") from None
    if kind == "total_held":
        if days["as_of"] is None:
            raise bad("as_of", "a total held is as of one day: give the day")
        if days["period_start"] or days["period_end"]:
            raise bad("period_start", "a total held is as of one day, not a period")
    else:
        for column in ("period_start", "period_end"):
            if days[column] is None:
                raise bad(column, f"a count of {kind} covers a period: give its first and last day")
        if days["period_end"] < days["period_start"]:  # type: ignore[operator]
            raise bad("period_end", f"is before period_start {days['period_start']}")
    stated = (cells.get("day_stated") or "yes").casefold()
    if stated not in ("yes", "no", "true", "false", "1", "0"):
        raise bad("day_stated", "is yes or no")
    if not is_web_address(cells["source_url"]):
        raise bad("source_url", "is not an http(s) address")
    if cells.get("source_published"):
        try:
            PartialDate.parse(cells["source_published"])
        except PartialDateError:
            raise bad("source_published", "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return FigureRow(number, organization, country, kind, int(digits), qualifier, days["as_of"],
                     days["period_start"], days["period_end"], stated in ("yes", "true", "1"), cells["source_url"],
                     cells.get("source_title", ""), cells.get("source_published", ""), cells.get("quote", ""),
                     cells.get("note", ""))


def write_figures(figures: list[FigureRow], viewer: Any) -> tuple[int, int]:
    """Record the figures in one transaction: (created, updated). A figure already imported
    (same organization, country, kind, day or period and source) is updated, not doubled."""
    from django.db import transaction

    from politzek.registry import models as m
    from politzek.registry.organizations import organization_for
    from politzek.registry.writes import reuse_or_create

    created = updated = 0
    with transaction.atomic():
        for figure in figures:
            published = PartialDate.parse(figure.source_published) if figure.source_published else None
            source, _new = reuse_or_create(m.Source, viewer, {"url": figure.source_url},
                                           {"title": figure.source_title, "published": published,
                                            "as_of": figure.as_of or figure.period_end})
            values = {"organization": organization_for(figure.organization), "country": figure.country,
                      "kind": figure.kind, "value": figure.value, "qualifier": figure.qualifier,
                      "as_of": figure.as_of, "period_start": figure.period_start, "period_end": figure.period_end,
                      "day_stated": figure.day_stated, "source": source, "quote": figure.quote, "note": figure.note}
            _row, new = m.ReportedFigure.objects.update_or_create(source_key=figure.key, defaults=values)
            created, updated = created + new, updated + (not new)
    return created, updated
