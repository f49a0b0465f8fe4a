"""What a scenario rests on, in words, from its structured facts: each parameter's basis (a
count from the registry, a reported figure, the literature's range, an assumption) and the
calibration's summary are stored as facts (`basis`, `calibration` in the scenario file) and
put into words here in the active language. The command line and the file's `source` and
`notes` read them in English; a Russian page reads them in Russian, with the data inside
(organizations, addresses, the studies cited) marked as data, never translated.

One renderer for every reader: calibrate.py writes the English texts with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _

from politzek.registry.countries import country_name

# The studies the response to deals is bounded by (LITERATURE_RESPONSE in calibrate.py).
LOW_STUDY = "Foley Foundation (2024)"
HIGH_STUDY = "Brandt, George & Sandler (2016, European Journal of Political Economy 44)"


class _Words:
    """Formatting for one rendering: plain text (files, the command line) or HTML whose data
    is marked translate="no" (pages)."""

    def __init__(self, html: bool) -> None:
        self.html = html
        self.language = (get_language() or "en").split("-")[0]

    def data(self, value: Any, tag: str = "span") -> str:
        text = str(value)
        return format_html('<{} translate="no">{}</{}>', mark_safe(tag), text, mark_safe(tag)) if self.html else text

    def count(self, value: Any) -> str:
        from babel.numbers import format_decimal

        return format_decimal(round(float(value)), locale=self._locale())

    def decimal(self, value: Any, digits: int = 2) -> str:
        from babel.numbers import format_decimal

        return format_decimal(round(float(value), digits), format="#,##0." + "#" * digits, locale=self._locale())

    def percent(self, value: Any) -> str:
        from babel.numbers import format_percent

        return format_percent(float(value), format="#,##0.##%", locale=self._locale())

    def signed_percent(self, value: Any) -> str:
        return ("+" if float(value) > 0 else "") + self.percent(value)

    def day(self, value: Any) -> str:
        from babel.dates import format_date

        return format_date(dt.date.fromisoformat(str(value)), "long", locale=self._locale())

    def country(self, code: str) -> str:
        return country_name(code) if code else _("the country")

    def text(self, template: str, values: Mapping[str, Any]) -> str:
        if not self.html:
            return template % values
        return mark_safe(conditional_escape(template) % {k: conditional_escape(v) for k, v in values.items()})

    def _locale(self) -> str:
        return {"en": "en_US"}.get(self.language, self.language)


def _where(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("registry, %(country)s, %(first)s to %(last)s"), {
        "country": w.country(fact.get("country", "")), "first": w.day(fact["first"]), "last": w.day(fact["last"])})


def _literature(w: _Words) -> str:
    return w.text(_("range: from %(low)s, no rise in wrongful detentions in Iran and Venezuela after exchanges, "
                    "to %(high)s, 26–87%% more kidnappings after successful concessions"),
                  {"low": w.data(LOW_STUDY, "cite"), "high": w.data(HIGH_STUDY, "cite")})


def _registry_held(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("%(where)s: political prisoners held on %(day)s: %(count)s"), {
        "where": _where(w, fact), "day": w.day(fact["last"]), "count": w.count(fact["held"])})


def _reported_held(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("reported by %(by)s: political prisoners held on %(day)s: %(total)s (%(source)s); in the "
                    "registry: %(held)s"), {
        "by": w.data(fact["by"]), "day": w.day(fact["day"]), "total": w.count(fact["total"]),
        "source": w.data(fact.get("source") or "—"), "held": w.count(fact["held"])})


def _reported_new(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("reported: newly recognized: %(recognized)s; weeks the reported counts of the window cover: "
                    "%(weeks)s; new in the registry: %(new)s; weeks in the window: %(window)s"), {
        "recognized": w.count(fact["recognized"]), "weeks": w.count(fact["weeks"]), "new": w.count(fact["new"]),
        "window": w.count(fact["window_weeks"])})


def _registry_new(w: _Words, fact: Mapping[str, Any]) -> str:
    text = w.text(_("%(where)s: new political prisoners: %(new)s; weeks: %(weeks)s"), {
        "where": _where(w, fact), "new": w.count(fact["new"]), "weeks": w.count(fact["weeks"])})
    if fact.get("factor"):
        text += w.text(_(", scaled by %(factor)s (the reported total held over the registry's); assumes the "
                         "registry records new prisoners in the share it holds them"),
                       {"factor": w.decimal(fact["factor"])})
    return text


def _pardons(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("%(where)s: pardons and other early releases (deals excluded): %(count)s; person-years held: "
                    "%(years)s"), {"where": _where(w, fact), "count": w.count(fact["count"]),
                                   "years": w.count(fact["years"])})


def _deaths(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("%(where)s: deaths in custody: %(count)s; person-years held: %(years)s"), {
        "where": _where(w, fact), "count": w.count(fact["count"]), "years": w.count(fact["years"])})


def _response(w: _Words, fact: Mapping[str, Any]) -> str:
    if fact.get("deals"):
        text = w.text(_("registry: deal impact, new detentions 26 weeks after ÷ before, minus 1, mean over the "
                        "deals of %(country)s (deals: %(deals)s); %(literature)s"), {
            "country": w.country(fact.get("country", "")), "deals": w.count(fact["deals"]),
            "literature": _literature(w)})
    else:
        text = w.text(_("no deal of %(country)s to measure: the lower end of %(study)s; %(literature)s"), {
            "country": w.country(fact.get("country", "")), "study": w.data(HIGH_STUDY, "cite"),
            "literature": _literature(w)})
    if fact.get("measured") is not None:
        text = w.text(_("measured %(measured)s, outside the literature's range %(low)s–%(high)s: set to its nearest "
                        "end, %(set)s; "), {
            "measured": w.signed_percent(fact["measured"]), "low": w.percent(fact["low"]),
            "high": w.percent(fact["high"]), "set": w.percent(fact["set"])}) + text
    return text


def _response_window(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("the deal-impact window, as measured (weeks: %(weeks)s)"), {"weeks": w.count(fact["weeks"])})


def _deterrence(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("assumption: no measurement exists; %(share)s lower arrest rate per 100 arrests that each raised "
                    "the cost"), {"share": w.percent(fact.get("share", 0.02))})


def _custody(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("%(where)s: custodial terms handed down (any date): %(count)s"), {
        "where": _where(w, fact), "count": w.count(fact["terms"])})


def _changed(w: _Words, fact: Mapping[str, Any]) -> str:
    return w.text(_("changed by the user"), {})


FACTS: dict[str, Callable[[_Words, Mapping[str, Any]], str]] = {
    "registry_held": _registry_held, "reported_held": _reported_held, "reported_new": _reported_new,
    "registry_new": _registry_new, "pardons": _pardons, "deaths": _deaths, "response_to_deals": _response,
    "response_window": _response_window, "deterrence_assumption": _deterrence, "custody": _custody,
    "changed_by_user": _changed,
}
# The keys each fact needs (a scenario file is checked against them when it is read).
FACT_KEYS = {
    "registry_held": ("country", "first", "last", "held"), "reported_held": ("by", "day", "total", "held"),
    "reported_new": ("recognized", "weeks", "new", "window_weeks"),
    "registry_new": ("country", "first", "last", "new", "weeks"),
    "pardons": ("country", "first", "last", "count", "years"), "deaths": ("country", "first", "last", "count", "years"),
    "response_to_deals": ("country",), "response_window": ("weeks",), "deterrence_assumption": (),
    "custody": ("country", "first", "last", "terms"), "changed_by_user": (),
}
CALIBRATION_KEYS = ("country", "on", "held", "new", "weeks", "terms", "deals", "figures", "every", "share",
                    "price", "growth", "seen_growth")


def basis_text(fact: Mapping[str, Any], html: bool = False) -> str | SafeString:
    """A parameter's basis in the active language."""
    return FACTS[fact["fact"]](_Words(html), fact)


