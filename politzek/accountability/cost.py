"""The automatic cost of every new arrest (framework-free): which cases are politically
motivated, which of their events are new repression, the proposals each produces (official,
authority, measure, evidence) and each country's cost index, week by week.

Everything here takes plain data that accountability/cost_data.py reads from the registry,
so a crafted timeline can be checked by hand. The rules come from the policy file
(accountability/policy.py); nothing here knows a role, an event kind or a weight itself."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from politzek.accountability.policy import CostPolicy

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, slots=True)
class RecognitionRow:
    """A recognized or recognition_withdrawn event: who, by which organization, when."""

    person_id: int
    organization: str
    organization_kind: str
    kind: str  # recognized or recognition_withdrawn
    day: dt.date | None


@dataclass(frozen=True, slots=True)
class CountedEvent:
    """An event of a kind the policy counts; `case_id` is None for a recognition that names no
    case (it counts for every case of the person)."""

    event_id: int
    person_id: int
    kind: str
    day: dt.date
    case_id: int | None
    custodial_days: int = 0  # a sentence's custodial term, when the event is a sentence


@dataclass(frozen=True, slots=True)
class FacilityEvent:
    event_id: int
    person_id: int
    kind: str
    day: dt.date
    facility_id: int
    country: str


@dataclass(frozen=True, slots=True)
class FacilityHead:
    official_id: int
    facility_id: int
    role: str
    start: dt.date | None  # None: not known, taken as always
    end: dt.date | None

    def in_post(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Release:
    person_id: int
    day: dt.date
    country: str
    bought: bool  # an exchange, or a release by a deal with concessions


@dataclass
class CostInputs:
    cases: dict[int, str]  # case -> the prosecuting country
    defendants: dict[int, set[int]]  # case -> people
    recognitions: list[RecognitionRow]
    events: list[CountedEvent]
    case_officials: list[tuple[int, int, str]]  # (case, official, role)
    facility_events: list[FacilityEvent] = field(default_factory=list)
    facility_heads: list[FacilityHead] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    listed: set[tuple[int, str]] = field(default_factory=set)  # (official, authority code) in force


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a proposal names an official: a case they had a role in, or a facility event under
    their command. `key` makes evidence unique within a proposal (re-runs add nothing)."""

    key: str
    rule: str  # the policy measure's code
    role: str
    day: dt.date
    case_id: int | None = None
    event_id: int | None = None


@dataclass
class Proposal:
    official_id: int
    authority: str
    measure: str
    evidence: list[Evidence] = field(default_factory=list)
    evidence_keys: set[str] = field(default_factory=set, repr=False)  # a set: a busy judge has thousands

    def add(self, evidence: Evidence) -> None:
        if evidence.key not in self.evidence_keys:
            self.evidence_keys.add(evidence.key)
            self.evidence.append(evidence)

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.official_id, self.authority, self.measure)

    @property
    def first_day(self) -> dt.date:
        return min(e.day for e in self.evidence)


@dataclass(frozen=True, slots=True)
class CaseActivity:
    """A politically motivated case with counted events in the period."""

    case_id: int
    country: str
    first_day: dt.date  # its first counted event ever
    new: bool  # the first counted event falls in the period
    events_in_period: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndexWeek:
    week: dt.date  # the Monday
    value: float
    new_cases: int
    added: float  # points added this week (cases, sentence years, facility events)
    released_off: float  # points taken off for releases
    quiet: bool  # the quiet decay applied this week


@dataclass
class CostResult:
    cases: list[CaseActivity]
    proposals: list[Proposal]
    index: dict[str, list[IndexWeek]]  # country -> weeks
    facility_events_without_head: list[FacilityEvent]


def recognized_people(rows: Iterable[RecognitionRow], recognizer_kind: str) -> set[int]:
    """People whose recognition by an organization of this kind is in force: for some such
    organization, the latest recognition is later than its latest withdrawal (a withdrawal on
    the same day as a recognition wins: the later statement is the withdrawal)."""
    latest: dict[tuple[int, str], dict[str, dt.date]] = defaultdict(dict)
    for row in rows:
        if row.organization_kind != recognizer_kind:
            continue
        day = row.day or dt.date.min
        seen = latest[(row.person_id, row.organization)]
        if row.kind not in seen or seen[row.kind] < day:
            seen[row.kind] = day
    return {person for (person, _org), seen in latest.items()
            if "recognized" in seen
            and ("recognition_withdrawn" not in seen or seen["recognized"] > seen["recognition_withdrawn"])}


def political_cases(inputs: CostInputs, policy: CostPolicy, recognized: set[int]) -> set[int]:
    """Every case (`when = "any"`), or those with a defendant among the recognized."""
    if policy.political_when == "any":
        return set(inputs.cases)
    return {case for case, people in inputs.defendants.items() if people & recognized and case in inputs.cases}


def _case_events(inputs: CostInputs, political: set[int], policy: CostPolicy) -> dict[int, list[CountedEvent]]:
    """Each political case's counted events; a recognition that names no case is given to the
    person's cases open on its day."""
    cases_of: dict[int, list[int]] = defaultdict(list)
    for case, people in inputs.defendants.items():
        if case in political:
            for person in people:
                cases_of[person].append(case)
    by_case: dict[int, list[CountedEvent]] = defaultdict(list)
    caseless = []
    for event in inputs.events:
        if event.kind not in policy.trigger_events:
            continue
        if event.case_id is None:
            caseless.append(event)
        elif event.case_id in political:
            by_case[event.case_id].append(event)
    opened = {case: min(e.day for e in events) for case, events in by_case.items()}
    for event in caseless:
        # A recognition speaks of the cases already open that day (a case of the same person
        # opened later is another prosecution); a case with no dated event of its own takes it.
        for case in cases_of.get(event.person_id, ()):
            if opened.get(case, event.day) <= event.day:
                by_case[case].append(event)
    for events in by_case.values():
        events.sort(key=lambda e: (e.day, e.event_id))
    return by_case


