"""Charts of a simulation as SVG (matplotlib off-screen, as flows/charts.py): prisoners held
week by week under each policy with the 5th–95th percentile band, and the tornado of the
uncertain parameters. A synthetic calibration says so in the title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from politzek.flows.charts import METADATA, plt
from politzek.simulate.analysis import held_bands
from politzek.simulate.report import Simulation

SYNTHETIC = "\nCALIBRATED ON SYNTHETIC DEMO DATA"


def _save(figure: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", bbox_inches="tight", metadata=METADATA["svg"])
    plt.close(figure)
    return path


def held_chart(simulation: Simulation, path: Path) -> Path:
    figure, axes = plt.subplots(figsize=(9, 4.5))
    for run in simulation.results:
        bands = held_bands(run)
        weeks = np.arange(len(bands["median"])) / 52
        line = axes.plot(weeks, bands["median"], label=run.policy.name)[0]
        axes.fill_between(weeks, bands["p5"], bands["p95"], color=line.get_color(), alpha=0.15)
    axes.set_xlabel("years from the start")
    axes.set_ylabel("political prisoners held")
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=8)
    title = f"{simulation.scenario.name}: median and 5–95% of {simulation.runs:,} runs"
    axes.set_title(title + (SYNTHETIC if simulation.scenario.synthetic else ""), fontsize=10)
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
    axes.set_xlabel(f"person-years, {policy} minus no engagement (blue: parameter low, red: high)")
    axes.set_title("Which parameter moves the result most" + (SYNTHETIC if simulation.scenario.synthetic
                                                                       else ""), fontsize=10)
    return _save(figure, path)


def write_charts(simulation: Simulation, folder: Path) -> list[Path]:
    written = [held_chart(simulation, folder / "held.svg")]
    if simulation.tornado:
        written.append(tornado_chart(simulation, folder / "tornado.svg"))
    return written
