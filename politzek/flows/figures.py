"""Stock and flows from the facts table: the SQL of the flows feature lives here.

Two stocks are counted: POLITICAL (people in custody while a recognition by one of the chosen
organizations is in force; any organization when none is chosen) and CUSTODY (everyone in
custody in the registry). For each period: the stock at the end of the day before, entries
(by what opened the spell), exits (by what closed it), and the stock at the end of its last
day; `stock_end = stock_start + entries - exits` holds by construction, and `compute` checks
the final stock against a direct count so a broken identity is a loud error, not a quiet one.

Counts cover every record, restricted and confidential ones included, as `politzek stats`
does (docs/privacy.md): a count names no one, and groups publish totals that include people
who asked not to be named."""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from politzek.flows.facts import ANY_ORGANIZATION, CUSTODY, POINT, POLITICAL, RECOGNIZED, WITHDRAWN
from politzek.flows.models import UNDATED, DailyCount, Fact
from politzek.flows.periods import Period, periods
from politzek.flows.refresh import refresh
from politzek.registry import models as m
from politzek.registry.id_sets import among
from politzek.registry.status import CUSTODY_START_UNKNOWN
from politzek.registry.visibility import NOT_SHOWN

RELEASES = ("released_pretrial", "released_end_of_term", "released_pardon", "released_exchange", "released_other",
            "deported", "non_custodial_sentence")
DEATHS = ("died_in_custody", "executed", "killed")
AGE_BANDS = ((0, 17), (18, 29), (30, 44), (45, 59), (60, 200))
BREAKDOWNS = ("country", "region", "gender", "age", "tag", "article")


class IdentityBroken(AssertionError):
    """The stock from the flows differs from the stock counted directly: a bug, never data."""


@dataclass(frozen=True)
class Scope:
    """Which people a report covers."""

    country: str | None = None
    region: str | None = None
    gender: str | None = None
    tag: str | None = None
    article: str | None = None
    organizations: tuple[str, ...] | None = None  # recognizing organizations; None: any

    def describe(self) -> str:
        parts = [f"{name}={value}" for name, value in (("country", self.country), ("region", self.region),
                 ("gender", self.gender), ("tag", self.tag), ("article", self.article)) if value]
        return ", ".join(parts) or "all countries"


@dataclass
class PeriodFlow:
    period: Period
    label: str
    stock_start: int
    entries: Counter[str]
    exits: Counter[str]
    stock_end: int
    imprecise: int  # entries and exits dated only to the month or year

    @property
    def new(self) -> int:
        """Entries that began custody or recognition: not the people first known held in the
        period, whose custody began on a day nobody recorded (they join the stock, no arrest)."""
        return sum(n for kind, n in self.entries.items() if kind != CUSTODY_START_UNKNOWN)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.label, "from": self.period.first.isoformat(), "to": self.period.last.isoformat(),
            "stock_start": self.stock_start, "entries": sum(self.entries.values()), "new": self.new,
            "entries_by_kind": dict(sorted(self.entries.items())), "exits": sum(self.exits.values()),
            "exits_by_kind": dict(sorted(self.exits.items())), "stock_end": self.stock_end,
            "dated_only_to_month_or_year": self.imprecise,
        }


@dataclass
class Door:
    """The revolving door over the whole window, for the political stock."""

    released: int
    new: int
    net: int
    median_days_in_custody_of_released: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"released": self.released, "new": self.new, "net": self.net,
                "median_days_in_custody_of_released": self.median_days_in_custody_of_released}


@dataclass
class Figures:
    scope: Scope
    first: dt.date
    last: dt.date
    granularity: str
    political: list[PeriodFlow]
    custody: list[PeriodFlow]
    events: list[Counter[str]]  # per period, by event kind
    aggregates: list[tuple[int, int]]  # per period: (count-only detention events, people detained)
    undated: Counter[str]  # events with no date at all, by kind (never in any period)
    door: Door
    breakdowns: dict[str, dict[str, int]] = field(default_factory=dict)  # of the political stock at `last`
    synthetic: bool = False  # the people counted include synthetic demo records

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": {"country": self.scope.country, "region": self.scope.region, "gender": self.scope.gender,
                      "tag": self.scope.tag, "article": self.scope.article,
                      "organizations": list(self.scope.organizations) if self.scope.organizations else None},
            "from": self.first.isoformat(), "to": self.last.isoformat(), "period": self.granularity,
            "synthetic": self.synthetic,
            "political_prisoners": [p.as_dict() for p in self.political],
            "in_custody": [p.as_dict() for p in self.custody],
            "events": [{"period": p.label, **dict(sorted(counts.items()))}
                       for p, counts in zip(self.political, self.events, strict=True)],
            "count_only_detentions": [{"period": p.label, "events": n, "detained": people}
                                      for p, (n, people) in zip(self.political, self.aggregates, strict=True)],
            "undated_events": dict(sorted(self.undated.items())),
            "revolving_door": self.door.as_dict(),
            "political_prisoners_at_end_by": self.breakdowns,
        }


