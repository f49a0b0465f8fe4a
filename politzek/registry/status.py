"""Status derived from a person's event timeline: custody intervals, current status, whether
someone is a political prisoner at a date, and the checks that find impossible timelines.

Framework-free: it takes plain `TimelineEvent` values, so flows, vetting and tests can call
it without a database. `docs/status.md` explains the rules in prose.

Conventions (documented for users in docs/status.md):
- An event with a partial date counts on the earliest day it can mean ("2024-05" is
  2024-05-01). Events with an unknown date are counted apart, with one exception:
- Custody since an unknown day. A detention, house arrest or custodial sentence with no date
  holds the person when nothing dated says how their custody began (the first dated custody
  event is a sentence, a transfer or a release, or there is none): a spell opens whose start
  is unknown (`start_known` False). It is counted from the earliest day the record knows the
  person held: the first dated custody event, or the day the undated event's information is
  as of (`known_on`: its list's date, else the day it was recorded); never as an arrest.
- Custody runs from the day someone enters it up to, not including, the day they leave it:
  a person released on day d is not in custody on day d. House arrest is custody (the
  European Court of Human Rights treats it as a deprivation of liberty).
- A person is a political prisoner at day t when in custody at t and a recognition by one of
  the chosen organizations is in force at t (given on or before t, not withdrawn by t).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from politzek.registry.event_kinds import event_kind
from politzek.registry.partial_date import PartialDate

# Phases of custody, and the statuses a person can be in.
PRETRIAL = "pretrial_custody"
HOUSE_ARREST = "house_arrest"
SERVING = "serving_sentence"
# Held, at a stage no source gives: a detention with no date says no more (issue 34).
HELD = "in_custody"
RELEASED = "released"
DIED = "died"
DISAPPEARED = "disappeared"
NOT_DETAINED = "not_detained"
UNKNOWN = "unknown"
STATUSES = (PRETRIAL, HOUSE_ARREST, SERVING, HELD, RELEASED, DIED, DISAPPEARED, NOT_DETAINED, UNKNOWN)
IN_CUSTODY_STATUSES = (PRETRIAL, HOUSE_ARREST, SERVING, HELD)

# The sentence kinds that deprive of liberty (registry Sentence.Kind values); a sentence passed
# in absentia never does.
CUSTODIAL_SENTENCE_KINDS = frozenset({
    "colony", "prison", "restricted_freedom_institution", "forced_labour", "arrest", "compulsory_treatment", "death",
})


def sentence_is_custodial(kind: str, in_absentia: bool) -> bool:
    """Whether a sentence of this kind deprives of liberty (never when passed in absentia)."""
    return kind in CUSTODIAL_SENTENCE_KINDS and not in_absentia


# A non-custodial sentence ends custody the day it is handed down.
NON_CUSTODIAL_SENTENCE = "non_custodial_sentence"

# What opened a spell whose first day nobody knows: flows count it into the stock on the day
# the person is first known held, and never as a new arrest.
CUSTODY_START_UNKNOWN = "custody_start_unknown"


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One event as derivation sees it."""

    kind: str
    date: PartialDate | None
    id: int | str | None = None
    case: int | str | None = None
    # Code of the organization for `recognized` and `recognition_withdrawn`.
    organization: str | None = None
    # For `sentenced`: True when the sentence deprives of liberty, False when it does not
    # (fine, suspended, restricted freedom at home, in absentia), None when not known.
    custodial: bool | None = None
    sources: frozenset[int | str] = frozenset()
    # For `sentenced`: the term in days, when the sentence has one.
    term_days: int | None = None
    # The day this event's information is as of (its list's date; else the day it was
    # recorded): an undated detention holds the person from then at the latest.
    known_on: dt.date | None = None

    @property
    def day(self) -> dt.date:
        assert self.date is not None
        return self.date.earliest


@dataclass(frozen=True, slots=True)
class Phase:
    phase: str
    since: dt.date


