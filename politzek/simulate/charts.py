"""Charts of a simulation as SVG (matplotlib off-screen, as flows/charts.py): prisoners held
week by week under each policy with the 5th–95th percentile band, and the tornado of the
uncertain parameters. A synthetic calibration says so in the title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from politzek.flows.charts import METADATA, plt
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


def held_chart(simulation: Simulation, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(9, 4.5))
    for run in simulation.results:
        bands = held_bands(run)
        weeks = np.arange(len(bands["median"])) / 52
        line = axes.plot(weeks, bands["median"], label=_policy(run.policy.name))[0]
        axes.fill_between(weeks, bands["p5"], bands["p95"], color=line.get_color(), alpha=0.15)
    axes.set_xlabel(_("years from the start"))
    axes.set_ylabel(_("political prisoners held"))
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=8)
    title = _("%(scenario)s: median and 5–95%% of %(runs)s runs") % {
        "scenario": simulation.scenario.name, "runs": simulation.runs}
    axes.set_title(title + (_synthetic() if simulation.scenario.synthetic else ""), fontsize=10)
    return _save(figure, path)


def tornado_chart(simulation: Simulation, path: Path) -> Path:
    rows = (simulation.tornado or [])[1:]
    centre = (simulation.tornado or [{}])[0].get("effect_at_values", 0.0)
    figure, axes = plt.subplots(figsize=(8, 1 + 0.5 * max(1, len(rows))))
    for position, row in enumerate(reversed(rows)):
        low, high = row["effect_at_low"], row["effect_at_high"]
        axes.barh(position, high - centre, left=centre, color="tab:red", alpha=0.7)
        axes.barh(position, low - centre, left=centre, color="tab:blue", alpha=0.7)
    axes.set_yticks(range(len(rows)), [f"{r['parameter']} [{r['low']:g}, {r['high']:g}]" for r in reversed(rows)])
    axes.axvline(centre, color="black", linewidth=1)
    policy = (simulation.tornado or [{}])[0].get("policy", "")
    axes.set_xlabel(_("person-years, %(policy)s minus no engagement (blue: parameter low, red: high)") % {
        "policy": _policy(policy)})
    axes.set_title(_("Which parameter moves the result most") + (_synthetic() if simulation.scenario.synthetic
                                                                  else ""), fontsize=10)
    return _save(figure, path)


def write_charts(simulation: Simulation, folder: Path) -> list[Path]:
    written = [held_chart(simulation, folder / "held.svg")]
    if simulation.tornado:
        written.append(tornado_chart(simulation, folder / "tornado.svg"))
    return written
