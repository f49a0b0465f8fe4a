"""Charts of a report as SVG and PNG files (matplotlib, drawn off-screen, fonts from the
package: nothing is fetched). Synthetic figures say so in every chart's title."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from politzek.flows.figures import RELEASES, Figures  # noqa: E402
from politzek.flows.report import scope_name  # noqa: E402

CHARTS = ("stock", "inflow-outflow", "releases-by-mode", "stock-by-region")
# Drawn in the active language: the web page's, English on the command line.
RELEASE_LABELS = {
    "released_pardon": gettext_lazy("pardoned"), "released_exchange": gettext_lazy("freed in exchanges"),
    "released_end_of_term": gettext_lazy("end of term"), "released_pretrial": gettext_lazy("released pending trial"),
    "released_other": gettext_lazy("released otherwise"), "deported": gettext_lazy("deported"),
    "non_custodial_sentence": gettext_lazy("non-custodial sentence"),
}
PER_PERIOD = {"day": gettext_lazy("political prisoners per day"), "week": gettext_lazy("political prisoners per week"),
              "month": gettext_lazy("political prisoners per month"),
              "quarter": gettext_lazy("political prisoners per quarter"),
              "year": gettext_lazy("political prisoners per year")}


def region_label(name: str) -> str:
    """A region in the active language where web/data/values.toml knows it."""
    from politzek.web.public.values import value_label

    return value_label("region", name)


def alt_texts(figures: Figures) -> dict[str, str]:
    """What each chart shows, in words and figures: all a reader sees when images are blocked
    (Tor Browser's safest level) and what a screen reader says."""
    political = figures.political
    first, last = (political[0].stock_end, political[-1].stock_end) if political else (0, 0)
    entries = sum(sum(p.entries.values()) for p in political)
    exits = sum(sum(p.exits.values()) for p in political)
    modes: Counter[str] = Counter()
    for period in political:
        modes.update({kind: n for kind, n in period.exits.items() if kind in RELEASES})
    regions = figures.breakdowns.get("region", {})
    span = {"first": date_format(figures.first, "DATE_FORMAT"), "last": date_format(figures.last, "DATE_FORMAT")}
    return {
        "stock": _("Line chart: political prisoners in custody went from %(start)s to %(end)s between %(first)s "
                   "and %(last)s.") % {"start": first, "end": last, **span},
        "inflow-outflow": _("Bar chart by %(period)s: %(entries)s political prisoners came in and %(exits)s went out "
                            "(released, died or recognition withdrawn) between %(first)s and %(last)s.") % {
            "period": str(PERIOD_NAMES.get(figures.granularity, figures.granularity)), "entries": entries,
            "exits": exits, **span},
        "releases-by-mode": _("Bar chart of releases by mode: %(modes)s.") % {
            "modes": ", ".join(f"{RELEASE_LABELS.get(kind, kind)} {n}" for kind, n in modes.most_common())
            or _("no releases")},
        "stock-by-region": _("Bar chart of political prisoners in custody by region on %(last)s: %(regions)s.") % {
            "last": span["last"], "regions": ", ".join(f"{region_label(name)} {n}" for name, n in regions.items())
            or _("no data")},
    }


PERIOD_NAMES = {"day": gettext_lazy("day"), "week": gettext_lazy("week"), "month": gettext_lazy("month"),
                "quarter": gettext_lazy("quarter"), "year": gettext_lazy("year")}
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
    axes.set_title(title)


def _save(figure: plt.Figure, directory: Path, name: str) -> list[Path]:
    written = []
    for suffix in ("svg", "png"):
        path = directory / f"{name}.{suffix}"
        figure.savefig(path, format=suffix, bbox_inches="tight", metadata=METADATA[suffix])
        written.append(path)
    plt.close(figure)
    return written


# A phone's variant: narrower and taller, with larger type, so the words stay readable when
# the picture is shown 360 px wide (the wide one's 10-pt text shrinks to about 4 pt there).
SIZES = {"wide": ((9, 4), 10), "phone": ((4.8, 5.2), 13)}


def write_charts(figures: Figures, directory: Path, size: str = "wide") -> list[Path]:
    """Every chart of the report into `directory`; returns the files written."""
    dimensions, font = SIZES[size]
    with plt.rc_context({"font.size": font, "axes.titlesize": font, "legend.fontsize": font - 1}):
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
    axes.plot(ends, [p.stock_end for p in figures.political], label=_("political prisoners in custody"))
    axes.plot(ends, [p.stock_end for p in figures.custody], label=_("everyone in custody (registry)"),
              linestyle="--")
    axes.set_ylabel(_("people at the end of the period"))
    axes.set_ylim(bottom=0)
    axes.legend()
    readable_dates(figure, axes)
    _title(axes, figures, _("Stock"))
    written += _save(figure, directory, "stock")

    figure, axes = plt.subplots(figsize=dimensions)
    entries = [sum(p.entries.values()) for p in figures.political]
    exits = [-sum(p.exits.values()) for p in figures.political]
    # A typical period's width: the first and last may be cut short by --from and --to.
    width = max(1.0, 0.8 * statistics.median(p.period.days for p in figures.political))
    starts = [p.period.first for p in figures.political]
    axes.bar(starts, entries, width=width, align="edge", label=_("entries (newly recognized or detained)"))
    axes.bar(starts, exits, width=width, align="edge", label=_("exits (released, died, recognition withdrawn)"))
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
    labels = [str(RELEASE_LABELS.get(kind, kind)) for kind, _n in modes.most_common()]
    axes.barh(labels or [_("no releases")], [n for _k, n in modes.most_common()] or [0])
    axes.invert_yaxis()
    axes.set_xlabel(_("political prisoners released"))
    _title(axes, figures, _("Releases by mode"))
    written += _save(figure, directory, "releases-by-mode")

    figure, axes = plt.subplots(figsize=dimensions)
    regions = figures.breakdowns.get("region", {})
    axes.barh([region_label(name) for name in regions] or [_("no data")], list(regions.values()) or [0])
    axes.invert_yaxis()
    axes.set_xlabel(_("political prisoners in custody on %(day)s") % {"day": figures.last})
    _title(axes, figures, _("Stock by region"))
    written += _save(figure, directory, "stock-by-region")
    return written
