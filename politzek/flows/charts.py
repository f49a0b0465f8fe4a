"""Charts of a report as SVG and PNG files (matplotlib, drawn off-screen, fonts from the
package: nothing is fetched). Synthetic figures say so in every chart's title."""

from __future__ import annotations

import contextvars
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib
from django.utils.translation import gettext as _

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from politzek.flows.chart_words import (  # noqa: E402
    PER_PERIOD,
    RELEASE_LABELS,
    SIZES,
    region_label,
)
from politzek.flows.figures import RELEASES, Figures  # noqa: E402
from politzek.flows.report import scope_name  # noqa: E402

# Reproducible SVGs: no creation date, fixed element ids.
plt.rcParams.update({"svg.hashsalt": "politzek", "svg.fonttype": "none", "figure.dpi": 100})
METADATA = {"svg": {"Date": None, "Creator": "politzek"}, "png": {"Software": "politzek"}}


def _title(axes: plt.Axes, figures: Figures, what: str) -> None:
    from babel.dates import format_date
    from django.utils.translation import get_language

    locale = (get_language() or "en").split("-")[0]
    title = _("%(what)s: %(scope)s, %(first)s to %(last)s") % {
        "what": what, "scope": scope_name(figures), "first": format_date(figures.first, "medium", locale=locale),
        "last": format_date(figures.last, "medium", locale=locale)}
    if figures.synthetic:
        title += "\n" + _("SYNTHETIC DEMO DATA, not real people")
    axes.set_title(phone_text(title, 34) if _PHONE.get() else title)


def _save(figure: plt.Figure, directory: Path, name: str) -> list[Path]:
    written = []
    for suffix in ("svg", "png"):
        path = directory / f"{name}.{suffix}"
        figure.savefig(path, format=suffix, bbox_inches="tight", metadata=METADATA[suffix])
        written.append(path)
    plt.close(figure)
    return written


# Whether the charts being drawn are a phone's: their words are wrapped to its width (a long
# Russian title or legend widened a drawing past the phone and shrank all its text).
_PHONE: contextvars.ContextVar[bool] = contextvars.ContextVar("phone_drawing", default=False)


def _words(text: str, width: int = 26) -> str:
    """A label as the drawing in progress needs it: wrapped on a phone, as written otherwise."""
    return phone_text(text, width) if _PHONE.get() else text


def write_charts(figures: Figures, directory: Path, size: str = "wide") -> list[Path]:
    """Every chart of the report into `directory`; returns the files written."""
    token = _PHONE.set(size == "phone")
    try:
        return _write_sized(figures, directory, size)
    finally:
        _PHONE.reset(token)


def _write_sized(figures: Figures, directory: Path, size: str) -> list[Path]:
    dimensions, font = SIZES[size]
    # A phone's legend keeps the full size: it is the smallest text there.
    legend = font if size == "phone" else font - 1
    with plt.rc_context({"font.size": font, "axes.titlesize": font, "legend.fontsize": legend}):
        return _write_charts(figures, directory, dimensions)


def locale_of_page() -> str:
    from django.utils.translation import get_language

    return (get_language() or "en").split("-")[0]


def readable_numbers(axis: Any, plain: bool = False) -> None:
    """Tick labels a reader reads: "2,6 млн" or "2.6M" (CLDR's short form), or with `plain` the
    number as it is ("0,6" on a log scale, where matplotlib writes "6×10⁻¹")."""
    from babel.numbers import format_compact_decimal, format_decimal
    from matplotlib.ticker import FuncFormatter, NullFormatter

    locale = locale_of_page()
    if plain:
        axis.set_major_formatter(FuncFormatter(lambda value, _p: format_decimal(round(value, 2), locale=locale)))
        axis.set_minor_formatter(NullFormatter())
    else:
        axis.set_major_formatter(FuncFormatter(
            lambda value, _p: format_compact_decimal(value, format_type="short", fraction_digits=1, locale=locale)))


def readable_dates(figure: plt.Figure, axes: plt.Axes) -> None:
    """Dates that do not overlap (a few, slanted, in the active language through CLDR: "3 дек.
    2026") and whole people on the count axis."""
    from babel.dates import format_date
    from django.utils.translation import get_language
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    locale = (get_language() or "en").split("-")[0]
    axes.xaxis.set_major_locator(AutoDateLocator(maxticks=6))
    axes.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _position: format_date(num2date(value).date(), "medium", locale=locale)))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.autofmt_xdate()


def _write_charts(figures: Figures, directory: Path, dimensions: tuple[float, float]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    ends = [p.period.last for p in figures.political]
    written: list[Path] = []

    figure, axes = plt.subplots(figsize=dimensions)
    axes.plot(ends, [p.stock_end for p in figures.political], label=_words(_("political prisoners in custody")))
    axes.plot(ends, [p.stock_end for p in figures.custody], label=_words(_("everyone in custody (registry)")),
              linestyle="--")
    axes.set_ylabel(_words(_("people at the end of the period")))
    axes.set_ylim(bottom=0)
    axes.legend()
    readable_dates(figure, axes)
    _title(axes, figures, _("Stock"))
    written += _save(figure, directory, "stock")

    figure, axes = plt.subplots(figsize=dimensions)
    entries = [p.new for p in figures.political]
    exits = [-sum(p.exits.values()) for p in figures.political]
    # A typical period's width: the first and last may be cut short by --from and --to.
    width = max(1.0, 0.8 * statistics.median(p.period.days for p in figures.political))
    starts = [p.period.first for p in figures.political]
    axes.bar(starts, entries, width=width, align="edge", label=_words(_("entries (newly recognized or detained)")))
    axes.bar(starts, exits, width=width, align="edge", label=_words(_("exits (released, died, recognition withdrawn)")))
    axes.axhline(0, color="black", linewidth=0.5)
    readable_dates(figure, axes)
    axes.set_ylabel(str(PER_PERIOD.get(figures.granularity, figures.granularity)))
    axes.legend()
    _title(axes, figures, _("Inflow and outflow"))
    written += _save(figure, directory, "inflow-outflow")

    figure, axes = plt.subplots(figsize=dimensions)
    modes: Counter[str] = Counter()
    for period in figures.political:
        modes.update({kind: n for kind, n in period.exits.items() if kind in RELEASES})
    labels = [_words(str(RELEASE_LABELS.get(kind, kind)), 18) for kind, _n in modes.most_common()]
    axes.barh(labels or [_("no releases")], [n for _k, n in modes.most_common()] or [0])
    axes.invert_yaxis()
    axes.set_xlabel(_words(_("political prisoners released")))
    _title(axes, figures, _("Releases by mode"))
    written += _save(figure, directory, "releases-by-mode")

    figure, axes = plt.subplots(figsize=dimensions)
    regions = figures.breakdowns.get("region", {})
    axes.barh([_words(region_label(name), 16) for name in regions] or [_("no data")], list(regions.values()) or [0])
    axes.invert_yaxis()
    axes.set_xlabel(_words(_("political prisoners in custody on %(day)s") % {"day": figures.last}))
    _title(axes, figures, _("Stock by region"))
    written += _save(figure, directory, "stock-by-region")
    return written


# A chart drawn for a phone: about as wide as a phone shows it (so one point of type is about
# one CSS pixel), with 11-point text at the least and titles wrapped to that width.
PHONE_WIDTH_INCHES = 4.6
PHONE_FONT = 11


def phone_text(text: str, width: int = 40) -> str:
    """A title or label wrapped to a phone drawing's width, line by line."""
    import textwrap

    return "\n".join(textwrap.fill(line, width) for line in text.split("\n"))
