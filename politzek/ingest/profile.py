"""Import profiles: declarative TOML files that map a source format onto the registry.

A profile says which column is the stable source key, which columns hold names (in which
script and language), which hold person fields (with value maps, date formats and splitting),
and which events a row implies. Bundled profiles live in `profiles/`; a user can write one
for a new format without writing Python. `docs/import-profiles.md` documents every key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from politzek.ingest.errors import ImportError_, RowError
from politzek.nesting import TooDeep, parsed_with_bounded_nesting
from politzek.registry.event_kinds import event_kinds

FORMATS = ("csv", "xlsx", "ods", "json", "yaml")
# The built-in importer of FollowTheMoney officials and sanctions, named like a profile.
FTM_OFFICIALS = "ftm-officials"
TARGETS = ("person", "aggregate_detention")
# Table formats have a header to check against the profile; JSON and YAML records do not.
TABULAR_FORMATS = ("csv", "xlsx", "ods")
PERSON_FIELDS = {
    "country": "text", "region": "text", "occupation": "text", "gender": "text", "birth_date": "date",
    "citizenships": "list", "tags": "list", "visibility": "text", "consent": "text",
    "internal_notes": "text", "lawyer_contacts": "text", "relatives_contacts": "text", "health_notes": "text",
}
# A source's placeholder for an unknown part of a date, and the precision it leaves: the Iran
# memorial's YAML writes 1 January for a year alone (38 of its 2022 records were "born"
# 2000-01-01); other files write zeros for the unknown parts.
PLACEHOLDER_DATES = ("YYYY-01-01", "YYYY-00-00", "YYYY-MM-00", "YYYY-MM-01")
NAME_KINDS = ("original", "transliteration", "official_transliteration", "alias", "former")

_TOP_KEYS = {"name", "title", "format", "target", "namespace", "key", "encoding", "records_path",
             "null_values", "date_formats", "placeholder_dates", "names", "fields", "events", "sources", "case",
             "facility", "recognition", "biography", "aggregate", "optional_columns", "ignore_columns",
             "organizations", "rows", "spell", "as_of", "as_of_column", "unknown_dates"}
ROWS = ("one", "many")  # one row per person, or several (long format: one per event, spell or case)
_ORGANIZATION_KEYS = {"name", "kind", "country", "website", "aliases"}
_AGGREGATE_KEYS = {"date", "count", "country", "region", "city", "place", "occasion", "description", "source"}
_CASE_KEYS = {"jurisdiction", "code_system", "articles", "articles_from_text", "sentence_date", "sentence_term",
              "sentence_kind", "judge", "counsel", "jurisdiction_column", "code_system_column", "articles_split",
              "case_number", "court"}
_FACILITY_KEYS = {"name", "address", "country"}
_RECOGNITION_KEYS = {"statement_url", "grounds"}
_BIOGRAPHY_KEYS = {"column", "language"}
_NAME_KEYS = {"column", "kind", "script", "language", "primary", "split"}
_FIELD_KEYS = {"column", "value", "map", "split", "required", "map_contains", "map_pattern", "pattern", "default",
               "age", "at", "at_column"}
_EVENT_KEYS = {"id", "kind", "date", "when", "when_contains", "unless_contains", "undated", "organization",
               "description", "facility", "date_value", "date_map", "date_pattern", "deal", "deal_value",
               "organization_column", "organization_split", "undated_when"}
_SOURCE_KEYS = {"column", "split", "facts"}


@dataclass(frozen=True)
class NameRule:
    column: str
    kind: str = "original"
    script: str = "auto"
    language: str = ""
    primary: bool = False
    split: str | None = None  # a column holding several names (aliases), split on this text


@dataclass(frozen=True)
class FieldRule:
    field: str
    column: str | None = None
    value: Any = None  # a constant, when there is no column
    map: dict[str, str] | None = None
    split: str | None = None
    required: bool = False
    map_contains: dict[str, str] | None = None  # {fragment: value}, any case, tried after `map`
    map_pattern: dict[str, str] | None = None  # {regular expression: value}, tried after `map_contains`
    pattern: str | None = None  # a regular expression: the cell's value is its first group (or the match)
    default: Any = None  # the value of a cell no map takes (else such a cell is the row's error)
    age: str | None = None  # birth_date only: a column of the age in years …
    at: str | None = None  # … at this date (a constant)
    at_column: str | None = None  # … or at the date in this column
    # Sources only: the facts (event kinds or event rule ids) this column's sources support;
    # empty: every fact of the row (a verdict's source is not the recognition's).
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventRule:
    id: str
    kind: str
    date: str | None = None  # column holding the date
    when: dict[str, list[str]] | None = None  # {column: [values]}: only rows with one of them
    when_contains: dict[str, list[str]] | None = None  # {column: [fragments]}, case-insensitive
    unless_contains: dict[str, list[str]] | None = None  # not rows whose column holds a fragment
    # With a date column: whether a row with an empty date still has the event, date unknown.
    # Only when the profile says so: a condition that lets a row through (unless_contains
    # most of all) does not say the event happened.
    undated: bool = False
    # {column: [values]}: only rows with one of them have the event when its date is empty
    # (Viasna's "active" prisoners with no arrest date are held all the same; others are not).
    undated_when: dict[str, list[str]] | None = None
    organization: str | None = None  # organization code
    description: str | None = None  # column
    facility: bool = False  # attach the row's facility (see FacilityRule)
    date_value: str | None = None  # a constant date for every row that has the event
    date_map: dict[str, str] | None = None  # {text of the date cell (any case): date}
    date_pattern: str | None = None  # a regular expression finding the date in the cell's text
    deal: str | None = None  # a column naming the deal that released the person (its id or name)
    deal_value: str | None = None  # … or one deal for every row
    organization_column: str | None = None  # a column naming the organizations: one event each
    organization_split: str | None = None  # … several in a cell, split on this text


@dataclass(frozen=True)
class OrganizationSpec:
    """An organization a profile names by code: how a registry gets its name, and the other
    ways a file writes it (an organization column may say "Вясна" or "Viasna")."""

    code: str
    name: str = ""
    kind: str = "human_rights"
    country: str = ""
    website: str = ""
    aliases: tuple[str, ...] = ()

    def defaults(self) -> dict[str, str]:
        return {k: v for k, v in (("name", self.name), ("kind", self.kind), ("country", self.country),
                                  ("website", self.website)) if v}


@dataclass(frozen=True)
class CaseRule:
    """The row's case: charges from article texts, the sentence, the judge."""

    jurisdiction: str = ""  # a constant ISO code, or …
    code_system: str = ""  # a constant code system (BY-CC), or …
    articles: str | None = None  # a column, or a prefix ending in * for numbered columns
    jurisdiction_column: str | None = None  # … a column of ISO codes
    code_system_column: str | None = None  # … a column of code systems
    articles_split: str | None = None  # several articles in one cell, split on this text
    case_number: str | None = None  # column
    court: str | None = None  # column: the court's name
    sentence_date: str | None = None
    sentence_term: str | None = None  # text such as "2 1/2 years" or "19 months"
    sentence_kind: dict[str, Any] | None = None  # {column, contains = {text: kind}}
    judge: str | None = None
    counsel: str | None = None
    # The articles column is prose ("convicted under Articles 342 and 361-1 …"): every article
    # it names is a charge (the general part's preparation or complicity articles excepted).
    articles_from_text: bool = False