def scenario_name(calibration: Mapping[str, Any], html: bool = False) -> str:
    w = _Words(html)
    name = w.text(_("%(country)s, calibrated on %(day)s"), {
        "country": w.country(calibration.get("country", "")), "day": w.day(calibration["on"])})
    if calibration.get("synthetic"):
        name += w.text(" (%(what)s)", {"what": _("synthetic demo data")})
    if calibration.get("few"):
        name += w.text(" (%(what)s)", {"what": _("few records")})
    return mark_safe(name) if html else name


def _sentence(parts: list[str]) -> str:
    text = "; ".join(part for part in parts if part)
    return text[:1].upper() + text[1:] + "."


def calibration_text(calibration: Mapping[str, Any], html: bool = False) -> str | SafeString:
    """What a calibrated scenario rests on and how its deals were set, in the active language."""
    w = _Words(html)
    c = calibration
    rests = [
        w.text(_("rests on: political-prisoner spells in the registry: %(spells)s"), {"spells": w.count(c["spells"])})
        if "spells" in c else w.text(_("rests on: the registry (people in it: %(people)s)"), {
            "people": w.count(c.get("people", 0))}),
        w.text(_("political prisoners held on %(day)s: %(held)s"), {"day": w.day(c["on"]), "held": w.count(c["held"])}),
        w.text(ngettext("new in the last %(weeks)s week: %(new)s", "new in the last %(weeks)s weeks: %(new)s",
                        int(c["weeks"])), {"weeks": w.count(c["weeks"]), "new": w.count(c["new"])}),
        w.text(_("custodial terms: %(terms)s"), {"terms": w.count(c["terms"])}),
        w.text(_("deals: %(deals)s"), {"deals": w.count(c["deals"])}),
        w.text(_("reported figures: %(figures)s"), {"figures": w.count(c["figures"])}),
    ]
    if c.get("reported_total"):
        rests.append(w.text(_("of the %(total)s political prisoners %(by)s reports held on %(day)s, the registry "
                              "holds %(held)s"), {
            "total": w.count(c["reported_total"]), "by": w.data(c.get("reported_by", "")),
            "day": w.day(c["reported_day"]), "held": w.count(c["held"])}))
    else:
        rests.append(w.text(_("no reported total: the registry's counts are taken as the country's"), {}))
    if c.get("few"):
        rests.append(w.text(_("TOO FEW to stand for the country, calibrated anyway on request"), {}))
    rests.append(w.text(_("calibrated from the registry on %(day)s (%(data)s)"), {
        "day": w.day(c["on"]), "data": _("synthetic demo data") if c.get("synthetic") else _("registry data")}))
    deals = [
        w.text(ngettext("deals: one every %(every)s week", "deals: one every %(every)s weeks", int(c["every"])),
               {"every": w.count(c["every"])}),
        w.text(_("each freeing %(share)s of the political prisoners held"), {"share": w.percent(c["share"])}),
        w.text(_("price per prisoner: %(price)s USD"), {"price": w.count(c["price"])}),
        w.text(_("growing %(growth)s a deal (the median change deal to deal was %(seen)s; kept within ±10%%)"), {
            "growth": w.percent(c["growth"]), "seen": w.percent(c["seen_growth"])}),
    ]
    joined = _sentence(rests) + " " + _sentence(deals)
    return mark_safe(joined) if html else joined


def in_english(render: Callable[..., Any], *args: Any) -> str:
    """The English text of a rendering, for the scenario file and the command line."""
    with override("en"):
        return str(render(*args))
