"""The periodic summary in plain sentences, with the table, as text, Markdown or JSON, in
English, Russian or Belarusian.

It writes the paragraph documenters write by hand each week ("In the first weeks of December
alone, 10 people were newly recognized as political prisoners… The total number of political
prisoners in Belarus has now reached 1,227."), from the figures alone. Wording goes through
Django's gettext (plural forms from the catalogues in politzek/locale); dates, numbers and
country names through Babel (CLDR), so "1 227" and "1 снежня 2025" come out right."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from politzek.flows.figures import DEATHS, RELEASES, Figures, PeriodFlow
from politzek.punctuation import one_full_stop
from politzek.registry.status import CUSTODY_START_UNKNOWN
from politzek.registry.visibility import NOT_SHOWN

FORMATS = ("text", "md", "json")
LANGUAGES = ("en", "ru", "be", "uk")


def _released_by(kind: str, n: int) -> str:
    """"12 pardoned": a count of releases of one mode, agreeing with the count."""
    phrases = {
        "released_pardon": ngettext("%(n)s pardoned", "%(n)s pardoned", n),
        "released_exchange": ngettext("%(n)s freed in an exchange", "%(n)s freed in exchanges", n),
        "released_end_of_term": ngettext("%(n)s at the end of their term", "%(n)s at the end of their term", n),
        "released_pretrial": ngettext("%(n)s released pending trial", "%(n)s released pending trial", n),
        "released_other": ngettext("%(n)s released otherwise", "%(n)s released otherwise", n),
        "deported": ngettext("%(n)s deported", "%(n)s deported", n),
        "non_custodial_sentence": ngettext("%(n)s given a non-custodial sentence",
                                           "%(n)s given a non-custodial sentence", n),
    }
    return _count(phrases[kind], n)


def _title(granularity: str) -> str:
    return {"day": _("Daily figures"), "week": _("Weekly figures"), "month": _("Monthly figures"),
            "quarter": _("Quarterly figures"), "year": _("Yearly figures")}.get(granularity, granularity)


def _value_label(breakdown: str, value: str) -> str:
    """A region, occupation or tag in the active language where web/data/values.toml knows it."""
    from politzek.web.public.values import value_label

    return value_label(breakdown, value) if breakdown in ("region", "occupation", "tag") or value == NOT_SHOWN \
        else value


def _breakdown_name(name: str) -> str:
    return {"country": _("country"), "region": _("region"), "gender": _("gender"), "age": _("age"),
            "tag": _("tag"), "article": _("article")}.get(name, name)


def _locale() -> str:
    return translation.get_language() or "en"


def _number(value: int) -> str:
    return format_decimal(value, locale=_locale())


def _day(day: dt.date) -> str:
    return format_date(day, "d MMMM y", locale=_locale())


def scope_name(figures: Figures) -> str:
    scope = figures.scope
    place = _("The registry")
    if scope.country:
        place = Locale.parse(_locale()).territories.get(scope.country.upper(), scope.country)
    extra = [f"{_breakdown_name(name)} {value}" for name, value in (
        ("region", scope.region), ("tag", scope.tag), ("article", scope.article), ("gender", scope.gender)) if value]
    return place + (f" ({', '.join(extra)})" if extra else "")


def _organizations(figures: Figures) -> str:
    chosen = figures.scope.organizations
    if not chosen:
        return _("recognized by any organization")
    return _("recognized by %(organizations)s") % {"organizations": _(" or ").join(chosen)}


def _change(start: int, end: int) -> str:
    difference = end - start
    if difference == 0:
        return _("no change")
    return ("+" if difference > 0 else "−") + _number(abs(difference))


def _list(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + _(" and ") + parts[-1]


def _count(template: str, n: int) -> str:
    """A plural form chosen by ngettext at the call (so makemessages finds it), filled with n."""
    return template % {"n": _number(n)}


def _duration(days: float) -> str:
    whole = int(days)
    years, rest = divmod(whole, 365)
    months = rest // 30
    words = ([_count(ngettext("%(n)s year", "%(n)s years", years), years)] if years else []) + (
        [_count(ngettext("%(n)s month", "%(n)s months", months), months)] if months else [])
    in_days = _count(ngettext("%(n)s day", "%(n)s days", whole), whole)
    return f"{_list(words)} ({in_days})" if words else in_days


def _sum(flows: list[PeriodFlow], attribute: str) -> Counter[str]:
    total: Counter[str] = Counter()
    for flow in flows:
        total.update(getattr(flow, attribute))
    return total


def _opening(figures: Figures) -> list[str]:
    political = figures.political
    heading = one_full_stop(_("%(where)s, %(first)s to %(last)s.") % {
        "where": scope_name(figures), "first": _day(figures.first), "last": _day(figures.last)})
    if figures.synthetic:
        heading += " " + _("SYNTHETIC DEMO DATA: these figures are about invented people, not real ones.")
    stock = _("Political prisoners in custody (%(organizations)s): %(start)s at the end of %(before)s, %(end)s at "
              "the end of %(last)s (%(change)s).") % {
        "organizations": _organizations(figures), "start": _number(political[0].stock_start),
        "before": _day(figures.first - dt.timedelta(days=1)), "end": _number(political[-1].stock_end),
        "last": _day(figures.last), "change": _change(political[0].stock_start, political[-1].stock_end)}
    return [heading, stock]


def _happenings(events: Counter[str]) -> str:
    recognized, registered = events["recognized"], events["added_to_register"]
    detained, sentenced = events["detained"], events["sentenced"]
    happened = [_count(ngettext("%(n)s person was newly recognized as a political prisoner",
                                "%(n)s people were newly recognized as political prisoners", recognized), recognized)]
    if registered:
        happened.append(_count(ngettext("%(n)s was added to registers of 'extremists' and 'terrorists'",
                                        "%(n)s were added to registers of 'extremists' and 'terrorists'",
                                        registered), registered))
    happened.append(_count(ngettext("%(n)s was detained", "%(n)s were detained", detained), detained))
    happened.append(_count(ngettext("%(n)s was sentenced", "%(n)s were sentenced", sentenced), sentenced))
    return _("In this period %(list)s.") % {"list": _list(happened)}


def _departures(figures: Figures) -> str:
    exits = _sum(figures.political, "exits")
    released = {kind: exits[kind] for kind in RELEASES if exits[kind]}
    total = sum(released.values())
    left = _count(ngettext("%(n)s political prisoner was released", "%(n)s political prisoners were released",
                           total), total)
    if released:
        left += " (" + ", ".join(_released_by(kind, n) for kind, n in released.items()) + ")"
    parts = [left]
    died, withdrawn = sum(exits[kind] for kind in DEATHS), exits["recognition_withdrawn"]
    if died:
        parts.append(_count(ngettext("%(n)s died in custody or was executed",
                                     "%(n)s died in custody or were executed", died), died))
    if withdrawn:
        parts.append(_count(ngettext("%(n)s recognition was withdrawn", "%(n)s recognitions were withdrawn",
                                     withdrawn), withdrawn))
    return _list(parts) + "."


def _door(figures: Figures) -> str:
    door = figures.door
    if not door.released:
        return _("None were released; %(new)s came in (newly recognized, or detained while recognized).") % {
            "new": _number(door.new)}
    net = _("net %(change)s") % {"change": _change(0, door.net)} if door.net else _("net 0")
    text = _("For every %(released)s released, %(new)s came in (newly recognized, or detained while recognized): "
             "%(net)s.") % {"released": _number(door.released), "new": _number(door.new), "net": net}
    exits = _sum(figures.political, "exits")
    died, withdrawn = sum(exits[kind] for kind in DEATHS), exits["recognition_withdrawn"]
    if died or withdrawn:
        # The net of the revolving door counts releases only: say what else left the stock.
        text += " " + _("Besides releases, %(died)s died in custody and %(withdrawn)s recognitions were withdrawn: "
                        "the net counts them too.") % {
            "died": _number(died), "withdrawn": _number(withdrawn)}
    if door.median_days_in_custody_of_released is not None:
        text += " " + _("Those released had spent a median of %(duration)s in custody.") % {
            "duration": _duration(door.median_days_in_custody_of_released)}
    return text


def _notes(figures: Figures) -> list[str]:
    custody = figures.custody
    paragraphs = [_("Everyone in custody in the registry, recognized or not: %(start)s → %(end)s (%(change)s).") % {
        "start": _number(custody[0].stock_start), "end": _number(custody[-1].stock_end),
        "change": _change(custody[0].stock_start, custody[-1].stock_end)}]
    detentions, people = (sum(a[0] for a in figures.aggregates), sum(a[1] for a in figures.aggregates))
    if detentions:
        paragraphs.append(_("Counted without names (protest detentions as published): %(people)s detained at "
                            "%(events)s; not included in the figures above.") % {
            "people": _count(ngettext("%(n)s person", "%(n)s people", people), people),
            "events": _count(ngettext("%(n)s event", "%(n)s events", detentions), detentions)})
    for name, counts in figures.breakdowns.items():
        shown = ", ".join(f"{_value_label(name, value)} {_number(n)}" for value, n in list(counts.items())[:12])
        paragraphs.append(_("Political prisoners in custody on %(day)s by %(name)s: %(values)s.") % {
            "day": _day(figures.last), "name": _breakdown_name(name), "values": shown or "—"})
    notes = []
    undated = sum(figures.undated.values())
    if undated:
        notes.append(_count(ngettext("%(n)s event has no date and is in no period",
                                     "%(n)s events have no date and are in no period", undated), undated))
    imprecise = sum(p.imprecise for p in figures.political)
    if imprecise:
        notes.append(_count(ngettext(
            "%(n)s move of political prisoners is dated only to the month or year and counted on its first day",
            "%(n)s moves of political prisoners are dated only to the month or year and counted on its first day",
            imprecise), imprecise))
    first_known = sum(p.entries.get(CUSTODY_START_UNKNOWN, 0) for p in figures.political)
    if first_known:
        notes.append(_count(ngettext(
            "%(n)s political prisoner held since a day no source gives joins the count on the first day the "
            "registry knows them held, and is no new arrest",
            "%(n)s political prisoners held since a day no source gives join the count on the first day the "
            "registry knows them held, and are no new arrests", first_known), first_known))
    if notes:
        paragraphs.append(_("Data quality: %(notes)s.") % {"notes": "; ".join(notes)})
    return paragraphs


def sentences(figures: Figures) -> list[str]:
    """The summary, one paragraph per list item, in the active language."""
    events: Counter[str] = Counter()
    for counts in figures.events:
        events.update(counts)
    return [*_opening(figures), _happenings(events), _departures(figures), _door(figures), *_notes(figures)]


def columns() -> list[str]:
    return [_("period"), _("from"), _("to"), _("political prisoners at start"), _("entries"), _("exits"),
            _("released"), _("died in custody"), _("recognition withdrawn"), _("political prisoners at end"),
            _("in custody at end"), _("recognized"), _("detained"), _("sentenced"), _("added to registers")]


def table_rows(figures: Figures, plain: bool = False) -> list[list[str]]:
    """The table's rows; `plain`: numbers with no separators (1088, never "1,088" or "1 088"),
    as spreadsheets read a CSV's numbers."""
    rows = []
    for political, custody, events in zip(figures.political, figures.custody, figures.events, strict=True):
        released = sum(n for kind, n in political.exits.items() if kind in RELEASES)
        died = sum(n for kind, n in political.exits.items() if kind in DEATHS)
        # Every exit beside the releases: a net change never hides a death.
        figures_row = [political.stock_start, sum(political.entries.values()), sum(political.exits.values()),
                       released, died, political.exits.get("recognition_withdrawn", 0), political.stock_end,
                       custody.stock_end, events["recognized"], events["detained"],
                       events["sentenced"], events["added_to_register"]]
        rows.append([political.label, political.period.first.isoformat(), political.period.last.isoformat(),
                     *(str(n) if plain else _number(n) for n in figures_row)])
    return rows


def render(figures: Figures, form: str, language: str = "en") -> str:
    """The report in `form` (FORMATS) and `language` (LANGUAGES)."""
    with translation.override(language):
        return _render(figures, form)


def _render(figures: Figures, form: str) -> str:
    paragraphs = sentences(figures)
    if form == "json":
        return json.dumps({"language": _locale(), "summary": paragraphs, **figures.as_dict()}, ensure_ascii=False,
                          indent=2)
    rows, header, title = table_rows(figures), columns(), _title(figures.granularity)
    if form == "md":
        lines = [f"## {paragraphs[0]}", "", *(p + "\n" for p in paragraphs[1:]), f"### {title}", "",
                 "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(header)]
    lines = [*paragraphs, "", title + ":", "  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) if i >= 3 else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
              for row in rows]
    return "\n".join(lines) + "\n"