@dataclass(frozen=True)
class FacilityRule:
    name: str
    address: str | None = None
    country: str = ""


@dataclass(frozen=True)
class RecognitionRule:
    statement_url: str | None = None
    grounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class BiographyRule:
    column: str
    language: str


@dataclass(frozen=True)
class AggregateRule:
    """Columns of a detention count (OVD-Info style): when, where, why, how many."""

    date: str
    count: str
    country: str  # a constant ISO code: counts name no person, so no per-row country column
    region: str | None = None
    city: str | None = None
    place: str | None = None
    occasion: str | None = None
    description: str | None = None
    source: str | None = None  # a cell holding a URL among other text


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    format: str
    target: str
    namespace: str
    key: str
    origin: str
    encoding: str | None = None
    records_path: str | None = None
    null_values: tuple[str, ...] = ("",)
    date_formats: tuple[str, ...] = ("iso",)
    # Dates a source writes for "sometime that year (month)": read at that precision.
    placeholder_dates: tuple[str, ...] = ()
    names: tuple[NameRule, ...] = ()
    fields: tuple[FieldRule, ...] = ()
    events: tuple[EventRule, ...] = ()
    sources: tuple[FieldRule, ...] = field(default_factory=tuple)
    case: CaseRule | None = None
    facility: FacilityRule | None = None
    recognition: RecognitionRule | None = None
    biography: BiographyRule | None = None
    aggregate: AggregateRule | None = None
    optional_columns: tuple[str, ...] = ()
    ignore_columns: tuple[str, ...] = ()
    key_columns: tuple[str, ...] = ()  # the key's columns (one, or several joined)
    organizations: tuple[OrganizationSpec, ...] = ()
    rows: str = "one"
    spell: str | None = None  # long format: the column telling one row of a person from another
    # The day the file's information is as of (a list "as of 1 August 2014"), or the column
    # giving it per row: its events are then last known as of that day (registry/staleness.py).
    as_of: str | None = None
    as_of_column: str | None = None
    # Words a date cell holds for "it happened, the day is unknown" ("unknown", "неизвестно"):
    # the event is recorded undated (a detention then holds since an unknown day).
    unknown_dates: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.key_columns:
            object.__setattr__(self, "key_columns", (self.key,))

    def columns(self) -> set[str]:
        """Every column the profile reads."""
        used = set(self.key_columns)
        used |= {rule.column for rule in self.names}
        used |= {c for rule in (*self.fields, *self.sources) for c in (rule.column, rule.age, rule.at_column) if c}
        if self.spell:
            used.add(self.spell)
        if self.as_of_column:
            used.add(self.as_of_column)
        for rule in self.events:
            used |= {c for c in (rule.date, rule.description, rule.deal, rule.organization_column) if c}
            used |= set(rule.when or {}) | set(rule.when_contains or {}) | set(rule.unless_contains or {})
            used |= set(rule.undated_when or {})
        if self.case:
            kind = (self.case.sentence_kind or {}).get("column")
            used |= {c for c in (self.case.articles, self.case.sentence_date, self.case.sentence_term, kind,
                                 self.case.judge, self.case.counsel, self.case.jurisdiction_column,
                                 self.case.code_system_column, self.case.case_number, self.case.court) if c}
        if self.facility:
            used |= {c for c in (self.facility.name, self.facility.address) if c}
        if self.recognition and self.recognition.statement_url:
            used.add(self.recognition.statement_url)
        if self.biography:
            used.add(self.biography.column)
        if self.aggregate:
            used |= {c for name, c in vars(self.aggregate).items() if c and name != "country"}
        return used

    def check_header(self, header: list[str], file: str) -> None:
        """A table's header must hold every column the profile reads and nothing it does not
        know: a misspelt header would otherwise import as silently empty values."""
        def covered(pattern: str) -> bool:
            return any(_matches(pattern, column) for column in header)

        missing = sorted(c for c in self.columns() if c not in self.optional_columns and not covered(c))
        if missing:
            raise ImportError_(RowError(file, 1, missing[0], None,
                                        f"the file has no column {missing[0]!r}, which profile {self.name} "
                                        f"reads; columns found: {', '.join(header)}"))
        known = self.columns() | set(self.ignore_columns)
        unknown = [c for c in header if not any(_matches(p, c) for p in known)]
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(self.columns()), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; add it to the profile's ignore_columns to skip it"
            raise ImportError_(RowError(file, 1, unknown[0], None,
                                        f"column {unknown[0]!r} is not one profile {self.name} knows{hint}"))


