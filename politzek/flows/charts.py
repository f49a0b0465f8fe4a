"""Charts of a report as SVG and PNG files (matplotlib, drawn off-screen, fonts from the
package: nothing is fetched). Synthetic figures say so in every chart's title."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from politzek.flows.figures import RELEASES, Figures  # noqa: E402
from politzek.flows.report import scope_name  # noqa: E402

CHARTS = ("stock", "inflow-outflow", "releases-by-mode", "stock-by-region")
RELEASE_LABELS = {
    "released_pardon": "pardoned", "released_exchange": "freed in exchanges",
    "released_end_of_term": "end of term", "released_pretrial": "released pending trial",
    "released_other": "released otherwise", "deported": "deported",
    "non_custodial_sentence": "non-custodial sentence",
}
# Reproducible SVGs: no creation date, fixed element ids.
plt.rcParams.update({"svg.hashsalt": "politzek", "svg.fonttype": "none", "figure.dpi": 100})
METADATA = {"svg": {"Date": None, "Creator": "politzek"}, "png": {"Software": "politzek"}}


def _title(axes: plt.Axes, figures: Figures, what: str) -> None:
    title = f"{what}: {scope_name(figures)}, {figures.first} to {figures.last}"
    if figures.synthetic:
        title += "\nSYNTHETIC DEMO DATA, not real people"
    axes.set_title(title, fontsize=10)


def _save(figure: plt.Figure, directory: Path, name: str) -> list[Path]:
    written = []
    for suffix in ("svg", "png"):
        path = directory / f"{name}.{suffix}"
        figure.savefig(path, format=suffix, bbox_inches="tight", metadata=METADATA[suffix])
        written.append(path)
    plt.close(figure)
    return written


def write_charts(figures: Figures, directory: Path) -> list[Path]:
    """Every chart of the report into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    ends = [p.period.last for p in figures.political]
    written: list[Path] = []

    figure, axes = plt.subplots(figsize=(9, 4))
    axes.plot(ends, [p.stock_end for p in figures.political], label="political prisoners in custody")
    axes.plot(ends, [p.stock_end for p in figures.custody], label="everyone in custody (registry)", linestyle="--")
    axes.set_ylabel("people at the end of the period")
    axes.set_ylim(bottom=0)
    axes.legend()
    _title(axes, figures, "Stock")
    written += _save(figure, directory, "stock")

    figure, axes = plt.subplots(figsize=(9, 4))
    entries = [sum(p.entries.values()) for p in figures.political]
    exits = [-sum(p.exits.values()) for p in figures.political]
    # A typical period's width: the first and last may be cut short by --from and --to.
    width = max(1.0, 0.8 * statistics.median(p.period.days for p in figures.political))
    starts = [p.period.first for p in figures.political]
    axes.bar(starts, entries, width=width, align="edge", label="entries (newly recognized or detained)")
    axes.bar(starts, exits, width=width, align="edge", label="exits (released, died, recognition withdrawn)")
    axes.axhline(0, color="black", linewidth=0.5)
    axes.set_ylabel(f"political prisoners per {figures.granularity}")
    axes.legend()
    _title(axes, figures, "Inflow and outflow")
    written += _save(figure, directory, "inflow-outflow")

    figure, axes = plt.subplots(figsize=(9, 4))
    modes: Counter[str] = Counter()
    for period in figures.political:
        modes.update({kind: n for kind, n in period.exits.items() if kind in RELEASES})
    labels = [RELEASE_LABELS.get(kind, kind) for kind, _n in modes.most_common()]
    axes.barh(labels or ["no releases"], [n for _k, n in modes.most_common()] or [0])
    axes.invert_yaxis()
    axes.set_xlabel("political prisoners released")
    _title(axes, figures, "Releases by mode")
    written += _save(figure, directory, "releases-by-mode")

    figure, axes = plt.subplots(figsize=(9, 4))
    regions = figures.breakdowns.get("region", {})
    axes.barh(list(regions) or ["no data"], list(regions.values()) or [0])
    axes.invert_yaxis()
    axes.set_xlabel(f"political prisoners in custody on {figures.last}")
    _title(axes, figures, "Stock by region")
    written += _save(figure, directory, "stock-by-region")
    return written