def _people_filter(scope: Scope) -> Q:
    condition = Q()
    if scope.tag:
        condition &= Q(person_id__in=m.Person.tags.through.objects.filter(tag__code=scope.tag).values("person_id"))
    if scope.article:
        charged = m.Charge.objects.filter(article=scope.article)
        whole_case = m.Case.defendants.through.objects.filter(
            case_id__in=charged.filter(person__isnull=True).values("case_id")).values("person_id")
        condition &= Q(person_id__in=charged.filter(person__isnull=False).values("person_id")) | Q(
            person_id__in=whole_case)
    return condition


def _facts(scope: Scope, kind: str | None = None, organization: str | None = None) -> QuerySet[Fact]:
    facts = Fact.objects.all() if kind is None else Fact.objects.filter(kind=kind)
    if organization is not None:
        facts = facts.filter(organization=organization)
    for name in ("country", "region", "gender"):
        if getattr(scope, name):
            facts = facts.filter(**{name: getattr(scope, name)})
    return facts.filter(_people_filter(scope))


@dataclass(frozen=True, slots=True)
class _Spell:
    person_id: int
    start: dt.date
    start_kind: str
    start_precise: bool
    end: dt.date | None
    end_kind: str
    end_precise: bool


def _daily(scope: Scope, kind: str, organization: str | None = None) -> QuerySet[DailyCount] | None:
    """The daily counts for this scope, or None when it filters people (the counts are per
    country only; such reports read the facts table)."""
    if scope.region or scope.gender or scope.tag or scope.article:
        return None
    counts = DailyCount.objects.filter(kind=kind)
    if organization is not None:
        counts = counts.filter(organization=organization)
    return counts.filter(country=scope.country) if scope.country else counts


class _Spells:
    """One stock's spells: from the daily counts (custody, or one organization / any, with
    no person filter), from the facts table (with person filters), or merged in memory
    (several organizations, whose recognitions may overlap for one person)."""

    def __init__(self, scope: Scope, measure: str) -> None:
        self.daily: QuerySet[DailyCount] | None = None
        self.queryset: QuerySet[Fact] | None = None
        self.merged: list[_Spell] | None = None
        chosen = scope.organizations
        if measure == CUSTODY or not chosen or len(chosen) == 1:
            organization = "" if measure == CUSTODY else chosen[0] if chosen else ANY_ORGANIZATION
            self.queryset = _facts(scope, measure, organization)
            self.daily = _daily(scope, measure, organization)
        else:
            rows = _facts(scope, POLITICAL).filter(organization__in=chosen)
            self.merged = _merge(rows.values_list("person_id", "start", "start_kind", "start_precise", "end",
                                                  "end_kind", "end_precise"))

    def stock_at(self, day: dt.date) -> int:
        if self.daily is not None:  # started by then, less ended by then
            totals = dict(self.daily.filter(day__lte=day).values_list("edge").annotate(total=Sum("n")).order_by())
            return (totals.get("start") or 0) - (totals.get("end") or 0)
        if self.queryset is not None:
            return self.queryset.filter(Q(end__isnull=True) | Q(end__gt=day), start__lte=day).count()
        assert self.merged is not None
        return sum(1 for s in self.merged if s.start <= day and (s.end is None or s.end > day))

    def moves(self, first: dt.date, last: dt.date, edge: str) -> list[tuple[dt.date, str, bool, int]]:
        """(day, kind, precise, count) of spells starting (edge "start") or ending ("end") in [first, last]."""
        if self.daily is not None:
            rows = (self.daily.filter(edge=edge, day__gte=first, day__lte=last).values_list("day", "move", "precise")
                    .annotate(total=Sum("n")).order_by())
            return [(day, kind, precise, n) for day, kind, precise, n in rows]
        if self.queryset is not None:
            rows = (self.queryset.filter(**{f"{edge}__gte": first, f"{edge}__lte": last})
                    .values_list(edge, f"{edge}_kind", f"{edge}_precise").annotate(n=Count("id")).order_by())
            return [(day, kind, precise, n) for day, kind, precise, n in rows]
        assert self.merged is not None
        counts: Counter[tuple[dt.date, str, bool]] = Counter()
        for spell in self.merged:
            day = getattr(spell, edge)
            if day is not None and first <= day <= last:
                counts[(day, getattr(spell, f"{edge}_kind"), getattr(spell, f"{edge}_precise"))] += 1
        return [(day, kind, precise, n) for (day, kind, precise), n in counts.items()]

    def person_ids_at(self, day: dt.date) -> Any:
        if self.queryset is not None:
            return self.queryset.filter(Q(end__isnull=True) | Q(end__gt=day), start__lte=day).values("person_id")
        assert self.merged is not None
        return [s.person_id for s in self.merged if s.start <= day and (s.end is None or s.end > day)]


