"""Charts of the bargaining ledger as SVG or PNG (matplotlib off-screen, as flows/charts.py):
the price per political prisoner deal after deal, and a deal's before/after picture.
Synthetic deals say so in the title."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from django.utils.translation import gettext as _

from politzek.bargaining.impact import Impact
from politzek.bargaining.price import DealPrice
from politzek.flows.charts import METADATA, phone_text, plt, readable_dates, readable_numbers
from politzek.flows.figures import Scope, compute


def _synthetic() -> str:
    return "\n" + _("SYNTHETIC DEMO DATA, not real deals")


def _save(figure: plt.Figure, path: Path) -> Path:
    suffix = path.suffix.lstrip(".")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format=suffix, bbox_inches="tight", metadata=METADATA[suffix])
    plt.close(figure)
    return path


def price_chart(prices: list[DealPrice], path: Path) -> Path:
    """US dollars conceded per person announced released, one bar per deal, from the middle of
    its range with the range as a whisker; per recognized political prisoner the registry links
    when no deal records how many were announced."""
    figure, axes = plt.subplots(figsize=(9, 4))
    announced = [p for p in prices if p.per_announced_range]
    title = _("Price of releases, deal by deal (valued concessions only)")
    if announced:
        ranges = [p.per_announced_range for p in announced]
        middles = [(low + high) / 2 for low, high in ranges]  # type: ignore[misc]
        labels = [f"{p.deal.date}\n" + _("announced: %(n)s") % {"n": p.announced_released} for p in announced]
        axes.bar(labels, middles, yerr=[[m - r[0] for m, r in zip(middles, ranges, strict=True)],  # type: ignore[index]
                                        [r[1] - m for m, r in zip(middles, ranges, strict=True)]],  # type: ignore[index]
                 capsize=4)
        axes.set_ylabel(_("USD conceded per person announced released"))
        left_out = sum(1 for p in prices if p.usd_per_prisoner is not None and not p.per_announced_range)
        if left_out:
            title += " " + _("(priced deals with no announced count left out: %(n)s)") % {"n": left_out}
    else:
        priced = [p for p in prices if p.usd_per_prisoner is not None]
        labels = [f"{p.deal.date}\n" + _("%(n)s freed") % {"n": p.political_prisoners_released} for p in priced] \
            or [_("no priced deal")]
        axes.bar(labels, [p.usd_per_prisoner for p in priced] or [0])
        axes.set_ylabel(_("USD conceded per political prisoner"))
    readable_numbers(axes.yaxis)  # "2,6 млн", not "1e6"
    if any(p.deal.synthetic for p in prices):
        title += _synthetic()
    axes.set_title(title, fontsize=10)
    return _save(figure, path)


# The phone drawing: the two panels one above the other, drawn about as wide as a phone shows
# it, so 11-point text stays 11 CSS pixels or more at 390 px (the wide one, 11 inches across
# with 7-point labels, shrank to 3 px there).
PHONE = {"figsize": (4.6, 7.2), "font": 11, "small": 11}
WIDE = {"figsize": (11, 4), "font": 10, "small": 7}


def impact_chart(impact: Impact, path: Path, today: dt.date | None = None, phone: bool = False) -> Path:
    """New custody spells per week around the deal, with the deal's day marked, and the rate
    ratio of each window with its interval (`phone`: stacked, with larger type)."""
    with plt.rc_context({"font.size": (PHONE if phone else WIDE)["font"]}):
        return _impact_chart(impact, path, today, phone)


def _impact_chart(impact: Impact, path: Path, today: dt.date | None, phone: bool) -> Path:
    size = PHONE if phone else WIDE
    today = today or dt.date.today()
    longest = max(w.weeks for w in impact.windows)
    first = impact.day - dt.timedelta(weeks=longest)
    last = min(impact.day + dt.timedelta(weeks=longest) - dt.timedelta(days=1), today)
    figures = compute(Scope(country=impact.country, organizations=impact.organizations), first, last, "week")
    if phone:
        figure, (series, ratios) = plt.subplots(2, 1, figsize=size["figsize"], gridspec_kw={"height_ratios": [3, 2]})
    else:
        figure, (series, ratios) = plt.subplots(1, 2, figsize=size["figsize"], gridspec_kw={"width_ratios": [2, 1]})
    series.plot([p.period.first for p in figures.custody], [p.new for p in figures.custody],
                label=_("new detentions (registry)"))
    series.plot([p.period.first for p in figures.political], [p.new for p in figures.political],
                label=_("new political prisoners"), linestyle="--")
    series.axvline(impact.day, color="black", linewidth=1)
    series.annotate(_("deal"), (impact.day, 0), xytext=(3, 3), textcoords="offset points")
    series.set_ylabel(_("per week"))
    series.set_ylim(bottom=0)
    series.legend(fontsize=size["small"] if phone else 8)
    readable_dates(figure, series)
    for row, window in enumerate(impact.windows):
        for offset, (label, rate) in enumerate(((_("detentions"), window.detentions),
                                                (_("recognitions"), window.recognitions))):
            y = row * 3 + offset
            if not window.coverage.enough:
                ratios.annotate(_("%(weeks)s wk: not enough data") % {"weeks": window.weeks}, (1, y),
                                fontsize=size["small"], color="grey")
                continue
            if rate.ratio is None or rate.low is None:
                continue
            high = rate.high if rate.high is not None and not math.isinf(rate.high) else rate.ratio * 4
            ratios.plot([rate.low, high], [y, y], color="grey")
            ratios.plot([rate.ratio], [y], "o", color="C0" if offset == 0 else "C1")
            ratios.annotate(_("%(weeks)s wk %(what)s") % {"weeks": window.weeks, "what": label}, (rate.ratio, y),
                            xytext=(4, 3),
                            textcoords="offset points", fontsize=size["small"])
    ratios.axvline(1, color="black", linewidth=0.5)
    ratios.set_xscale("log")
    readable_numbers(ratios.xaxis, plain=True)  # "0,6", not "6×10⁻¹"
    ratios.set_yticks([])
    ratios.set_xlabel(_("rate ratio after/before (95% CI)"))
    title = _("%(deal)s (%(day)s): what followed in %(country)s") % {
        "deal": impact.deal.name, "day": impact.deal.date, "country": impact.country}
    if impact.deal.synthetic:
        title += _synthetic()
    # A long deal name would widen a phone drawing past the phone and shrink all its text.
    figure.suptitle(phone_text(title) if phone else title, fontsize=size["font"])
    return _save(figure, path)
