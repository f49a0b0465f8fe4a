"""One source row → one PersonRecord (plain data), or the errors that stop it.

No database here: the writer decides what is new, changed or unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from rigour.text.scripts import text_scripts

from politzek.ingest.articles import charges_in_text
from politzek.ingest.articles import parse_charge as read_charge
from politzek.ingest.errors import RowError
from politzek.ingest.profile import PERSON_FIELDS, EventRule, FieldRule, Profile, column_index
from politzek.ingest.readers import Row
from politzek.names.characters import forbidden_in_name
from politzek.registry.fields import is_web_address
from politzek.registry.models.base import Visibility
from politzek.registry.models.people import Consent, Gender
from politzek.registry.partial_date import PartialDate, PartialDateError, parse_date
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
    deal: str | None = None  # the deal's id or name as the row gives it (the importer resolves it)
    part: str = ""  # tells apart the events one rule makes for one row (one per organization)

    @property
    def key_part(self) -> str:
        """The event's part of its source key: the rule, and the part when there is one."""
        return f"{self.rule_id}:{self.part}" if self.part else self.rule_id


@dataclass(frozen=True)
class ChargeRecord:
    article: str
    part: str
    label: str


@dataclass(frozen=True)
class CaseRecord:
    jurisdiction: str = ""
    code_system: str = ""
    case_number: str = ""
    court: str = ""
    charges: tuple[ChargeRecord, ...] = ()
    sentence_date: PartialDate | None = None
    sentence_kind: str | None = None
    term_days: int | None = None
    term_text: str = ""
    judge: str | None = None
    counsel: str | None = None


@dataclass(frozen=True)
class FacilityRecord:
    name: str
    address: str
    country: str