def column_index(pattern: str, column: str) -> int | None:
    """Where `column` stands in a column pattern: the number in place of `*` (`articles/*`
    and `articles/3` give 3), 0 for a plain name that is equal, None when it does not match."""
    if "*" not in pattern:
        return 0 if pattern == column else None
    prefix, _star, suffix = pattern.partition("*")
    middle = column[len(prefix): len(column) - len(suffix)] if suffix else column[len(prefix):]
    if column.startswith(prefix) and column.endswith(suffix) and middle.isdigit():
        return int(middle)
    return None


def _matches(pattern: str, column: str) -> bool:
    return column_index(pattern, column) is not None


def _error(origin: str, where: str, reason: str, value: Any = None) -> ImportError_:
    return ImportError_(RowError(origin, None, where or None, None if value is None else str(value), reason, "key"))


def _check_keys(origin: str, where: str, given: dict[str, Any], allowed: set[str]) -> None:
    for key in given:
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(sorted(allowed))}"
            raise _error(origin, f"{where}{key}", f"unknown profile key {key!r}{hint}", key)


def _choice(origin: str, where: str, value: Any, allowed: Any) -> Any:
    if value not in allowed:
        close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"choose from {', '.join(map(str, allowed))}"
        raise _error(origin, where, f"{value!r} is not allowed here; {hint}", value)
    return value