def _within(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def compute_cost(inputs: CostInputs, policy: CostPolicy, since: dt.date | None = None,
                 until: dt.date | None = None, today: dt.date | None = None) -> CostResult:
    """The cases with new repression in [since, until], the proposals they produce and the
    cost index of each country from its first case up to `until` (or today)."""
    recognized = recognized_people(inputs.recognitions, policy.recognizer_kind)
    political = political_cases(inputs, policy, recognized)
    by_case = _case_events(inputs, political, policy)
    proposals: dict[tuple[int, str, str], Proposal] = {}
    roles_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for case, official, role in inputs.case_officials:
        roles_of[case].append((official, role))

    def propose(official: int, measure: str, evidence: Evidence) -> None:
        for authority in policy.authorities:
            if (official, authority) in inputs.listed:
                continue
            proposal = proposals.setdefault((official, authority, measure), Proposal(official, authority, measure))
            proposal.add(evidence)

    activity = []
    for case, events in sorted(by_case.items()):
        in_period = [e for e in events if _within(e.day, since, until)]
        if not in_period:
            continue
        first = events[0].day
        activity.append(CaseActivity(case, inputs.cases[case], first, _within(first, since, until),
                                     tuple(sorted({e.kind for e in in_period}))))
        for rule in policy.measures:
            if rule.on != "new_case":
                continue
            for official, role in sorted(roles_of.get(case, ())):
                if role in rule.roles:
                    propose(official, rule.measure, Evidence(f"case:{case}", rule.code, role, in_period[0].day,
                                                             case_id=case))

    political_people = {p for case in political for p in inputs.defendants.get(case, ())}
    if policy.political_when != "any":
        political_people |= recognized
    heads: dict[int, list[FacilityHead]] = defaultdict(list)
    for head in inputs.facility_heads:
        heads[head.facility_id].append(head)
    counted_facility_events = []
    without_head = []
    for event in sorted(inputs.facility_events, key=lambda e: (e.day, e.event_id)):
        if policy.political_when != "any" and event.person_id not in political_people:
            continue
        rules = [r for r in policy.measures if r.on == "facility_event" and event.kind in r.events]
        if not rules:
            continue
        counted_facility_events.append(event)
        if not _within(event.day, since, until):
            continue
        found = False
        for rule in rules:
            for head in heads.get(event.facility_id, ()):
                if head.role == rule.position_role and head.in_post(event.day):
                    found = True
                    propose(head.official_id, rule.measure, Evidence(f"event:{event.event_id}", rule.code,
                                                                     head.role, event.day, event_id=event.event_id))
        if not found:
            without_head.append(event)

    index = cost_index(inputs, policy, by_case, counted_facility_events, political_people,
                       until or today or dt.date.today())
    ordered = sorted(proposals.values(), key=lambda p: (-len(p.evidence), p.first_day, p.key))
    for proposal in ordered:
        proposal.evidence.sort(key=lambda e: (e.day, e.key))
    return CostResult(activity, ordered, index, without_head)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def cost_index(inputs: CostInputs, policy: CostPolicy, by_case: dict[int, list[CountedEvent]],
               facility_events: list[FacilityEvent], political_people: set[int],
               until: dt.date) -> dict[str, list[IndexWeek]]:
    """Each country's index week by week: points for each new case, for each year of custodial
    sentence handed down in such a case and for each facility event; points off per release by
    the policy's credits (none by default); after `quiet_weeks` weeks in which nothing added
    points (no new case, no custodial sentence, no facility report: repression stopped), a
    fall of `quiet_decay_per_week` each further quiet week. A recognition adds nothing: it is
    the documenters' act, not the regime's."""
    rule = policy.index
    added: dict[str, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    new_cases: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    active: dict[str, set[dt.date]] = defaultdict(set)
    for case, events in by_case.items():
        country = inputs.cases[case]
        first = _monday(events[0].day)
        new_cases[country][first] += 1
        added[country][first] += rule.per_new_case
        active[country].add(first)
        for event in events:
            if event.kind == "sentenced" and event.custodial_days:
                week = _monday(event.day)
                added[country][week] += rule.per_custodial_year * event.custodial_days / DAYS_PER_YEAR
                active[country].add(week)
    for event in facility_events:
        week = _monday(event.day)
        added[event.country][week] += rule.per_facility_event
        active[event.country].add(week)
    credits: dict[str, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    for release in inputs.releases:
        if release.person_id in political_people:
            credit = rule.release_credit_bought if release.bought else rule.release_credit_unbought
            credits[release.country][_monday(release.day)] += credit
    result: dict[str, list[IndexWeek]] = {}
    last = _monday(until)
    for country, weeks_active in active.items():
        week = min(weeks_active)
        value, quiet_for, series = 0.0, 0, []
        while week <= last:
            quiet = False
            if week in weeks_active:
                quiet_for = 0
            else:
                quiet_for += 1
                if quiet_for > rule.quiet_weeks:
                    value *= 1 - rule.quiet_decay_per_week
                    quiet = True
            gain, off = added[country].get(week, 0.0), credits[country].get(week, 0.0)
            value = max(0.0, value + gain - off)
            series.append(IndexWeek(week, round(value, 4), new_cases[country].get(week, 0), round(gain, 4),
                                    round(off, 4), quiet))
            week += dt.timedelta(days=7)
        result[country] = series
    return result
