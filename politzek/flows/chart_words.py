"""What the pages say about the report's charts, without drawing them: which charts there
are, their sizes, their labels and their alternative texts. Kept apart from flows/charts.py so
that a page naming its charts does not load matplotlib (~40 MB per server worker)."""

from __future__ import annotations

from collections import Counter

from babel.dates import format_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from politzek.flows.figures import RELEASES, Figures
from politzek.punctuation import one_full_stop

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
    entries = sum(p.new for p in political)
    exits = sum(sum(p.exits.values()) for p in political)
    modes: Counter[str] = Counter()
    for period in political:
        modes.update({kind: n for kind, n in period.exits.items() if kind in RELEASES})
    regions = figures.breakdowns.get("region", {})
    # CLDR's long dates, as every page writes them (politzek_labels.pdate).
    locale = (get_language() or "en").split("-")[0]
    span = {"first": format_date(figures.first, "long", locale=locale),
            "last": format_date(figures.last, "long", locale=locale)}
    return {
        "stock": one_full_stop(_("Line chart: political prisoners in custody went from %(start)s to %(end)s "
                                 "between %(first)s and %(last)s.") % {"start": first, "end": last, **span}),
        "inflow-outflow": one_full_stop(_(
            "Bar chart by %(period)s: %(entries)s political prisoners came in and %(exits)s went out "
            "(released, died or recognition withdrawn) between %(first)s and %(last)s.") % {
            "period": str(PERIOD_NAMES.get(figures.granularity, figures.granularity)), "entries": entries,
            "exits": exits, **span}),
        "releases-by-mode": _("Bar chart of releases by mode: %(modes)s.") % {
            "modes": ", ".join(f"{RELEASE_LABELS.get(kind, kind)} {n}" for kind, n in modes.most_common())
            or _("no releases")},
        "stock-by-region": _("Bar chart of political prisoners in custody by region on %(last)s: %(regions)s.") % {
            "last": span["last"], "regions": ", ".join(f"{region_label(name)} {n}" for name, n in regions.items())
            or _("no data")},
    }


PERIOD_NAMES = {"day": gettext_lazy("day"), "week": gettext_lazy("week"), "month": gettext_lazy("month"),
                "quarter": gettext_lazy("quarter"), "year": gettext_lazy("year")}

# A phone's variant: narrower and taller, with larger type, so the words stay readable when
# the picture is shown 360 px wide (the wide one's 10-pt text shrinks to about 4 pt there).
SIZES = {"wide": ((9, 4), 10), "phone": ((4.8, 5.2), 14)}