@dataclass(frozen=True, slots=True)
class CustodyInterval:
    """One continuous spell in custody: [start, end), end None while it lasts."""

    start: dt.date
    end: dt.date | None
    release_mode: str | None
    phases: tuple[Phase, ...]
    # The kinds of the events that opened and closed the spell (flows count by them).
    opened_by: str | None = None
    closed_by: str | None = None
    # False when the day custody began is unknown: `start` is then the first day the record
    # knows the person held (dt.date.min when nothing says), not an arrest.
    start_known: bool = True

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def phase_at(self, day: dt.date) -> str | None:
        if not self.contains(day):
            return None
        current = None
        for phase in self.phases:
            if phase.since <= day:
                current = phase.phase
        return current


@dataclass(frozen=True, slots=True)
class Status:
    """Where a person stands at a date."""

    status: str
    since: dt.date | None = None  # None in custody: held since an unknown day
    release_mode: str | None = None
    death_kind: str | None = None

    @property
    def in_custody(self) -> bool:
        return self.status in IN_CUSTODY_STATUSES


@dataclass(frozen=True, slots=True)
class TimelineIssue:
    """Something wrong with a timeline.

    severity "error": impossible, and the events cite no sources or the same source, so it is
    a mistake to be corrected before saving. "conflict": impossible, but the events come from
    different sources that disagree; both are kept and a documenter resolves it.
    "warning": unusual but possible (a transfer recorded without a detention).
    """

    severity: str
    code: str
    message: str
    event_ids: tuple[int | str | None, ...] = ()


@dataclass
class Derivation:
    """Everything derived from one timeline, computed in one pass."""

    intervals: list[CustodyInterval] = field(default_factory=list)
    status: Status = field(default_factory=lambda: Status(UNKNOWN))
    undated: int = 0
    # While custody lasts: the day the last term passed in this spell runs out (see term_ends).
    term_ends: dt.date | None = None


