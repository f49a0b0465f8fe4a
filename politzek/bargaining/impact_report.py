"""A deal's impact in sentences and a table, for the command line and the public page."""

from __future__ import annotations

from politzek.bargaining.impact import Impact, Window
from politzek.bargaining.rates import RateRatio


def _rate(rate: RateRatio) -> str:
    before, after = rate.per_week_before or 0, rate.per_week_after or 0
    change = rate.describe()
    verdict = ""
    if rate.significant and rate.low is not None:
        verdict = ", a clear rise" if rate.low > 1 else ", a clear fall"
    elif rate.ratio is not None:
        verdict = ", no clear change"
    return f"{before:.1f} a week before, {after:.1f} after: rate ratio {change}{verdict}"


def window_sentences(window: Window) -> list[str]:
    partial = "" if window.complete else f" (after-window cut at {window.after.last}: it has not ended)"
    lines = [f"{window.weeks} weeks before and after{partial}:",
             f"  new detentions: {_rate(window.detentions)}",
             f"  new recognitions: {_rate(window.recognitions)}",
             f"  political prisoners: {window.stock_before_deal} the day before the deal, {window.stock_after} at the "
             f"end ({window.net_change:+d})"]
    if window.released:
        lines.append(f"  for every {window.released} released, {window.new} new "
                     f"({window.new / window.released:.2f} new per release)")
    else:
        lines.append(f"  no political prisoner released in the window; {window.new} new")
    return lines


def released_sentences(impact: Impact) -> list[str]:
    r = impact.released
    lines = [f"released by the regime: {r.by_regime}: {r.recognized} recognized political prisoners, "
             f"{r.not_recognized} in the registry but not recognized, {r.not_in_registry} not in the registry"]
    if r.foreign_citizens:
        lines.append(f"  {r.foreign_citizens} of them citizens of another country")
    if r.charged_with_violence:
        lines.append(f"  {r.charged_with_violence} of them charged with violence against persons")
    if r.sent_abroad:
        lines.append(f"  {r.sent_abroad} sent abroad rather than freed at home ("
                     + ", ".join(f"{c}: {n}" for c, n in r.destinations.most_common()) + ")")
    if r.returned_to_regime:
        lines.append(f"returned to the regime in exchange: {r.returned_to_regime}")
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