def parse_profile(text: str, origin: str) -> Profile:
    """A Profile from TOML text; ImportError_ names the key that is wrong and suggests a fix."""
    try:
        data = parsed_with_bounded_nesting(tomllib.loads, text)
    except TooDeep as error:
        raise _error(origin, "", str(error)) from None
    except tomllib.TOMLDecodeError as error:
        raise _error(origin, "", f"is not valid TOML: {error}") from None
    _check_keys(origin, "", data, _TOP_KEYS)
    for required in ("name", "format", "namespace", "key"):
        if required not in data:
            raise _error(origin, required, f"the profile needs {required!r}")
    names = []
    for index, spec in enumerate(data.get("names", [])):
        where = f"names[{index}]."
        _check_keys(origin, where, spec, _NAME_KEYS)
        if "column" not in spec:
            raise _error(origin, f"{where}column", "each name needs a column")
        _choice(origin, f"{where}kind", spec.get("kind", "original"), NAME_KINDS)
        if "split" in spec and (not isinstance(spec["split"], str) or not spec["split"]):
            raise _error(origin, f"{where}split", "is the text between names in a cell, e.g. ';'", spec["split"])
        names.append(NameRule(**spec))
    fields = []
    for name, spec in data.get("fields", {}).items():
        _choice(origin, f"fields.{name}", name, PERSON_FIELDS)
        if not isinstance(spec, dict):
            spec = {"column": spec}
        _check_keys(origin, f"fields.{name}.", spec, _FIELD_KEYS)
        if [key in spec for key in ("column", "value", "age")].count(True) != 1:
            raise _error(origin, f"fields.{name}", "give a column, a constant value, or (birth_date) an age")
        _check_field_transforms(origin, name, spec)
        fields.append(FieldRule(field=name, **spec))
    events = []
    kinds = list(event_kinds())
    for index, spec in enumerate(data.get("events", [])):
        where = f"events[{index}]."
        _check_keys(origin, where, spec, _EVENT_KEYS)
        if "kind" not in spec:
            raise _error(origin, f"{where}kind", "each event needs a kind")
        _choice(origin, f"{where}kind", spec["kind"], kinds)
        if not isinstance(spec.get("undated", False), bool):
            raise _error(origin, f"{where}undated", "is true or false", spec["undated"])
        conditions = {
            name: {column: [str(v) for v in (values if isinstance(values, list) else [values])]
                   for column, values in spec.get(name, {}).items()} or None
            for name in ("when", "when_contains", "unless_contains", "undated_when")
        }
        if conditions["undated_when"] and (spec.get("undated") or not spec.get("date")):
            raise _error(origin, f"{where}undated_when", "is for a rule with a date column and without `undated`")
        _check_event_transforms(origin, where, spec)
        events.append(EventRule(**{**spec, "id": spec.get("id", spec["kind"]), **conditions}))
    ids = [rule.id for rule in events]
    for rule_id in ids:
        if ids.count(rule_id) > 1:
            raise _error(origin, "events", f"two events have the id {rule_id!r}; give each an `id`", rule_id)
    sources = []
    for index, spec in enumerate(data.get("sources", [])):
        _check_keys(origin, f"sources[{index}].", spec, _SOURCE_KEYS)
        facts = spec.get("facts", [])
        if not isinstance(facts, list) or not all(isinstance(f, str) and f for f in facts):
            raise _error(origin, f"sources[{index}].facts", "is a list of event kinds or event rule ids", facts)
        sources.append(FieldRule(field="sources", column=spec["column"], split=spec.get("split"), facts=tuple(facts)))
    case = facility = recognition = biography = None
    if "case" in data:
        _check_keys(origin, "case.", data["case"], _CASE_KEYS)
        for required in ("jurisdiction", "code_system"):
            if required not in data["case"] and f"{required}_column" not in data["case"]:
                raise _error(origin, f"case.{required}", f"the case needs {required!r} (or {required}_column)")
        kinds = (data["case"].get("sentence_kind") or {}).get("contains", {})
        from politzek.registry.models.cases import Sentence

        for text, kind in kinds.items():
            _choice(origin, f"case.sentence_kind.contains.{text}", kind, Sentence.Kind.values)
        case = CaseRule(**data["case"])
    if "facility" in data:
        _check_keys(origin, "facility.", data["facility"], _FACILITY_KEYS)
        facility = FacilityRule(**data["facility"])
    if "recognition" in data:
        _check_keys(origin, "recognition.", data["recognition"], _RECOGNITION_KEYS)
        from politzek.registry.criteria import unknown_grounds

        grounds = tuple(data["recognition"].get("grounds", []))
        if unknown_grounds(grounds):
            raise _error(origin, "recognition.grounds", "unknown criterion code", unknown_grounds(grounds)[0])
        recognition = RecognitionRule(statement_url=data["recognition"].get("statement_url"), grounds=grounds)
    aggregate = None
    if "aggregate" in data:
        _check_keys(origin, "aggregate.", data["aggregate"], _AGGREGATE_KEYS)
        for required in ("date", "count", "country"):
            if required not in data["aggregate"]:
                raise _error(origin, f"aggregate.{required}", f"the aggregate needs {required!r}")
        aggregate = AggregateRule(**data["aggregate"])
    if data.get("target") == "aggregate_detention" and aggregate is None:
        raise _error(origin, "aggregate", "a profile with target aggregate_detention needs an [aggregate] table")
    if "biography" in data:
        _check_keys(origin, "biography.", data["biography"], _BIOGRAPHY_KEYS)
        biography = BiographyRule(**data["biography"])
    placeholders = tuple(data.get("placeholder_dates", []))
    for index, placeholder in enumerate(placeholders):
        _choice(origin, f"placeholder_dates[{index}]", placeholder, PLACEHOLDER_DATES)
    organizations = []
    for code, spec in data.get("organizations", {}).items():
        if not isinstance(spec, dict):
            raise _error(origin, f"organizations.{code}", "is a table: name, kind, country, website, aliases")
        _check_keys(origin, f"organizations.{code}.", spec, _ORGANIZATION_KEYS)
        from politzek.registry.models.sources import Organization

        _choice(origin, f"organizations.{code}.kind", spec.get("kind", "human_rights"), Organization.Kind.values)
        organizations.append(OrganizationSpec(code=code, **{**spec, "aliases": tuple(spec.get("aliases", ()))}))
    key = data["key"]
    if isinstance(key, list):
        if not key or not all(isinstance(column, str) and column for column in key):
            raise _error(origin, "key", "is a column, or a list of columns whose values together are the key", key)
        key_columns = tuple(key)
    elif isinstance(key, str) and key:
        key_columns = (key,)
    else:
        raise _error(origin, "key", "is a column, or a list of columns whose values together are the key", key)
    rows = _choice(origin, "rows", data.get("rows", "one"), ROWS)
    if "spell" in data and rows != "many":
        raise _error(origin, "spell", "only a profile with rows = \"many\" tells a person's rows apart")
    as_of = _date_text(origin, "as_of", data["as_of"]) if "as_of" in data else None
    if "as_of_column" in data and not (isinstance(data["as_of_column"], str) and data["as_of_column"]):
        raise _error(origin, "as_of_column", "is the column holding each row's as-of date", data["as_of_column"])
    return Profile(
        as_of=as_of, as_of_column=data.get("as_of_column"),
        unknown_dates=tuple(str(word).casefold() for word in data.get("unknown_dates", [])),
        key_columns=key_columns, organizations=tuple(organizations), rows=rows, spell=data.get("spell"),
        placeholder_dates=placeholders,
        case=case, facility=facility, recognition=recognition, biography=biography, aggregate=aggregate,
        optional_columns=tuple(data.get("optional_columns", [])), ignore_columns=tuple(data.get("ignore_columns", [])),
        name=data["name"], title=data.get("title", data["name"]),
        format=_choice(origin, "format", data["format"], FORMATS),
        target=_choice(origin, "target", data.get("target", "person"), TARGETS),
        namespace=data["namespace"], key=" + ".join(key_columns), origin=origin,
        encoding=data.get("encoding"), records_path=data.get("records_path"),
        null_values=tuple(data.get("null_values", [""])), date_formats=tuple(data.get("date_formats", ["iso"])),
        names=tuple(names), fields=tuple(fields), events=tuple(events), sources=tuple(sources),
    )