def _merge(rows: Iterable[tuple[Any, ...]]) -> list[_Spell]:
    """Per person, overlapping spells of several organizations as one: it starts with the
    first and ends with the last (an entry or exit inside the overlap is no flow)."""
    by_person: dict[int, list[_Spell]] = defaultdict(list)
    for row in rows:
        by_person[row[0]].append(_Spell(*row))
    merged: list[_Spell] = []
    for spells in by_person.values():
        spells.sort(key=lambda s: s.start)
        current = spells[0]
        for spell in spells[1:]:
            if current.end is None or spell.start <= current.end:
                if current.end is not None and (spell.end is None or spell.end > current.end):
                    current = _Spell(current.person_id, current.start, current.start_kind, current.start_precise,
                                     spell.end, spell.end_kind, spell.end_precise)
            else:
                merged.append(current)
                current = spell
        merged.append(current)
    return merged


def _flows(spells: _Spells, spans: list[Period], granularity: str) -> list[PeriodFlow]:
    first, last = spans[0].first, spans[-1].last
    by_day: dict[str, dict[dt.date, Counter[str]]] = {"start": defaultdict(Counter), "end": defaultdict(Counter)}
    imprecise: Counter[dt.date] = Counter()
    for edge in ("start", "end"):
        for day, kind, precise, n in spells.moves(first, last, edge):
            by_day[edge][day][kind or "other"] += n
            if not precise:
                imprecise[day] += n
    stock = spells.stock_at(first - dt.timedelta(days=1))
    result = []
    for span in spans:
        entries: Counter[str] = Counter()
        exits: Counter[str] = Counter()
        inexact = 0
        day = span.first
        while day <= span.last:
            entries.update(by_day["start"].get(day, {}))
            exits.update(by_day["end"].get(day, {}))
            inexact += imprecise.get(day, 0)
            day += dt.timedelta(days=1)
        end = stock + sum(entries.values()) - sum(exits.values())
        result.append(PeriodFlow(span, span.label(granularity), stock, entries, exits, end, inexact))
        stock = end
    direct = spells.stock_at(last)
    if direct != stock:
        raise IdentityBroken(f"stock on {last} from flows is {stock}, counted directly {direct}")
    return result


def _events(scope: Scope, spans: list[Period]) -> tuple[list[Counter[str]], Counter[str]]:
    chosen = scope.organizations
    daily = _daily(scope, POINT)
    if daily is not None:
        if chosen:  # recognitions and withdrawals only by the chosen organizations
            daily = daily.exclude(Q(move__in=(RECOGNIZED, WITHDRAWN)) & ~Q(organization__in=chosen))
        rows = (daily.filter(day__gte=spans[0].first, day__lte=spans[-1].last).values_list("day", "move")
                .annotate(n=Sum("n")).order_by())
        undated_rows = daily.filter(day=UNDATED).values_list("move").annotate(n=Sum("n")).order_by()
    else:
        points = _facts(scope, POINT)
        if chosen:
            points = points.exclude(Q(start_kind__in=(RECOGNIZED, WITHDRAWN)) & ~Q(organization__in=chosen))
        rows = (points.filter(start__gte=spans[0].first, start__lte=spans[-1].last)
                .values_list("start", "start_kind").annotate(n=Count("id")).order_by())
        undated_rows = points.filter(start__isnull=True).values_list("start_kind").annotate(n=Count("id")).order_by()
    per_period: list[Counter[str]] = [Counter() for _ in spans]
    starts = [span.first for span in spans]
    for day, kind, n in rows:
        per_period[_index(starts, day)][kind] += n
    return per_period, Counter(dict(undated_rows))


def _index(starts: list[dt.date], day: dt.date) -> int:
    return bisect.bisect_right(starts, day) - 1


