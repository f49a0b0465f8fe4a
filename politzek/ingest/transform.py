"""One source row → one PersonRecord (plain data), or the errors that stop it.

No database here: the writer decides what is new, changed or unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rigour.text.scripts import text_scripts

from politzek.ingest.errors import RowError
from politzek.ingest.profile import PERSON_FIELDS, FieldRule, Profile
from politzek.ingest.readers import Row
from politzek.registry.models.base import Visibility
from politzek.registry.models.people import Consent, Gender
from politzek.registry.partial_date import PartialDate, PartialDateError
from politzek.registry.status import TimelineEvent, check_timeline

SCRIPT_CODES = {"Latin": "Latn", "Cyrillic": "Cyrl", "Arabic": "Arab", "Greek": "Grek", "Georgian": "Geor",
                "Armenian": "Armn", "Hebrew": "Hebr"}
# Person fields whose values must be one of a fixed set.
FIELD_CHOICES = {"gender": Gender.values, "visibility": Visibility.values, "consent": Consent.values}


@dataclass(frozen=True)
class NameRecord:
    name: str
    kind: str
    script: str
    language: str
    primary: bool


@dataclass(frozen=True)
class EventRecord:
    rule_id: str
    kind: str
    date: PartialDate | None
    organization: str | None = None
    description: str = ""


@dataclass
class PersonRecord:
    key: str
    row: int | str
    fields: dict[str, Any] = field(default_factory=dict)
    names: list[NameRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def parse_date(text: str, formats: tuple[str, ...]) -> PartialDate:
    """A partial date in the first of the profile's formats that fits ("iso" = YYYY[-MM[-DD]])."""
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
    raise PartialDateError(f"is not a date in the profile's formats ({shown}) or does not exist")


def _script(name: str, declared: str) -> str:
    if declared != "auto":
        return declared
    scripts = text_scripts(name)
    return SCRIPT_CODES.get(next(iter(scripts)), "") if len(scripts) == 1 else ""


class _RowReader:
    def __init__(self, profile: Profile, row: Row, file: str) -> None:
        self.profile, self.row, self.file = profile, row, file
        self.errors: list[RowError] = []

    def error(self, column: str | None, value: str | None, reason: str) -> None:
        self.errors.append(RowError(self.file, self.row.number, column, value, reason))

    def text(self, column: str) -> str | None:
        value = self.row.values.get(column)
        if value is None:
            return None
        value = value.strip()
        return None if value in self.profile.null_values else value

    def date(self, column: str) -> PartialDate | None:
        value = self.text(column)
        if value is None:
            return None
        try:
            return parse_date(value, self.profile.date_formats)
        except PartialDateError as error:
            self.error(column, value, str(error))
            return None

    def field_value(self, rule: FieldRule) -> Any:
        if rule.column is None:
            return rule.value
        value = self.text(rule.column)
        if value is None:
            if rule.required:
                self.error(rule.column, None, f"{rule.field} is required")
            return None
        kind = PERSON_FIELDS[rule.field]
        if kind == "list":
            parts = [p.strip() for p in value.split(rule.split or ";") if p.strip()]
            return [self._mapped(rule, p) for p in parts]
        if kind == "date":
            return self.date(rule.column)
        return self._mapped(rule, value)

    def _mapped(self, rule: FieldRule, value: str) -> Any:
        mapped = rule.map.get(value, rule.map.get(value.lower())) if rule.map else value
        if mapped is None:
            self.error(rule.column, value, f"is not one of the values the profile maps: {', '.join(rule.map or {})}")
            return None
        choices = FIELD_CHOICES.get(rule.field)
        if choices and mapped not in choices:
            self.error(rule.column, value, f"{rule.field} must be one of {', '.join(choices)}")
            return None
        if rule.field in ("country", "citizenships"):
            mapped = mapped.upper()
            if len(mapped) != 2 or not mapped.isalpha():
                self.error(rule.column, value, "is not a two-letter country code (ISO 3166-1)")
                return None
        return mapped


def transform(profile: Profile, row: Row, file: str) -> PersonRecord | list[RowError]:
    reader = _RowReader(profile, row, file)
    key = reader.text(profile.key)
    if key is None:
        return [RowError(file, row.number, profile.key, None, "the source key is empty; every row needs one")]
    record = PersonRecord(key=key, row=row.number)
    for name_rule in profile.names:
        name = reader.text(name_rule.column)
        if name:
            record.names.append(NameRecord(" ".join(name.split()), name_rule.kind, _script(name, name_rule.script),
                                           name_rule.language, name_rule.primary))
    if not record.names:
        reader.error(", ".join(r.column for r in profile.names) or None, None, "the row has no name")
    elif not any(n.primary for n in record.names):
        first = record.names[0]
        record.names[0] = NameRecord(first.name, first.kind, first.script, first.language, True)
    for rule in profile.fields:
        value = reader.field_value(rule)
        if value not in (None, []):
            record.fields[rule.field] = value
    for event_rule in profile.events:
        if event_rule.when and not any(reader.text(c) in values for c, values in event_rule.when.items()):
            continue
        date = None
        if event_rule.date:
            if reader.text(event_rule.date) is None:
                if not event_rule.when:
                    continue  # an empty date column means the event did not happen (yet)
            else:
                date = reader.date(event_rule.date)
        description = reader.text(event_rule.description) if event_rule.description else None
        record.events.append(EventRecord(event_rule.id, event_rule.kind, date, event_rule.organization,
                                         description or ""))
    for rule in profile.sources:
        value = reader.text(rule.column or "")
        if value:
            record.sources += [p.strip() for p in value.split(rule.split or "\n") if p.strip()]
    _check_events(profile, record, reader)
    return reader.errors or record


def _check_events(profile: Profile, record: PersonRecord, reader: _RowReader) -> None:
    """Impossible timelines within one row are errors naming the columns involved."""
    columns = {rule.id: rule.date for rule in profile.events}
    timeline = [TimelineEvent(kind=e.kind, date=e.date, id=e.rule_id, organization=e.organization)
                for e in record.events]
    for issue in check_timeline(timeline):
        if issue.severity != "error":
            continue
        dates = {e.rule_id: e.date for e in record.events}
        involved = [columns[str(i)] for i in issue.event_ids if columns.get(str(i))]
        values = [str(dates[str(i)]) for i in issue.event_ids if dates.get(str(i))]
        reader.error(", ".join(involved) or None, ", ".join(values) or None, issue.message)
