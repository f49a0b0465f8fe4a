"""The cost index over time as SVG (matplotlib off-screen, as flows/charts.py): one line per
country, new cases per week beneath. Synthetic data says so in the title."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from politzek.accountability.cost import IndexWeek
from politzek.flows.charts import METADATA, PHONE_FONT, PHONE_WIDTH_INCHES, phone_text, plt, readable_dates


def _synthetic() -> str:
    return "\n" + _("SYNTHETIC DEMO DATA, not real cases")


def index_chart(index: dict[str, list[IndexWeek]], path: Path, synthetic: bool, phone: bool = False) -> Path:
    with plt.rc_context({"font.size": PHONE_FONT if phone else 10}):
        return _index_chart(index, path, synthetic, phone)


def _index_chart(index: dict[str, list[IndexWeek]], path: Path, synthetic: bool, phone: bool) -> Path:
    figure, (values, cases) = plt.subplots(2, 1, figsize=(PHONE_WIDTH_INCHES, 6) if phone else (9, 5), sharex=True,
                                           gridspec_kw={"height_ratios": [3, 1]})
    for country, weeks in sorted(index.items()):
        values.plot([w.week for w in weeks], [w.value for w in weeks], label=country)
        cases.plot([w.week for w in weeks], [w.new_cases for w in weeks], label=country, linewidth=0.8)
    values.set_ylabel(_("cost index"))
    values.set_ylim(bottom=0)
    cases.set_ylabel(_("new cases\nper week"))
    cases.set_ylim(bottom=0)
    readable_dates(figure, cases)
    if index:
        values.legend(fontsize=PHONE_FONT if phone else 8)
    title = _("Cost index: every politically motivated case adds to it; it falls only when repression stops")
    title += _synthetic() if synthetic else ""
    values.set_title(phone_text(title) if phone else title, fontsize=PHONE_FONT if phone else 10)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", bbox_inches="tight", metadata=METADATA["svg"])
    plt.close(figure)
    return path