def _date_text(origin: str, where: str, value: Any) -> str:
    from politzek.registry.partial_date import PartialDate, PartialDateError

    try:
        return str(PartialDate.parse(str(value)))
    except PartialDateError as error:
        raise _error(origin, where, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD): {error}", value) from None


def _regex(origin: str, where: str, value: Any) -> None:
    try:
        re.compile(str(value))
    except re.error as error:
        raise _error(origin, where, f"{value!r} is not a regular expression: {error}", value) from None


def _check_field_transforms(origin: str, name: str, spec: dict[str, Any]) -> None:
    where = f"fields.{name}."
    for pattern in (spec.get("map_pattern") or {}):
        _regex(origin, f"{where}map_pattern", pattern)
    if "pattern" in spec:
        _regex(origin, f"{where}pattern", spec["pattern"])
    if "age" in spec:
        if name != "birth_date":
            raise _error(origin, f"{where}age", "an age gives a birth date only")
        if ("at" in spec) == ("at_column" in spec):
            raise _error(origin, f"{where}at", "an age needs the date it was given at: at (a date) or at_column")
        if "at" in spec:
            _date_text(origin, f"{where}at", spec["at"])
    elif "at" in spec or "at_column" in spec:
        raise _error(origin, f"{where}at", "only an age is given at a date")


