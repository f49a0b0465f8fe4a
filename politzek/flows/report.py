"""The periodic summary in plain sentences, with the table, as text, Markdown or JSON.

It writes the paragraph documenters write by hand each week ("In the first weeks of December
alone, 10 people were newly recognized as political prisoners… The total number of political
prisoners in Belarus has now reached 1,227."), from the figures alone."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from rigour.territories import get_territory

from politzek.flows.figures import DEATHS, RELEASES, Figures, PeriodFlow

FORMATS = ("text", "md", "json")
RELEASE_WORDS = {
    "released_pardon": "pardoned", "released_exchange": "freed in exchanges",
    "released_end_of_term": "at the end of their term", "released_pretrial": "released pending trial",
    "released_other": "released otherwise", "deported": "deported", "non_custodial_sentence":
    "given a non-custodial sentence",
}
ADJECTIVE = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _where(figures: Figures) -> str:
    scope = figures.scope
    place = "The registry"
    if scope.country:
        territory = get_territory(scope.country.lower())
        place = territory.name if territory else scope.country
    extra = [f"{name} {value}" for name, value in (("region", scope.region), ("tag", scope.tag),
             ("article", scope.article), ("gender", scope.gender)) if value]
    return place + (f" ({', '.join(extra)})" if extra else "")


def _organizations(figures: Figures) -> str:
    chosen = figures.scope.organizations
    return f"recognized by {' or '.join(chosen)}" if chosen else "recognized by any organization"


def _change(start: int, end: int) -> str:
    difference = end - start
    return "no change" if difference == 0 else f"{difference:+,}"


def _list(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _duration(days: float) -> str:
    years, rest = divmod(int(days), 365)
    months = rest // 30
    words = ([_n(years, "year")] if years else []) + ([_n(months, "month")] if months else [])
    return f"{_list(words) or _n(int(days), 'day')} ({int(days):,} days)"


def _sum(flows: list[PeriodFlow], attribute: str) -> Counter[str]:
    total: Counter[str] = Counter()
    for flow in flows:
        total.update(getattr(flow, attribute))
    return total


def sentences(figures: Figures) -> list[str]:
    """The summary, one paragraph per list item."""
    political, custody = figures.political, figures.custody
    events: Counter[str] = Counter()
    for counts in figures.events:
        events.update(counts)
    before = figures.first - dt.timedelta(days=1)
    where = _where(figures)
    paragraphs = [
        f"{where}, {_day(figures.first)} to {_day(figures.last)}."
        + (" SYNTHETIC DEMO DATA: these figures are about invented people, not real ones." if figures.synthetic
           else ""),
        f"Political prisoners in custody ({_organizations(figures)}): {political[0].stock_start:,} at the end of "
        f"{_day(before)}, {political[-1].stock_end:,} at the end of {_day(figures.last)} "
        f"({_change(political[0].stock_start, political[-1].stock_end)}).",
    ]
    happened = [f"{_n(events['recognized'], 'person was', 'people were')} newly recognized as political prisoners"]
    if events["added_to_register"]:
        happened.append(f"{_n(events['added_to_register'], 'was', 'were')} added to registers of "
                        "'extremists' and 'terrorists'")
    happened.append(f"{_n(events['detained'], 'was', 'were')} detained")
    happened.append(f"{_n(events['sentenced'], 'was', 'were')} sentenced")
    paragraphs.append(f"In this period {_list(happened)}.")
    exits = _sum(political, "exits")
    released = {kind: exits[kind] for kind in RELEASES if exits[kind]}
    died = sum(exits[kind] for kind in DEATHS)
    withdrawn = exits["recognition_withdrawn"]
    left = [f"{_n(sum(released.values()), 'political prisoner was', 'political prisoners were')} released"
            + (f" ({', '.join(f'{n:,} {RELEASE_WORDS[k]}' for k, n in released.items())})" if released else "")]
    if died:
        left.append(f"{_n(died, 'died in custody or was executed', 'died in custody or were executed')}")
    if withdrawn:
        left.append(f"{_n(withdrawn, 'recognition was', 'recognitions were')} withdrawn")
    paragraphs.append(_list(left) + ".")
    door = figures.door
    net = f"net {door.net:+,}" if door.net else "net 0"
    door_text = (f"For every {door.released:,} released, {door.new:,} came in (newly recognized, or detained "
                 f"while recognized): {net}." if door.released else
                 f"None were released; {door.new:,} came in (newly recognized, or detained while recognized).")
    if door.median_days_in_custody_of_released is not None:
        door_text += (" Those released had spent a median of "
                      f"{_duration(door.median_days_in_custody_of_released)} in custody.")
    paragraphs.append(door_text)
    paragraphs.append(f"Everyone in custody in the registry, recognized or not: {custody[0].stock_start:,} → "
                      f"{custody[-1].stock_end:,} ({_change(custody[0].stock_start, custody[-1].stock_end)}).")
    detentions, people = (sum(a[0] for a in figures.aggregates), sum(a[1] for a in figures.aggregates))
    if detentions:
        paragraphs.append(f"Counted without names (protest detentions as published): {_n(people, 'person')} "
                          f"detained at {_n(detentions, 'event')}; not included in the figures above.")
    for name, counts in figures.breakdowns.items():
        shown = ", ".join(f"{value} {n:,}" for value, n in list(counts.items())[:12])
        paragraphs.append(f"Political prisoners in custody on {_day(figures.last)} by {name}: {shown or 'none'}.")
    undated = sum(figures.undated.values())
    imprecise = sum(p.imprecise for p in political)
    notes = []
    if undated:
        notes.append(f"{_n(undated, 'event has', 'events have')} no date and {'is' if undated == 1 else 'are'} "
                     "in no period")
    if imprecise:
        notes.append(f"{_n(imprecise, 'move')} of political prisoners {'is' if imprecise == 1 else 'are'} dated "
                     "only to the month or year and counted on its first day")
    if notes:
        paragraphs.append("Data quality: " + "; ".join(notes) + ".")
    return paragraphs


TABLE_COLUMNS = ("period", "from", "to", "political prisoners at start", "entries", "exits", "released",
                 "political prisoners at end", "in custody at end", "recognized", "detained", "sentenced",
                 "added to registers")


def table_rows(figures: Figures) -> list[list[str]]:
    rows = []
    for political, custody, events in zip(figures.political, figures.custody, figures.events, strict=True):
        released = sum(n for kind, n in political.exits.items() if kind in RELEASES)
        rows.append([
            political.label, political.period.first.isoformat(), political.period.last.isoformat(),
            f"{political.stock_start:,}", f"{sum(political.entries.values()):,}", f"{sum(political.exits.values()):,}",
            f"{released:,}", f"{political.stock_end:,}", f"{custody.stock_end:,}", f"{events['recognized']:,}",
            f"{events['detained']:,}", f"{events['sentenced']:,}", f"{events['added_to_register']:,}",
        ])
    return rows


def render(figures: Figures, form: str) -> str:
    if form == "json":
        return json.dumps({"summary": sentences(figures), **figures.as_dict()}, ensure_ascii=False, indent=2)
    paragraphs = sentences(figures)
    rows = table_rows(figures)
    title = f"{ADJECTIVE.get(figures.granularity, figures.granularity).capitalize()} figures"
    if form == "md":
        lines = [f"## {paragraphs[0]}", "", *(p + "\n" for p in paragraphs[1:]), f"### {title}", "",
                 "| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(TABLE_COLUMNS)]
    lines = [*paragraphs, "", title + ":", "  ".join(c.ljust(w) for c, w in zip(TABLE_COLUMNS, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) if i >= 3 else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
              for row in rows]
    return "\n".join(lines) + "\n"
