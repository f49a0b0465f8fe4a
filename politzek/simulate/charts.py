"""Charts of a simulation as SVG (matplotlib off-screen, as flows/charts.py): prisoners held
week by week under each policy with the 5th–95th percentile band, and the tornado of the
uncertain parameters. A synthetic calibration says so in the title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from politzek.flows.charts import METADATA, PHONE_FONT, PHONE_WIDTH_INCHES, phone_text, plt
from politzek.simulate.analysis import held_bands
from politzek.simulate.report import Simulation


def _synthetic() -> str:
    return "\n" + _("CALIBRATED ON SYNTHETIC DEMO DATA")


def _save(figure: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", bbox_inches="tight", metadata=METADATA["svg"])
    plt.close(figure)
    return path


def _policy(name: str) -> str:
    """A bundled policy's plain name in the active language (the web's words)."""
    from politzek.web.public.simulator_words import policy_name

    return policy_name(name)


def held_chart(simulation: Simulation, path: Path, phone: bool = False) -> Path:
    with plt.rc_context({"font.size": PHONE_FONT if phone else 10}):
        return _held_chart(simulation, path, phone)


def _held_chart(simulation: Simulation, path: Path, phone: bool) -> Path:
    figure, axes = plt.subplots(figsize=(PHONE_WIDTH_INCHES, 5.2) if phone else (9, 4.5))
    for run in simulation.results:
        bands = held_bands(run)
        weeks = np.arange(len(bands["median"])) / 52
        name = _policy(run.policy.name)
        line = axes.plot(weeks, bands["median"], label=phone_text(name, 26) if phone else name)[0]
        axes.fill_between(weeks, bands["p5"], bands["p95"], color=line.get_color(), alpha=0.15)
    axes.set_xlabel(_("years from the start"))
    axes.set_ylabel(_("political prisoners held"))
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=PHONE_FONT if phone else 8)
    title = _("%(scenario)s: median and 5–95%% of %(runs)s runs") % {
        "scenario": simulation.scenario.name, "runs": simulation.runs}
    title += _synthetic() if simulation.scenario.synthetic else ""
    axes.set_title(phone_text(title) if phone else title, fontsize=PHONE_FONT if phone else 10)
    return _save(figure, path)


def tornado_chart(simulation: Simulation, path: Path, phone: bool = False) -> Path:
    with plt.rc_context({"font.size": PHONE_FONT if phone else 10}):
        return _tornado_chart(simulation, path, phone)


def _tornado_chart(simulation: Simulation, path: Path, phone: bool) -> Path:
    rows = (simulation.tornado or [])[1:]
    centre = (simulation.tornado or [{}])[0].get("effect_at_values", 0.0)
    # On a phone the parameters' names stand above their bars (a label column beside them
    # would take half the width).
    figure, axes = plt.subplots(figsize=(PHONE_WIDTH_INCHES, 1.5 + 0.8 * max(1, len(rows))) if phone
                                else (8, 1 + 0.5 * max(1, len(rows))))
    for position, row in enumerate(reversed(rows)):
        low, high = row["effect_at_low"], row["effect_at_high"]
        axes.barh(position, high - centre, left=centre, color="tab:red", alpha=0.7)
        axes.barh(position, low - centre, left=centre, color="tab:blue", alpha=0.7)
    labels = [f"{r['parameter']} [{r['low']:g}, {r['high']:g}]" for r in reversed(rows)]
    if phone:
        axes.set_yticks([])
        for position, label in enumerate(labels):
            axes.annotate(label, (0, position + 0.45), xycoords=("axes fraction", "data"), fontsize=PHONE_FONT)
    else:
        axes.set_yticks(range(len(rows)), labels)
    axes.axvline(centre, color="black", linewidth=1)
    policy = (simulation.tornado or [{}])[0].get("policy", "")
    label = _("person-years, %(policy)s minus no engagement (blue: parameter low, red: high)") % {
        "policy": _policy(policy)}
    axes.set_xlabel(phone_text(label) if phone else label)
    title = _("Which parameter moves the result most") + (_synthetic() if simulation.scenario.synthetic else "")
    axes.set_title(phone_text(title) if phone else title, fontsize=PHONE_FONT if phone else 10)
    return _save(figure, path)


def write_charts(simulation: Simulation, folder: Path) -> list[Path]:
    written = [held_chart(simulation, folder / "held.svg")]
    if simulation.tornado:
        written.append(tornado_chart(simulation, folder / "tornado.svg"))
    return written
