"""A deal's impact in sentences, for the command line (English) and the public page (in the
reader's language: the sentences go through Django's translations)."""

from __future__ import annotations

import math

from babel.numbers import format_decimal, format_percent
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from politzek.bargaining.impact import Impact, Window
from politzek.bargaining.rates import RateRatio
from politzek.registry.countries import country_name


def _decimal(value: float, digits: int) -> str:
    """A number as the active language writes it (0,50 in Russian, 0.50 in English): the
    sentences stand beside figures the pages format the same way."""
    locale = (get_language() or "en").split("-")[0]
    return format_decimal(round(value, digits), format="#,##0." + "0" * digits, locale=locale)


def interval(rate: RateRatio) -> str:
    """A rate ratio and its interval in the active language's numbers: 0,50 (95 % ДИ 0,01–9,60)."""
    if rate.after + rate.before == 0:
        return _("no events in either window")
    if rate.ratio is None:
        return _("none before, %(after)s after: no finite ratio (at least %(low)s)") % {
            "after": rate.after, "low": _decimal(rate.low or 0, 2)}
    high = "∞" if rate.high is None or math.isinf(rate.high) else _decimal(rate.high, 2)
    level = format_percent(rate.confidence, locale=(get_language() or "en").split("-")[0])
    return _("%(ratio)s (%(level)s CI %(low)s–%(high)s)") % {
        "ratio": _decimal(rate.ratio, 2), "level": level, "low": _decimal(rate.low or 0, 2), "high": high}


def _rate(rate: RateRatio) -> str:
    verdict = ""
    if rate.significant and rate.low is not None:
        verdict = _(", a clear rise") if rate.low > 1 else _(", a clear fall")
    elif rate.ratio is not None:
        verdict = _(", no clear change")
    return _("%(before)s a week before, %(after)s after: rate ratio %(ratio)s%(verdict)s") % {
        "before": _decimal(rate.per_week_before or 0, 1), "after": _decimal(rate.per_week_after or 0, 1),
        "ratio": interval(rate), "verdict": verdict}


def coverage_sentence(window: Window) -> str | None:
    """Why the window's rates are not compared, when the registry lacks data on one side."""
    coverage = window.coverage
    if not coverage.enough_after:
        if coverage.last_recorded is None:
            return _("not enough data after the deal: the registry records no dated event in this country")
        return _("not enough data after the deal: the registry's last recorded event in this country is on "
                 "%(day)s, before the window ends (%(end)s); no rate ratio") % {
            "day": coverage.last_recorded.isoformat(), "end": window.after.last.isoformat()}
    if not coverage.enough_before:
        if coverage.events_before == 0 and coverage.first_recorded is not None \
                and coverage.first_recorded < window.before.first:
            # Records begin long before: the window itself is empty, which is what to say.
            return _("no event is recorded in this country in the %(weeks)s weeks before the deal "
                     "(%(first)s to %(last)s); no rate ratio") % {
                "weeks": window.weeks, "first": window.before.first.isoformat(),
                "last": window.before.last.isoformat()}
        return _("not enough data before the deal: the registry's records in this country begin on %(day)s; "
                 "no rate ratio") % {"day": coverage.first_recorded.isoformat() if coverage.first_recorded else "-"}
    return None


def window_sentences(window: Window) -> list[str]:
    if window.complete:
        heading = _("%(weeks)s weeks before and after:") % {"weeks": window.weeks}
    else:
        heading = _("%(weeks)s weeks before and after (the after-window is cut at %(day)s: it has not ended):") % {
            "weeks": window.weeks, "day": window.after.last.isoformat()}
    missing = coverage_sentence(window)
    if missing:
        rates = ["  " + missing]
    else:
        rates = ["  " + _("new detentions: %(rate)s") % {"rate": _rate(window.detentions)},
                 "  " + _("new recognitions: %(rate)s") % {"rate": _rate(window.recognitions)}]
    lines = [heading, *rates,
             "  " + _("political prisoners: %(before)s the day before the deal, %(after)s at the end (%(change)+d)") % {
                 "before": window.stock_before_deal, "after": window.stock_after, "change": window.net_change}]
    if window.redetained:
        lines.append("  " + ngettext(
            "%(n)s person the deal released was taken back into custody: not counted as new",
            "%(n)s people the deal released were taken back into custody: not counted as new",
            window.redetained) % {"n": window.redetained})
    if window.released:
        lines.append("  " + _("for every %(released)s released, %(new)s new (%(ratio)s new per release)") % {
            "released": window.released, "new": window.new, "ratio": _decimal(window.new / window.released, 2)})
    else:
        lines.append("  " + ngettext("no political prisoner released in the window; %(new)s new",
                                     "no political prisoner released in the window; %(new)s new",
                                     window.new) % {"new": window.new})
    return lines


def released_sentences(impact: Impact) -> list[str]:
    r = impact.released
    parts = [ngettext("%(n)s recognized political prisoner", "%(n)s recognized political prisoners",
                      r.recognized) % {"n": r.recognized},
             ngettext("%(n)s in the registry but not recognized", "%(n)s in the registry but not recognized",
                      r.not_recognized) % {"n": r.not_recognized},
             ngettext("%(n)s not in the registry", "%(n)s not in the registry", r.not_in_registry) % {
                 "n": r.not_in_registry}]
    lines = [_("released by the regime: %(all)s: %(parts)s") % {"all": r.by_regime, "parts": ", ".join(parts)}]
    if r.foreign_citizens:
        lines.append("  " + _("%(n)s of them citizens of another country") % {"n": r.foreign_citizens})
    if r.charged_with_violence:
        lines.append("  " + _("%(n)s of them charged with violence against persons") % {"n": r.charged_with_violence})
    if r.sent_abroad:
        lines.append("  " + _("%(n)s sent abroad rather than freed at home (%(where)s)") % {
            "n": r.sent_abroad, "where": ", ".join(f"{country_name(c)}: {n}" for c, n in r.destinations.most_common())})
    if r.returned_to_regime:
        lines.append(ngettext("%(n)s person returned to the regime in exchange",
                              "%(n)s people returned to the regime in exchange",
                              r.returned_to_regime) % {"n": r.returned_to_regime})
    return lines


def impact_text(impact: Impact) -> str:
    deal = impact.deal
    lines = [f"{deal.name} ({deal.date}, {deal.get_kind_display()}), timeline of {impact.country}"]
    if deal.synthetic:
        lines.append("SYNTHETIC DEMO DEAL: invented for demonstration, not a real deal")
    lines += released_sentences(impact)
    for window in impact.windows:
        lines += window_sentences(window)
    return "\n".join(lines)