def _aggregates(scope: Scope, spans: list[Period]) -> list[tuple[int, int]]:
    counts = m.AggregateDetention.objects.filter(date_earliest__gte=spans[0].first, date_earliest__lte=spans[-1].last)
    if scope.country:
        counts = counts.filter(country=scope.country)
    if scope.region:
        counts = counts.filter(region=scope.region)
    starts = [span.first for span in spans]
    result = [(0, 0)] * len(spans)
    rows = counts.values_list("date_earliest").annotate(n=Count("id"), people=Sum("detained_count")).order_by()
    for day, n, people in rows:
        at = _index(starts, day)
        result[at] = (result[at][0] + n, result[at][1] + (people or 0))
    return result


def _door(scope: Scope, political: _Spells, flows: list[PeriodFlow], first: dt.date, last: dt.date) -> Door:
    released = sum(n for p in flows for kind, n in p.exits.items() if kind in RELEASES)
    new = sum(p.new for p in flows)
    net = flows[-1].stock_end - flows[0].stock_start
    # How long those released had been in custody: political spells carry their custody's days.
    if political.queryset is not None:
        released_spells = political.queryset.filter(end__gte=first, end__lte=last, end_kind__in=RELEASES)
        histogram = released_spells.values_list("custody_days").annotate(n=Count("id")).order_by()
        days = [d for d, n in histogram for _ in range(n)]
    else:
        assert political.merged is not None
        custody = _facts(scope, CUSTODY, "").filter(end__gte=first, end__lte=last, end_kind__in=RELEASES).filter(
            person_id__in=[s.person_id for s in political.merged
                           if s.end and first <= s.end <= last and s.end_kind in RELEASES])
        days = [(end - start).days for start, end in custody.values_list("start", "end")]
    return Door(released, new, net, statistics.median(sorted(days)) if days else None)


def _age_band(birth_year: int | None, day: dt.date) -> str:
    if birth_year is None:
        return "unknown"
    age = day.year - birth_year
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}+" if high >= 200 else f"{low}-{high}"
    return "unknown"




def _breakdowns(political: _Spells, day: dt.date, names: Iterable[str]) -> dict[str, dict[str, int]]:
    """The political stock at `day` by each of `names` (BREAKDOWNS).

    Counts include hidden people (a count names no one), but a value is named only when some
    person the public may see holds it: a region, tag or article that only restricted,
    confidential or unconsenting people hold would tell of them (a small town, a rare
    charge). Their people are counted under NOT_SHOWN, last."""
    # The stock's people read once, then given to every query as one parameter: each query
    # would otherwise work the spells out again (three times a breakdown, with the hidden).
    at_day = political.person_ids_at(day)
    ids = [row["person_id"] for row in at_day] if isinstance(at_day, QuerySet) else list(at_day)
    people = among(ids)
    facts = Fact.objects.filter(person_id__in=people, kind=CUSTODY, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gt=day))
    result: dict[str, dict[str, int]] = {}
    hidden: list[int] | None = None
    for name in names:
        if name == "age":
            ages: Counter[str] = Counter()
            for birth_year, n in facts.values_list("birth_year").annotate(
                    n=Count("person_id", distinct=True)).order_by():
                ages[_age_band(birth_year, day)] += n
            result["age"] = dict(sorted(ages.items()))
            continue
        if name in ("country", "region", "gender"):
            rows, fields, label = facts, [name], (lambda key: key[0] or "unknown")
        elif name == "tag":
            rows, fields, label = (m.Person.tags.through.objects.filter(person_id__in=people), ["tag__code"],
                                   (lambda key: key[0]))
        elif name == "article":
            rows, fields, label = (m.Charge.objects.filter(person_id__in=people), ["code_system", "article"],
                                   (lambda key: f"{key[0]} {key[1]}"))
        else:
            raise ValueError(f"unknown breakdown {name!r}; use: {', '.join(BREAKDOWNS)}")
        if hidden is None:
            hidden = _hidden_among(people)
        counts = _named_only_if_seen(rows, fields, label, hidden)
        if name == "article":  # the 20 most common, and the people of unnamed ones
            counts = {value: n for i, (value, n) in enumerate(counts.items()) if i < 20 or value == NOT_SHOWN}
        result[name] = counts
    return result


def _hidden_among(people: Any) -> list[int]:
    """Those of `people` (ids, or a query of person_id) whom the public may not see: usually a
    small share, so values are checked against them, not against everyone seen."""
    from politzek.registry.visibility import Viewer, person_condition

    return list(m.Person.objects.filter(pk__in=people).exclude(person_condition(Viewer.public(), prefix=""))
                .values_list("pk", flat=True))