@dataclass
class PersonRecord:
    key: str
    row: int | str
    fields: dict[str, Any] = field(default_factory=dict)
    names: list[NameRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # The facts each source supports (event kinds or rule ids), when its column says; a source
    # not named here supports every fact of the row.
    source_facts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    case: CaseRecord | None = None
    facility: FacilityRecord | None = None
    statement_url: str | None = None
    biography: tuple[str, str] | None = None  # (language, text)
    # Long format (rows = "many"): the person's other rows, each with its own events, case and
    # facility; their key is the person's key and the row's spell.
    parts: list[PersonRecord] = field(default_factory=list)
    deal_columns: dict[str, str] = field(default_factory=dict)  # deal text → the column it came from
    spell: str | None = None  # long format: the row's value of the profile's spell column
    as_of: dt.date | None = None  # the day the row's information is as of (profile as_of / as_of_column)

    def sources_of(self, event: EventRecord) -> list[str]:
        """The sources that support this event: those given for its kind or rule, and those
        given for every fact."""
        return [url for url in self.sources if url not in self.source_facts
                or event.kind in self.source_facts[url] or event.rule_id in self.source_facts[url]]


# Units as lists write them in English, Russian, Belarusian and Ukrainian ("3 года", "6 месяцев",
# "2 гады", "5 років").
_UNITS = {"year": r"years?|год[а]?|лет|гады|гадоў|год|рок[иі]?|років",
          "month": r"months?|месяц[аев]*|мес\.?|месяцы|месяцаў|місяц[іья]*|міс\.?",
          "day": r"days?|дн[ейяі]*|дзён|дзень|сут[ок]*"}
_TERM = re.compile(r"(?P<whole>\d+)(?:\s+(?P<num>\d)/(?P<den>\d))?\s*(?P<unit>"
                   + "|".join(f"(?P<{unit}>{words})" for unit, words in _UNITS.items()) + r")\b", re.I)
_UNIT_DAYS = {"year": 365, "month": 30, "day": 1}
def parse_term(text: str) -> int | None:
    """Days in a term written as "6 years", "2 1/2 years", "1 year 6 months" or "19 months";
    None when the text holds no term. A year counts 365 days and a month 30."""
    total = 0.0
    for match in _TERM.finditer(text):
        amount = int(match["whole"]) + (int(match["num"]) / int(match["den"]) if match["num"] else 0)
        unit = next(name for name in _UNITS if match[name])
        total += amount * _UNIT_DAYS[unit]
    return round(total) or None


def parse_charge(text: str) -> ChargeRecord | None:
    """The charge one cell names (ingest/articles.py reads articles as people write them)."""
    charge = read_charge(text)
    return ChargeRecord(charge.article, charge.part, charge.label) if charge else None


def script_code(name: str, declared: str = "auto") -> str:
    """The ISO 15924 code of a name's script (declared, or detected when "auto"); empty when mixed."""
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

    def columns(self, pattern: str) -> list[str]:
        """The row's columns matching a pattern: `articles/*`, `sources/*/url`, or one name."""
        if "*" not in pattern:
            return [pattern]
        found = [(index, column) for column in self.row.values
                 if (index := column_index(pattern, column)) is not None]
        return [column for _index, column in sorted(found)]

    def matches(self, rule: EventRule) -> bool:
        """Whether the row satisfies the rule's conditions (all of them when several)."""
        if rule.when and not any(self.text(c) in values for c, values in rule.when.items()):
            return False
        if rule.when_contains and not any(
            fragment.lower() in (self.text(c) or "").lower()
            for c, fragments in rule.when_contains.items() for fragment in fragments
        ):
            return False
        return not (rule.unless_contains and any(
            fragment.lower() in (self.text(c) or "").lower()
            for c, fragments in rule.unless_contains.items() for fragment in fragments
        ))

    def text(self, column: str) -> str | None:
        value = self.row.values.get(column)
        if value is None:
            return None
        value = value.strip()
        return None if value in self.profile.null_values else value

    def date(self, column: str) -> PartialDate | None:
        value = self.text(column)
        if value is None or value.casefold() in self.profile.unknown_dates:
            return None
        return self.date_text(column, value)

    def date_text(self, column: str, value: str) -> PartialDate | None:
        value = without_placeholder(value, self.profile.placeholder_dates)
        try:
            return parse_date(value, self.profile.date_formats)
        except PartialDateError as error:
            self.error(column, value, str(error))
            return None

    def field_value(self, rule: FieldRule) -> Any:
        if rule.age:
            return self.birth_from_age(rule)
        if rule.column is None:
            return rule.value
        value = self.text(rule.column)
        if value is None:
            if rule.required:
                self.error(rule.column, None, f"{rule.field} is required")
            return None
        if rule.pattern:
            found = re.search(rule.pattern, value)
            if found is None:
                self.error(rule.column, value, f"the profile's pattern {rule.pattern!r} finds nothing in it")
                return None
            value = (found.group(1) if found.re.groups else found.group(0)).strip()
        kind = PERSON_FIELDS[rule.field]
        if kind == "list":
            parts = [p.strip() for p in value.split(rule.split or ";") if p.strip()]
            return [self._mapped(rule, p) for p in parts]
        if kind == "date":
            return self.date_text(rule.column, value)
        return self._mapped(rule, value)

    def birth_from_age(self, rule: FieldRule) -> PartialDate | None:
        """The likelier year of birth of someone `age` years old on the rule's date: an age
        spans two calendar years of birth, and the year holding more of that span is taken
        (someone 30 on 7 October 2023 was born between 8 October 1992 and 7 October 1993:
        1993). The year may be one off; the profile's documentation says so."""
        assert rule.age is not None
        text = self.text(rule.age)
        if text is None:
            return None
        number = text.split()[0].rstrip("+~")
        if not number.isdigit() or not 0 <= int(number) <= 130:
            self.error(rule.age, text, "is not an age in whole years (0–130)")
            return None
        at = PartialDate.parse(rule.at) if rule.at else (self.date(rule.at_column) if rule.at_column else None)
        if at is None:
            if rule.at_column and self.text(rule.at_column) is None:
                self.error(rule.at_column, None, "the date the age was given at is empty")
            return None
        day = at.earliest if at.precision == 3 else at.earliest.replace(month=7, day=1)
        year = day.year - int(number) - (0 if day.timetuple().tm_yday > 182 else 1)
        try:
            return PartialDate(year)
        except PartialDateError as error:
            self.error(rule.age, text, str(error))
            return None

    def _mapped(self, rule: FieldRule, value: str) -> Any:
        mapped = _map_value(rule, value)
        if mapped is None:
            known = [*(rule.map or {}), *(rule.map_contains or {}), *(rule.map_pattern or {})]
            self.error(rule.column, value, f"is not one of the values the profile maps: {', '.join(known)}")
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


def _map_value(rule: FieldRule, value: str) -> Any:
    """A cell's value through the rule's maps: exact (any case), then by fragment, then by
    pattern; the rule's default (None when it has none) when no map takes it; the value
    itself when the rule maps nothing."""
    if not (rule.map or rule.map_contains or rule.map_pattern):
        return value
    if rule.map:
        found = rule.map.get(value, rule.map.get(value.lower()))
        if found is not None:
            return found
        lowered = {key.lower(): mapped for key, mapped in rule.map.items()}
        if value.lower() in lowered:
            return lowered[value.lower()]
    for fragment, mapped in (rule.map_contains or {}).items():
        if fragment.lower() in value.lower():
            return mapped
    for pattern, mapped in (rule.map_pattern or {}).items():
        if re.search(pattern, value, re.IGNORECASE):
            return mapped
    return rule.default


def _row_key(profile: Profile, reader: _RowReader) -> str | list[RowError]:
    parts = []
    for column in profile.key_columns:
        value = reader.text(column)
        if value is None:
            return [RowError(reader.file, reader.row.number, column, None,
                             "the source key is empty; every row needs one")]
        parts.append(value)
    return " | ".join(parts)


def organization_code(profile: Profile, text: str) -> str | None:
    """The code of the organization a cell names: by code, name or alias, in the profile's
    [organizations] table or among those politzek knows; None when none."""
    from politzek.registry.organizations import known_code

    wanted = text.strip().casefold()
    for spec in profile.organizations:
        if wanted in {spec.code.casefold(), spec.name.casefold(), *(a.casefold() for a in spec.aliases)}:
            return spec.code
    return known_code(text)


def _event_date(reader: _RowReader, rule: EventRule) -> tuple[bool, PartialDate | None]:
    """Whether the row has the event (its conditions already hold), and its date."""
    if rule.date_value:
        return True, PartialDate.parse(rule.date_value)
    if not rule.date:
        return True, None
    text = reader.text(rule.date)
    if text is not None and text.casefold() in reader.profile.unknown_dates:
        return True, None  # it happened; the day is unknown
    if text is None:
        # An empty date means the event did not happen (yet), unless the profile says.
        said = bool(rule.undated_when) and any(reader.text(column) in values
                                               for column, values in (rule.undated_when or {}).items())
        return rule.undated or said, None
    if rule.date_map:
        mapped = {key.casefold(): value for key, value in rule.date_map.items()}.get(text.casefold())
        if mapped is not None:
            return True, PartialDate.parse(mapped)
    if rule.date_pattern:
        found = re.search(rule.date_pattern, text)
        if found is None:
            if rule.date_map:
                reader.error(rule.date, text, f"is neither a date the profile's date_map names nor one its "
                                              f"date_pattern {rule.date_pattern!r} finds")
            else:
                reader.error(rule.date, text, f"the profile's date_pattern {rule.date_pattern!r} finds no date in it")
            return True, None
        text = (found.group(1) if found.re.groups else found.group(0)).strip()
    elif rule.date_map:
        try:
            return True, parse_date(without_placeholder(text, reader.profile.placeholder_dates),
                                    reader.profile.date_formats)
        except PartialDateError:
            reader.error(rule.date, text, f"is neither a date nor a text the profile's date_map names "
                                          f"({', '.join(rule.date_map)})")
            return True, None
    return True, reader.date_text(rule.date, text)


def _as_of(profile: Profile, reader: _RowReader) -> dt.date | None:
    """The day the row's information is as of: its as_of_column's date, else the profile's
    (a month or a year counts from its last day: the list held by then), never after today."""
    text = reader.text(profile.as_of_column) if profile.as_of_column else None
    if text:
        date = reader.date_text(profile.as_of_column, text)  # type: ignore[arg-type]
    else:
        date = PartialDate.parse(profile.as_of) if profile.as_of else None
    return min(date.latest, dt.date.today()) if date else None


def transform(profile: Profile, row: Row, file: str) -> PersonRecord | list[RowError]:
    reader = _RowReader(profile, row, file)
    key = _row_key(profile, reader)
    if isinstance(key, list):
        return key
    record = PersonRecord(key=key, row=row.number, as_of=_as_of(profile, reader))
    for name_rule in profile.names:
        for column in reader.columns(name_rule.column):
            cell = reader.text(column)
            for name in (cell.split(name_rule.split) if cell and name_rule.split else [cell]):
                name = " ".join((name or "").split())
                if name and (forbidden := forbidden_in_name(name)):
                    reader.error(column, name.encode("unicode_escape").decode("ascii"),
                                 f"holds {forbidden}, which no name may hold")
                    continue
                if name and name not in [n.name for n in record.names]:
                    script = script_code(name, name_rule.script)
                    record.names.append(NameRecord(name, name_rule.kind, script, name_rule.language,
                                                   name_rule.primary))
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
        if not reader.matches(event_rule):
            continue
        happened, date = _event_date(reader, event_rule)
        if not happened:
            continue
        description = reader.text(event_rule.description) if event_rule.description else None
        deal = event_rule.deal_value or (reader.text(event_rule.deal) if event_rule.deal else None)
        if deal and event_rule.deal:
            record.deal_columns[deal] = event_rule.deal
        if event_rule.organization_column:
            cell = reader.text(event_rule.organization_column) or ""
            named = [p.strip() for p in (cell.split(event_rule.organization_split)
                                         if event_rule.organization_split else [cell]) if p.strip()]
            for text in named:
                code = organization_code(profile, text)
                if code is None:
                    reader.error(event_rule.organization_column, text,
                                 "is no organization the profile's [organizations] table or politzek knows "
                                 "(by code, name or alias)")
                    continue
                record.events.append(EventRecord(event_rule.id, event_rule.kind, date, code, description or "",
                                                 deal, part=code))
            continue
        record.events.append(EventRecord(event_rule.id, event_rule.kind, date, event_rule.organization,
                                         description or "", deal))
    for rule in profile.sources:
        for column in reader.columns(rule.column or ""):
            value = reader.text(column)
            for address in (p.strip() for p in (value or "").split(rule.split or "\n")):
                if not address:
                    continue
                if not is_web_address(address):
                    reader.error(column, address, "is not an http(s) address; sources are linked from pages")
                    continue
                if address not in record.sources:
                    record.sources.append(address)
                    if rule.facts:
                        record.source_facts[address] = rule.facts
                elif address in record.source_facts:  # also given for these facts, or for all
                    record.source_facts[address] = (*record.source_facts[address], *rule.facts) if rule.facts \
                        else ()
                    if not record.source_facts[address]:
                        del record.source_facts[address]
    _read_case(profile, record, reader)
    if profile.facility:
        name = reader.text(profile.facility.name)
        if name:
            address = reader.text(profile.facility.address) if profile.facility.address else None
            record.facility = FacilityRecord(name, address or "", profile.facility.country)
    if profile.recognition and profile.recognition.statement_url:
        record.statement_url = reader.text(profile.recognition.statement_url)
        if record.statement_url and not is_web_address(record.statement_url):
            reader.error(profile.recognition.statement_url, record.statement_url, "is not an http(s) address")
            record.statement_url = None
    if profile.biography:
        text = reader.text(profile.biography.column)
        if text:
            record.biography = (profile.biography.language, text)
    _check_events(profile, record, reader)
    if profile.spell:
        record.spell = reader.text(profile.spell)
    return reader.errors or record


# Long format (rows = "many"): several rows of one person, one per event, spell or case.
# Every row becomes a part with its own events, case and facility, keyed by the row's spell
# (or its place among the person's rows), so a re-import updates each instead of adding one.


def as_long(record: PersonRecord) -> PersonRecord:
    """The person of a first row in long format: the row's events, case and facility moved
    into the person's first part."""
    record.parts = [_part(record, record.spell or "1")]
    record.events, record.case, record.facility, record.statement_url = [], None, None, None
    return record


def _part(record: PersonRecord, spell: str) -> PersonRecord:
    return PersonRecord(key=f"{record.key}#{spell}", row=record.row, events=list(record.events), case=record.case,
                        facility=record.facility, statement_url=record.statement_url, spell=spell,
                        as_of=record.as_of)


def merge_row(person: PersonRecord, row: PersonRecord, profile: Profile, file: str) -> list[RowError]:
    """Add another row of the same person: its names, sources and fields and, as a new part,
    its events and case. A field two rows give differently, a repeated spell or a timeline the
    rows make impossible together is the later row's error, and the row is then left out whole."""
    spell = row.spell or str(len(person.parts) + 1)
    for part in person.parts:
        if part.spell == spell:
            column = profile.spell or profile.key
            return [RowError(file, row.row, column, spell, f"the person's row {part.row} has the same "
                             f"{'spell' if profile.spell else 'place'}; each row of a person needs its own")]
    errors = []
    rules = {rule.field: rule for rule in profile.fields}
    fields = dict(person.fields)
    for name, value in row.fields.items():
        known = fields.get(name)
        if known is None or known == []:
            fields[name] = value
        elif known != value and isinstance(value, list):
            fields[name] = list(dict.fromkeys([*known, *value]))
        elif known != value:
            errors.append(RowError(file, row.row, rules[name].column if name in rules else name, str(value),
                                   f"{name} differs from the person's row {person.row} ({known})"))
    part = _part(row, spell)
    timeline = [TimelineEvent(kind=e.kind, date=e.date, id=f"{piece.row}/{e.key_part}", organization=e.organization)
                for piece in (*person.parts, part) for e in piece.events]
    for issue in check_timeline(timeline):
        if issue.severity == "error" and any(str(i).startswith(f"{row.row}/") for i in issue.event_ids):
            errors.append(RowError(file, row.row, None, None, f"with the person's other rows: {issue.message}"))
    if errors:
        return errors
    person.fields = fields
    for name in row.names:
        if name.name not in [n.name for n in person.names]:
            person.names.append(NameRecord(name.name, name.kind, name.script, name.language, False))
    for url in row.sources:
        if url not in person.sources:
            person.sources.append(url)
            if url in row.source_facts:
                person.source_facts[url] = row.source_facts[url]
        elif url in person.source_facts:
            if url in row.source_facts:
                person.source_facts[url] = (*person.source_facts[url], *row.source_facts[url])
            else:
                del person.source_facts[url]
    person.deal_columns.update(row.deal_columns)
    if person.biography is None:
        person.biography = row.biography
    person.parts.append(part)
    return []


def _read_case(profile: Profile, record: PersonRecord, reader: _RowReader) -> None:
    rule = profile.case
    if rule is None:
        return
    charges: list[ChargeRecord] = []
    jurisdiction = (reader.text(rule.jurisdiction_column) if rule.jurisdiction_column else None) or rule.jurisdiction
    code_system = (reader.text(rule.code_system_column) if rule.code_system_column else None) or rule.code_system
    if rule.articles:
        for column in reader.columns(rule.articles):
            text = reader.text(column)
            for piece in (text.split(rule.articles_split) if text and rule.articles_split else [text]):
                piece = (piece or "").strip()
                if not piece:
                    continue
                if rule.articles_from_text:
                    found = [ChargeRecord(c.article, c.part, c.label) for c in charges_in_text(piece, code_system)]
                else:
                    one = parse_charge(piece)
                    found = [one] if one else []
                if not found:
                    reader.error(column, piece, "names no article (expected e.g. 'Art. 342', 'Part 2 of Art. 285', "
                                                "'342', '361-1', 'ст. 342', 'арт. 342' or 'ч. 2 ст. 342')")
                charges.extend(found)
    if charges and not code_system:
        reader.error(rule.code_system_column, None, "the articles need their code (BY-CC, RU-CC, UA-CC…)")
    if code_system and not re.fullmatch(r"[A-Z]{2}-[A-Z]{2,5}", code_system):
        reader.error(rule.code_system_column, code_system, "is not a code such as BY-CC, RU-CC or BY-CAO")
    sentence_date = reader.date(rule.sentence_date) if rule.sentence_date else None
    term_text = (reader.text(rule.sentence_term) if rule.sentence_term else None) or ""
    kind = None
    if rule.sentence_kind:
        text = reader.text(rule.sentence_kind["column"]) or ""
        for fragment, mapped in rule.sentence_kind.get("contains", {}).items():
            if fragment.lower() in text.lower():
                kind = mapped
                break
    judge = reader.text(rule.judge) if rule.judge else None
    counsel = reader.text(rule.counsel) if rule.counsel else None
    number = (reader.text(rule.case_number) if rule.case_number else None) or ""
    court = (reader.text(rule.court) if rule.court else None) or ""
    # A sentence date alone makes no case (the `sentenced` event keeps it): a case of one date
    # would say nothing more, and rows with a case are written one at a time.
    if charges or term_text or judge or number or court:
        record.case = CaseRecord(jurisdiction.upper(), code_system, number, court, tuple(charges), sentence_date, kind,
                                 parse_term(term_text), term_text, judge, counsel)


def _check_events(profile: Profile, record: PersonRecord, reader: _RowReader) -> None:
    """Impossible timelines within one row are errors naming the columns involved."""
    columns = {rule.id: rule.date for rule in profile.events}
    rules = {e.key_part: e.rule_id for e in record.events}
    timeline = [TimelineEvent(kind=e.kind, date=e.date, id=e.key_part, organization=e.organization)
                for e in record.events]
    for issue in check_timeline(timeline):
        if issue.severity != "error":
            continue
        dates = {e.key_part: e.date for e in record.events}
        involved = [columns[rules[str(i)]] for i in issue.event_ids if columns.get(rules.get(str(i), ""))]
        values = [str(dates[str(i)]) for i in issue.event_ids if dates.get(str(i))]
        reader.error(", ".join(involved) or None, ", ".join(values) or None, issue.message)


@dataclass(frozen=True)
class AggregateRecord:
    key: str
    row: int | str
    values: dict[str, Any]
    source_url: str | None


_URL = re.compile(r"https?://\S+")


def transform_aggregate(profile: Profile, row: Row, file: str) -> AggregateRecord | list[RowError]:
    """One row of detention counts (no person) → an AggregateRecord, or its errors."""
    rule = profile.aggregate
    assert rule is not None
    reader = _RowReader(profile, row, file)
    key = _row_key(profile, reader)
    if isinstance(key, list):
        return key
    date = reader.date(rule.date)
    if date is None and not reader.errors:
        reader.error(rule.date, None, "the date is required")
    count_text = reader.text(rule.count)
    count = None
    if count_text is None:
        reader.error(rule.count, None, "the number detained is required")
    elif not count_text.isdigit():
        reader.error(rule.count, count_text, "is not a whole number of people")
    else:
        count = int(count_text)
    values: dict[str, Any] = {"date": date, "detained_count": count, "country": rule.country}
    for name in ("region", "city", "place", "occasion", "description"):
        column = getattr(rule, name)
        values[name] = (reader.text(column) if column else None) or ""
    source_text = reader.text(rule.source) if rule.source else None
    url = _URL.search(source_text or "")
    if reader.errors:
        return reader.errors
    return AggregateRecord(key, row.number, values, url[0].rstrip(".,;)") if url else None)


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def without_placeholder(value: str, placeholders: tuple[str, ...]) -> str:
    """An ISO day that is one of the profile's placeholders, cut to the precision it stands for
    ("2000-01-01" under YYYY-01-01 is 2000; "2022-05-00" under YYYY-MM-00 is 2022-05)."""
    found = _ISO_DAY.match(value.strip()) if placeholders else None
    if found is None:
        return value
    year, month, day = found.groups()
    for placeholder in placeholders:
        if placeholder == "YYYY-01-01" and (month, day) == ("01", "01"):
            return year
        if placeholder == "YYYY-00-00" and month == "00":
            return year
        if placeholder in ("YYYY-MM-00", "YYYY-MM-01") and day == placeholder[-2:] and month != "00":
            return f"{year}-{month}"
    return value
