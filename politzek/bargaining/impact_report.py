"""A deal's impact in sentences, for the command line (English) and the public page (in the
reader's language: the sentences go through Django's translations)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from politzek.bargaining.impact import Impact, Window
from politzek.bargaining.rates import RateRatio


def _interval(rate: RateRatio) -> str:
    if rate.after + rate.before == 0:
        return _("no events in either window")
    if rate.ratio is None:
        return _("none before, %(after)s after: no finite ratio (at least %(low).2f)") % {
            "after": rate.after, "low": rate.low or 0}
    return rate.describe()


def _rate(rate: RateRatio) -> str:
    verdict = ""
    if rate.significant and rate.low is not None:
        verdict = _(", a clear rise") if rate.low > 1 else _(", a clear fall")
    elif rate.ratio is not None:
        verdict = _(", no clear change")
    return _("%(before).1f a week before, %(after).1f after: rate ratio %(ratio)s%(verdict)s") % {
        "before": rate.per_week_before or 0, "after": rate.per_week_after or 0, "ratio": _interval(rate),
        "verdict": verdict}


def window_sentences(window: Window) -> list[str]:
    if window.complete:
        heading = _("%(weeks)s weeks before and after:") % {"weeks": window.weeks}
    else:
        heading = _("%(weeks)s weeks before and after (the after-window is cut at %(day)s: it has not ended):") % {
            "weeks": window.weeks, "day": window.after.last.isoformat()}
    lines = [heading,
             "  " + _("new detentions: %(rate)s") % {"rate": _rate(window.detentions)},
             "  " + _("new recognitions: %(rate)s") % {"rate": _rate(window.recognitions)},
             "  " + _("political prisoners: %(before)s the day before the deal, %(after)s at the end (%(change)+d)") % {
                 "before": window.stock_before_deal, "after": window.stock_after, "change": window.net_change}]
    if window.released:
        lines.append("  " + _("for every %(released)s released, %(new)s new (%(ratio).2f new per release)") % {
            "released": window.released, "new": window.new, "ratio": window.new / window.released})
    else:
        lines.append("  " + _("no political prisoner released in the window; %(new)s new") % {"new": window.new})
    return lines


def released_sentences(impact: Impact) -> list[str]:
    r = impact.released
    lines = [_("released by the regime: %(all)s: %(recognized)s recognized political prisoners, %(not_recognized)s "
               "in the registry but not recognized, %(absent)s not in the registry") % {
        "all": r.by_regime, "recognized": r.recognized, "not_recognized": r.not_recognized,
        "absent": r.not_in_registry}]
    if r.foreign_citizens:
        lines.append("  " + _("%(n)s of them citizens of another country") % {"n": r.foreign_citizens})
    if r.charged_with_violence:
        lines.append("  " + _("%(n)s of them charged with violence against persons") % {"n": r.charged_with_violence})
    if r.sent_abroad:
        lines.append("  " + _("%(n)s sent abroad rather than freed at home (%(where)s)") % {
            "n": r.sent_abroad, "where": ", ".join(f"{c}: {n}" for c, n in r.destinations.most_common())})
    if r.returned_to_regime:
        lines.append(_("returned to the regime in exchange: %(n)s") % {"n": r.returned_to_regime})
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