def _named_only_if_seen(rows: QuerySet[Any], fields: list[str], label: Any, hidden: list[int]) -> dict[str, int]:
    """People per value of `fields` in `rows` (most first), counted in SQL; a value all of
    whose people are `hidden` is merged into NOT_SHOWN, its people counted once each."""
    counts: dict[str, int] = {}
    raw: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for *key, n in rows.values_list(*fields).annotate(n=Count("person_id", distinct=True)).order_by("-n", *fields):
        counts[label(key)] = n  # as before: values read alike ("" and None: "unknown") keep the last
        raw[label(key)].append(tuple(key))
    if not hidden:
        return counts
    of_hidden = rows.filter(person_id__in=among(hidden))
    hidden_counts: Counter[str] = Counter()
    for *key, n in of_hidden.values_list(*fields).annotate(n=Count("person_id", distinct=True)).order_by():
        hidden_counts[label(key)] += n
    alone = [value for value, n in counts.items() if hidden_counts[value] >= n]
    if not alone:
        return counts
    held_by_hidden_alone = Q()
    for value in alone:
        for key in raw[value]:
            held_by_hidden_alone |= Q(**dict(zip(fields, key, strict=True)))
    shown = {value: n for value, n in counts.items() if value not in alone}
    shown[NOT_SHOWN] = of_hidden.filter(held_by_hidden_alone).values("person_id").distinct().count()
    return shown


def _has_synthetic(scope: Scope) -> bool:
    """Whether synthetic demo records are among the people of the scope's country (the report
    then says so; erring towards saying it when a finer filter leaves none of them)."""
    people = m.Person.objects.filter(synthetic=True)
    return (people.filter(country=scope.country) if scope.country else people).exists()


def compute(scope: Scope, first: dt.date, last: dt.date, granularity: str = "week",
            breakdowns: Iterable[str] = ()) -> Figures:
    """Every figure of a report over [first, last] (inclusive) in periods of `granularity`,
    with the political stock at `last` broken down by each of `breakdowns` (BREAKDOWNS)."""
    refresh()
    spans = periods(first, last, granularity)
    political = _Spells(scope, POLITICAL)
    political_flows = _flows(political, spans, granularity)
    custody_flows = _flows(_Spells(scope, CUSTODY), spans, granularity)
    events, undated = _events(scope, spans)
    return Figures(
        scope=scope, first=first, last=last, granularity=granularity,
        political=political_flows, custody=custody_flows, events=events,
        aggregates=_aggregates(scope, spans), undated=undated,
        door=_door(scope, political, political_flows, first, last),
        breakdowns=_breakdowns(political, last, breakdowns),
        synthetic=_has_synthetic(scope),
    )


def entries_of(scope: Scope, people: Iterable[int], first: dt.date, last: dt.date) -> tuple[int, int]:
    """How many custody spells and political-prisoner spells of these people began in
    [first, last]: a deal's impact takes them out of its "new" (a man freed by the deal and
    taken back to prison that evening is no new arrest)."""
    ids = list(people)
    if not ids:
        return 0, 0
    custody = (_facts(scope, CUSTODY, "").filter(person_id__in=among(ids), start__gte=first, start__lte=last)
               .exclude(start_kind=CUSTODY_START_UNKNOWN).count())
    organizations = list(scope.organizations) if scope.organizations else [ANY_ORGANIZATION]
    political = (_facts(scope, POLITICAL).filter(organization__in=organizations, person_id__in=among(ids),
                                                 start__gte=first, start__lte=last)
                 .exclude(start_kind=CUSTODY_START_UNKNOWN)
                 .values("person_id").distinct().count())
    return custody, political


@dataclass
class WindowFlows:
    """The flows of one window of days (deal impact, `politzek deals impact`)."""

    first: dt.date
    last: dt.date
    political: PeriodFlow
    custody: PeriodFlow
    events: Counter[str]

    @property
    def released(self) -> int:
        """Political prisoners who left custody by a release of any mode (deaths not counted)."""
        return sum(n for kind, n in self.political.exits.items() if kind in RELEASES)


def window_flows(scope: Scope, first: dt.date, last: dt.date) -> WindowFlows:
    """Stock and flows over the days [first, last] as one period (they need not be whole weeks)."""
    refresh()
    span = [Period(first, last)]
    political = _flows(_Spells(scope, POLITICAL), span, "day")[0]
    custody = _flows(_Spells(scope, CUSTODY), span, "day")[0]
    events, _undated = _events(scope, span)
    return WindowFlows(first, last, political, custody, events[0])