def ordered(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """Dated events in timeline order: by day, then by kind (detention before sentence)."""
    dated = [event for event in events if event.date is not None]
    return sorted(dated, key=lambda e: (e.day, event_kind(e.kind).order, str(e.id)))


def derive(events: Iterable[TimelineEvent], at: dt.date | None = None) -> Derivation:
    """Custody intervals and status from the events dated on or before `at` (all when None)."""
    events = list(events)
    result = Derivation(undated=sum(1 for e in events if e.date is None))
    timeline = [e for e in ordered(events) if at is None or e.day <= at]

    start: dt.date | None = None
    opened_by: str | None = None
    phases: list[Phase] = []
    last_release: tuple[str, dt.date] | None = None
    death: TimelineEvent | None = None
    disappeared_since: dt.date | None = None
    term: int | None = None  # days of the last custodial term passed in the open spell

    start_known = True

    def open_custody(day: dt.date, phase: str, by: str) -> None:
        nonlocal start, phases, opened_by, term, start_known
        start, phases, opened_by, term, start_known = day, [Phase(phase, day)], by, None, True

    def close_custody(day: dt.date, mode: str, by: str) -> None:
        nonlocal start, phases, last_release
        assert start is not None
        result.intervals.append(CustodyInterval(start, day, mode, tuple(phases), opened_by, by, start_known))
        start, phases, last_release = None, [], (mode, day)

    unknown = held_since_unknown_day(events)
    if unknown is not None and (at is None or unknown.since <= at):
        open_custody(unknown.since, unknown.phase, CUSTODY_START_UNKNOWN)
        start_known = False

    def move_to(day: dt.date, phase: str) -> None:
        if phases[-1].phase != phase:
            phases.append(Phase(phase, day))

    for event in _day_by_day(timeline, lambda: start is not None):
        kind = event_kind(event.kind)
        if death is not None and not kind.posthumous:
            continue  # check_timeline reports it; derivation keeps the death
        day = event.day
        in_custody = start is not None
        if kind.custody in ("enter", "house_arrest", "sentence", "leave"):
            disappeared_since = None
        if kind.custody == "enter":
            if not in_custody:
                open_custody(day, PRETRIAL, event.kind)
            elif phases[-1].phase in (HOUSE_ARREST, HELD):
                move_to(day, PRETRIAL)
        elif kind.custody == "house_arrest":
            if not in_custody:
                open_custody(day, HOUSE_ARREST, event.kind)
            elif phases[-1].phase in (PRETRIAL, HELD):
                move_to(day, HOUSE_ARREST)
        elif kind.custody == "sentence":
            if event.custodial is False:
                if in_custody:
                    close_custody(day, NON_CUSTODIAL_SENTENCE, NON_CUSTODIAL_SENTENCE)
            elif in_custody:
                move_to(day, SERVING)
            elif event.custodial:
                # Taken into custody in the courtroom.
                open_custody(day, SERVING, event.kind)
            if start is not None and event.term_days:
                term = event.term_days  # a later verdict's term is the whole term (sentences are added up)
        elif kind.custody == "leave" and in_custody:
            close_custody(day, kind.release_mode or "other", event.kind)
        if kind.death:
            death = event
        if event.kind == "disappeared":
            disappeared_since = day

    if start is not None:
        result.intervals.append(CustodyInterval(start, None, None, tuple(phases), opened_by, None, start_known))
        result.term_ends = term_ends(start, term) if start_known else None
    result.status = _status(result.intervals, death, disappeared_since, last_release, timeline)
    return result


@dataclass(frozen=True, slots=True)
class UnknownStart:
    """Custody since an unknown day: the phase it is in and the first day it is known."""

    phase: str
    since: dt.date


def held_since_unknown_day(events: Iterable[TimelineEvent]) -> UnknownStart | None:
    """The spell an undated detention, house arrest or custodial sentence opens before every
    dated event, or None when a dated detention or house arrest begins the custody the
    timeline records (the undated event is then taken to be that one, told without a day)."""
    events = list(events)
    undated = [e for e in events if e.date is None and _enters_custody(e)]
    if not undated:
        return None
    custody_events = [e for e in ordered(events) if event_kind(e.kind).custody != "none"]
    first = next((e for e in custody_events if _enters_custody(e) or event_kind(e.kind).custody == "leave"), None)
    if first is not None and event_kind(first.kind).custody in ("enter", "house_arrest"):
        return None
    bounds = [e.known_on for e in undated if e.known_on is not None]
    if custody_events:
        # Held on the day of a transfer or a sentence; held the day before a release.
        kind = event_kind(custody_events[0].kind).custody
        bounds.append(custody_events[0].day - dt.timedelta(days=1) if kind == "leave" else custody_events[0].day)
    kinds = {event_kind(e.kind).custody for e in undated}
    phase = SERVING if "sentence" in kinds else HELD if "enter" in kinds else HOUSE_ARREST
    return UnknownStart(phase, min(bounds, default=dt.date.min))


def _day_by_day(timeline: Sequence[TimelineEvent], held: Any) -> Any:
    """The timeline's events, each day's in the order that can have happened: a day with both
    a release and a detention is a release then a re-detention when the person was held as it
    began (freed in a deal and taken back to prison that evening), a detention then a release
    otherwise (held for a few hours). `held()` says whether the person is held when asked,
    at the start of each day. Other events keep their kinds' order (detention, charge,
    sentence…)."""
    index = 0
    while index < len(timeline):
        day = timeline[index].day
        end = index
        while end < len(timeline) and timeline[end].day == day:
            end += 1
        events = list(timeline[index:end])
        custody = [event_kind(e.kind).custody for e in events]
        if held() and "leave" in custody and ("enter" in custody or "house_arrest" in custody):
            events.sort(key=lambda e: event_kind(e.kind).custody != "leave")  # stable: the rest keep their order
        yield from events
        index = end


def _status(
    intervals: Sequence[CustodyInterval],
    death: TimelineEvent | None,
    disappeared_since: dt.date | None,
    last_release: tuple[str, dt.date] | None,
    timeline: Sequence[TimelineEvent],
) -> Status:
    if death is not None:
        return Status(DIED, death.day, death_kind=death.kind)
    if disappeared_since is not None:
        return Status(DISAPPEARED, disappeared_since)
    if intervals and intervals[-1].end is None:
        phase = intervals[-1].phases[-1]
        known = intervals[-1].start_known or len(intervals[-1].phases) > 1
        return Status(phase.phase, phase.since if known else None)
    if last_release is not None:
        return Status(RELEASED, last_release[1], release_mode=last_release[0])
    if timeline:
        return Status(NOT_DETAINED)
    return Status(UNKNOWN)


def term_ends(custody_start: dt.date, term_days: int | None) -> dt.date | None:
    """The day a term runs out: the spell's first day plus the term, every day held before the
    verdict counted one for one. An estimate, and an early bound of the law's: Russia counts a
    day in a pre-trial centre as 1.5 days of a general-regime colony (two of a settlement) and
    a day of house arrest as half a day, so release may be due sooner (docs/status.md)."""
    if not term_days:
        return None
    return custody_start + dt.timedelta(days=term_days)


def custody_intervals(events: Iterable[TimelineEvent]) -> list[CustodyInterval]:
    return derive(events).intervals


def status_at(events: Iterable[TimelineEvent], at: dt.date) -> Status:
    return derive(events, at).status


def in_custody_at(intervals: Iterable[CustodyInterval], day: dt.date) -> bool:
    return any(interval.contains(day) for interval in intervals)


def recognition_intervals(
    events: Iterable[TimelineEvent],
) -> list[tuple[str | None, dt.date, dt.date | None]]:
    """(organization, from, until) for each recognition; until is the withdrawal day or None.

    A recognition with no date (Viasna's export gives none) counts from the first dated event
    of the timeline, or from the first day a custody since an unknown day is known if earlier:
    the documenters recognized the person for what that timeline records."""
    events = list(events)
    dated = ordered(events)
    open_since: dict[str | None, dt.date] = {}
    spells: list[tuple[str | None, dt.date, dt.date | None]] = []
    first_day = dated[0].day if dated else dt.date.min
    unknown = held_since_unknown_day(events)
    if unknown is not None:  # … or from the first day custody since an unknown day is known
        first_day = min(first_day, unknown.since)
    for event in events:
        if event.kind == "recognized" and event.date is None:
            open_since.setdefault(event.organization, first_day)
    for event in dated:
        if event.kind == "recognized":
            open_since.setdefault(event.organization, event.day)
        elif event.kind == "recognition_withdrawn" and event.organization in open_since:
            spells.append((event.organization, open_since.pop(event.organization), event.day))
    spells.extend((org, since, None) for org, since in open_since.items())
    return spells


def recognized_at(
    events: Iterable[TimelineEvent], day: dt.date, organizations: Iterable[str] | None = None
) -> bool:
    """Whether a recognition by one of `organizations` (any when None) is in force on `day`."""
    wanted = None if organizations is None else set(organizations)
    return any(
        (wanted is None or org in wanted) and since <= day and (until is None or day < until)
        for org, since, until in recognition_intervals(events)
    )


def is_political_prisoner_at(
    events: Sequence[TimelineEvent], day: dt.date, organizations: Iterable[str] | None = None
) -> bool:
    """In custody on `day` and recognized on `day` by one of the chosen organizations."""
    return in_custody_at(derive(events).intervals, day) and recognized_at(
        events, day, organizations
    )


# --- impossible timelines -------------------------------------------------------------------


def _severity(first: TimelineEvent, second: TimelineEvent) -> str:
    if first.sources and second.sources and first.sources.isdisjoint(second.sources):
        return "conflict"
    return "error"


def check_timeline(events: Iterable[TimelineEvent]) -> list[TimelineIssue]:
    """Every impossible or doubtful thing in a timeline; see TimelineIssue for severities."""
    events = list(events)
    dated = ordered(events)
    issues: list[TimelineIssue] = []
    issues += _releases_before_custody(events, dated)
    issues += _events_after_death(dated)
    issues += _sentences_before_charges(dated)
    # A warning about an event already found impossible would only repeat the finding.
    flagged = {event_id for issue in issues for event_id in issue.event_ids}
    issues += [w for w in _custody_events_outside_custody(events) if w.event_ids[0] not in flagged]
    return issues


def _enters_custody(event: TimelineEvent) -> bool:
    effect = event_kind(event.kind).custody
    return effect in ("enter", "house_arrest") or (effect == "sentence" and bool(event.custodial))


def _releases_before_custody(
    events: Sequence[TimelineEvent], dated: Sequence[TimelineEvent]
) -> list[TimelineIssue]:
    entries = [e for e in events if _enters_custody(e)]
    issues = []
    for release in dated:
        if not event_kind(release.kind).requires_custody:
            continue
        possible = [e for e in entries if e.date is None or e.date.earliest <= release.date.latest]  # type: ignore[union-attr]
        if possible:
            continue
        label = event_kind(release.kind).label.lower()
        if not entries:
            issues.append(TimelineIssue(
                "error", "release_without_custody",
                f"{label} on {release.date} but no detention is recorded; "
                "add the detention (an unknown or partial date will do)",
                (release.id,),
            ))
            continue
        first = min((e for e in entries), key=lambda e: e.date.earliest)  # type: ignore[union-attr]
        issues.append(TimelineIssue(
            _severity(release, first), "release_before_custody",
            f"{label} on {release.date} comes before the first detention on {first.date}",
            (release.id, first.id),
        ))
    return issues


def _events_after_death(dated: Sequence[TimelineEvent]) -> list[TimelineIssue]:
    deaths = [e for e in dated if event_kind(e.kind).death]
    if not deaths:
        return []
    death = deaths[0]
    issues = []
    for event in dated:
        if event is death or event_kind(event.kind).posthumous:
            continue
        if death.date.certainly_before(event.date):  # type: ignore[union-attr, arg-type]
            issues.append(TimelineIssue(
                _severity(event, death), "event_after_death",
                f"{event_kind(event.kind).label.lower()} on {event.date} is after the death "
                f"({event_kind(death.kind).label.lower()}) on {death.date}",
                (event.id, death.id),
            ))
    return issues


def _sentences_before_charges(dated: Sequence[TimelineEvent]) -> list[TimelineIssue]:
    issues = []
    for sentence in dated:
        if sentence.kind != "sentenced" or sentence.case is None:
            continue
        charges = [e for e in dated if e.kind == "charged" and e.case == sentence.case]
        if not charges:
            continue
        first = charges[0]
        if sentence.date.certainly_before(first.date):  # type: ignore[union-attr, arg-type]
            issues.append(TimelineIssue(
                _severity(sentence, first), "sentence_before_charge",
                f"sentence on {sentence.date} comes before the charge on {first.date} "
                f"in the same case",
                (sentence.id, first.id),
            ))
    return issues


def _custody_events_outside_custody(events: Sequence[TimelineEvent]) -> list[TimelineIssue]:
    intervals = derive(events).intervals
    issues = []
    for event in ordered(events):
        if event_kind(event.kind).custody != "within":
            continue
        if not any(i.start <= event.day and (i.end is None or event.day <= i.end) for i in intervals):
            issues.append(TimelineIssue(
                "warning", "outside_custody",
                f"{event_kind(event.kind).label.lower()} on {event.date} while no custody is "
                "recorded; a detention may be missing",
                (event.id,),
            ))
    return issues