def _check_event_transforms(origin: str, where: str, spec: dict[str, Any]) -> None:
    if "date_value" in spec:
        if "date" in spec:
            raise _error(origin, f"{where}date_value", "give a date column or a constant date, not both")
        _date_text(origin, f"{where}date_value", spec["date_value"])
    for text, value in (spec.get("date_map") or {}).items():
        _date_text(origin, f"{where}date_map.{text}", value)
    if ("date_map" in spec or "date_pattern" in spec) and "date" not in spec:
        raise _error(origin, f"{where}date", "date_map and date_pattern read the date column; name it in date")
    if "date_pattern" in spec:
        _regex(origin, f"{where}date_pattern", spec["date_pattern"])
    if "deal" in spec and "deal_value" in spec:
        raise _error(origin, f"{where}deal_value", "give a deal column or one deal, not both")
    if "organization_column" in spec and "organization" in spec:
        raise _error(origin, f"{where}organization_column", "give an organization or a column of them, not both")
    if "organization_split" in spec and "organization_column" not in spec:
        raise _error(origin, f"{where}organization_split", "splits the organization_column; name it")


def bundled_profiles() -> dict[str, str]:
    """Name → TOML text of every profile shipped with politzek."""
    folder = resources.files("politzek.ingest").joinpath("profiles")
    return {entry.name.removesuffix(".toml"): entry.read_text()
            for entry in folder.iterdir() if entry.name.endswith(".toml")}


def load_profile(name_or_path: str) -> Profile:
    """A bundled profile by name, or a profile file by path."""
    bundled = bundled_profiles()
    if name_or_path in bundled:
        return parse_profile(bundled[name_or_path], f"profile {name_or_path}")
    path = Path(name_or_path)
    if path.is_file():
        return parse_profile(path.read_text(encoding="utf-8"), str(path))
    close = difflib.get_close_matches(name_or_path, sorted(bundled), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"bundled profiles: {', '.join(sorted(bundled))}"
    raise ImportError_(RowError(name_or_path, None, None, None, f"no such profile or file; {hint}"))
