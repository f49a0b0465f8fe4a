"""The shapes of the API's answers (documented in /api/openapi.json)."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field


class Page(Schema):
    count: int = Field(description="How many match in all (this page holds at most `limit`).")
    limit: int
    offset: int


class PersonSummary(Schema):
    id: int
    name: str
    other_names: list[str]
    country: str
    region: str
    status: str
    since: str | None
    release_mode: str | None
    arrest_year: int | None
    synthetic: bool
    since_unknown: bool = Field(False, description="In custody since a day no source gives (docs/status.md).")
    information_as_of: str | None = Field(None, description=(
        "The latest day the person's information is as of: a list's own date, else the day it was recorded."))
    stale: bool = Field(False, description=(
        "True when that day is older than POLITZEK_STALE_AFTER_MONTHS: the status is the last known one."))


class PeoplePage(Page):
    items: list[PersonSummary]


class Name(Schema):
    name: str
    kind: str
    script: str
    language: str
    primary: bool


class Interval(Schema):
    start: str | None = Field(description="The first day in custody; null when no source gives it.")
    end: str | None
    release_mode: str | None
    start_known: bool = True
    known_held_from: str | None = Field(None, description=(
        "When the start is unknown: the first day the record knows the person held."))


class EventSource(Schema):
    id: int
    title: str
    url: str


class TimelineEntry(Schema):
    id: int
    kind: str
    label: str
    date: str | None
    organization: str | None
    facility: str | None
    facility_id: int | None
    facility_address: str | None
    case: int | None
    description: str
    synthetic: bool
    sources: list[EventSource] = Field(default_factory=list, description=(
        "This fact's own sources (a recognition cites the statement, a sentence the verdict's report)."))


class SourceOut(Schema):
    id: int
    title: str
    url: str
    publisher: str
    published: str | None


class CaseSentence(Schema):
    date: str | None
    kind: str
    term_days: int | None
    in_absentia: bool


class CaseOfficial(Schema):
    official_id: int
    name: str
    role: str


class PersonCase(Schema):
    id: int
    jurisdiction: str
    number: str
    kind: str
    court: str | None
    charges: list[str]
    sentences: list[CaseSentence]
    officials: list[CaseOfficial]


class PersonDetail(Schema):
    id: int
    synthetic: bool
    names: list[Name]
    birth_date: str | None
    gender: str
    citizenships: list[str]
    country: str
    region: str
    occupation: str
    tags: list[str]
    biographies: dict[str, str]
    status: str
    since: str | None
    release_mode: str | None
    since_unknown: bool = Field(False, description="In custody since a day no source gives (docs/status.md).")
    information_as_of: str | None = Field(None, description=(
        "The latest day the person's information is as of: a list's own date, else the day it was recorded."))
    stale: bool = Field(False, description=(
        "True when that day is older than POLITZEK_STALE_AFTER_MONTHS: the status is the last known one."))
    term_ends: str | None = Field(None, description=(
        "While in custody: the day the last term recorded runs out, estimated as the first day in custody "
        "plus the term (docs/status.md)."))
    in_custody: bool
    political_prisoner: bool
    custody_intervals: list[Interval]
    events: list[TimelineEntry]
    cases: list[PersonCase]
    sources: list[SourceOut] = Field(default_factory=list, description=(
        "The person's own sources and those of the events the caller may see, by id."))
    private: dict[str, str] | None = Field(None, description="Private fields: only for cleared staff.")


class Defendant(Schema):
    id: int
    name: str


class CaseOut(Schema):
    id: int
    jurisdiction: str
    case_number: str
    kind: str
    court: str | None
    opened: str | None
    charges: list[str]
    defendants: list[Defendant]
    officials: list[CaseOfficial]
    synthetic: bool


class CasesPage(Page):
    items: list[CaseOut]


class EventOut(Schema):
    id: int
    person_id: int
    kind: str
    date: str | None
    organization: str | None
    facility_id: int | None
    case_id: int | None
    description: str
    synthetic: bool


class EventsPage(Page):
    items: list[EventOut]


class FacilityOut(Schema):
    id: int
    name: str
    name_local: str
    kind: str
    regime: str
    postal_address: str
    address: dict[str, str] = Field(default_factory=dict, description=(
        "The address for letters in parts, as an envelope needs it: postcode, and street, town and region in the "
        "local script (street_local…) and in Latin letters (street_latin…); empty when not entered."))
    region: str
    country: str
    synthetic: bool


class FacilitiesPage(Page):
    items: list[FacilityOut]


class SanctionOut(Schema):
    authority: str
    program: str
    listed_on: str | None
    reference: str


class OfficialOut(Schema):
    id: int
    names: list[str]
    country: str
    positions: list[str]
    sanctions: list[SanctionOut]
    cases: list[int] = Field(description="Cases with at least one defendant the caller may see.")
    synthetic: bool


class OfficialsPage(Page):
    items: list[OfficialOut]


class CountryCounts(Schema):
    people: int
    in_custody: int
    political_prisoners: int
    held_since_unknown: int
    last_confirmed_long_ago: int


class Statistics(Schema):
    at: str
    organizations: list[str] | None
    people: int
    in_custody: int
    political_prisoners: int
    # Of those in custody: held since a day no source gives; last confirmed longer ago than
    # `stale_after_months` (registry/staleness.py).
    held_since_unknown: int
    last_confirmed_long_ago: int
    stale_after_months: int
    by_status: dict[str, int]
    undated_events: int
    by_country: dict[str, CountryCounts]
    # Organizations' latest reported totals as of `at`, each with the registry's count beside it.
    reported: list[dict[str, Any]]


class ReportedFigures(Schema):
    items: list[dict[str, Any]] = Field(description=(
        "Each figure: organization, country, kind, value, qualifier, as_of or period_start/period_end, "
        "day_stated, registry (the registry's count of the same thing), registry_share_percent, source (null "
        "when only records above the caller's clearance cite it), quote, sentence."))


class NewPerson(Schema):
    # A misspelt field is refused (422 naming it), never silently dropped.
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    country: str = Field(pattern=r"^[A-Za-z]{2}$")
    language: str = ""
    region: str = ""
    visibility: str = Field("restricted", pattern="^(public|restricted|confidential)$")
    first_event_kind: str = "detained"
    first_event_date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    reason: str = Field(min_length=1, max_length=100, description="Why: kept in the history.")


# An http(s) address with a host, as registry.fields.is_web_address accepts and a Source stores.
WebAddress = Annotated[str, Field(pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s\x00\[\]@:]+[^\s\x00\[\]]*$",
                                  max_length=1000)]


class NewEvent(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str
    date: str | None = None
    description: str = ""
    organization: str | None = Field(None, description="Organization code, required for recognized.")
    visibility: str = Field("public", pattern="^(public|restricted|confidential)$")
    sources: list[WebAddress] = Field(default_factory=list, max_length=20, description=(
        "The web addresses (http or https) this fact comes from: each is this event's own source."))
    reason: str = Field(min_length=1, max_length=100)


class EventCorrection(Schema):
    """What to correct in an event (every field optional), and why."""

    model_config = ConfigDict(extra="forbid")

    kind: str | None = None
    date: str | None = None
    description: str | None = None
    visibility: str | None = Field(None, pattern="^(public|restricted|confidential)$")
    reason: str = Field(min_length=1, max_length=100)


class Corrected(Schema):
    id: int
    kind: str
    date: str | None


class Created(Schema):
    id: int


class Problem(Schema):
    detail: Any


class DealPriceOut(Schema):
    deal: int
    name: str
    date: str
    kind: str
    country: str
    synthetic: bool
    political_prisoners_released: int
    released_by_regime: int
    returned_to_regime: int
    concessions: dict[str, int]
    valued_usd: float
    unvalued_concessions: dict[str, int]
    usd_per_political_prisoner: float | None = Field(
        description="Valued concessions per recognized political prisoner the registry links to the deal.")
    usd_per_announced_person: float | None = Field(
        None, description="Valued concessions per person the parties announced released (when recorded).")
    coverage: dict[str, int | None] = Field(
        default_factory=dict, description="announced_released, listed (in the deal file), in_registry, "
                                          "recognized_political_prisoners: what the prices rest on.")
    concessions_per_political_prisoner: float | None
    valued_usd_range: list[float] = Field(
        default_factory=list, description="The valued concessions' low and high ends (equal for single values).")
    usd_per_announced_person_range: list[float] | None = Field(
        None, description="The price per person announced released from the low and the high ends.")
    usd_per_political_prisoner_range: list[float] | None = None
    value_bases: list[str] = Field(
        default_factory=list, description="What the values measure: one_off, per_year, export_value, relief_value, "
                                          "or unstated.")


class DealsPage(Schema):
    items: list[DealPriceOut] = Field(description="Every dated deal, oldest first, with its price.")
    trend: str = Field(description="Whether the price per political prisoner is rising.")


class DealReleaseOut(Schema):
    person_id: int | None
    name: str
    direction: str
    destination: str


class ConcessionOut(Schema):
    kind: str
    description: str
    program: str
    entity: str
    value_usd: float | None
    value_usd_low: float | None = None
    value_usd_high: float | None = None
    basis: str = ""
    counterparty: str
    source: str | None


class DealDetail(Schema):
    id: int
    name: str
    date: str | None
    kind: str
    parties: list[str]
    mediator: str
    synthetic: bool
    description: str
    released_by_regime: int
    returned_to_regime: int
    released: list[DealReleaseOut] = Field(description="People released, named only when the caller may see them.")
    not_shown: int = Field(description="People released whose records the caller may not see (counted only).")
    concessions: list[ConcessionOut]
    sources: list[dict[str, str]]
    impact: dict[str, Any] | None = Field(description="What followed (see docs/bargaining.md); null without a date.")
    impact_error: str | None


class ProposalCaseOut(Schema):
    case: int
    case_number: str
    role: str
    date: str


class ProposalEventOut(Schema):
    event: int
    kind: str
    role: str
    date: str


class ProposalOut(Schema):
    id: int
    official: int
    official_name: str
    country: str
    synthetic: bool
    authority: str
    measure: str
    status: str
    status_note: str
    first_evidence_on: str
    evidence_count: int = Field(description="Cases and reports behind the proposal, every record counted.")
    roles: list[str]
    cases: list[ProposalCaseOut] = Field(description="The cases the caller may see.")
    facility_events: list[ProposalEventOut] = Field(description="Reports at a facility the caller may see.")


class ProposalsPage(Schema):
    items: list[ProposalOut] = Field(description="Proposals of the automatic-cost policy; never sanctions.")


class IndexWeekOut(Schema):
    week: str
    value: float
    new_cases: int
    added: float
    released_off: float
    quiet: bool


class CostIndexOut(Schema):
    policy: dict[str, Any] = Field(description="The policy the index follows, as applied.")
    index: dict[str, list[IndexWeekOut]] = Field(description="Each country's cost index, week by week.")
