"""Every figure of a report as a time series, one row per period, for journalists' own
charts: CSV (one flat row per period) or JSON (the same rows in a list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from politzek.csv_safety import SafeDictWriter
from politzek.flows.figures import Figures, PeriodFlow

SERIES_FORMATS = ("csv", "json")


def _flow_columns(prefix: str, flow: PeriodFlow, kinds: list[str], exit_kinds: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        f"{prefix}_start": flow.stock_start, f"{prefix}_entries": sum(flow.entries.values()),
        f"{prefix}_exits": sum(flow.exits.values()), f"{prefix}_end": flow.stock_end,
        f"{prefix}_dated_only_to_month_or_year": flow.imprecise,
    }
    row.update({f"{prefix}_entries_{kind}": flow.entries.get(kind, 0) for kind in kinds})
    row.update({f"{prefix}_exits_{kind}": flow.exits.get(kind, 0) for kind in exit_kinds})
    return row


def rows(figures: Figures) -> list[dict[str, Any]]:
    """One dict per period; the columns are the same in every row."""
    def kinds(flows: list[PeriodFlow], attribute: str) -> list[str]:
        return sorted({kind for flow in flows for kind in getattr(flow, attribute)})

    event_kinds = sorted({kind for counts in figures.events for kind in counts})
    result = []
    for i, political in enumerate(figures.political):
        custody = figures.custody[i]
        row: dict[str, Any] = {
            "period": political.label, "from": political.period.first.isoformat(),
            "to": political.period.last.isoformat(), "country": figures.scope.country or "",
            "organizations": " ".join(figures.scope.organizations or ()) or "any", "synthetic": figures.synthetic,
        }
        row.update(_flow_columns("political_prisoners", political, kinds(figures.political, "entries"),
                                 kinds(figures.political, "exits")))
        row.update(_flow_columns("in_custody", custody, kinds(figures.custody, "entries"),
                                 kinds(figures.custody, "exits")))
        row.update({f"events_{kind}": figures.events[i].get(kind, 0) for kind in event_kinds})
        row["count_only_detention_events"], row["count_only_detained"] = figures.aggregates[i]
        result.append(row)
    return result


def write_series(figures: Figures, path: Path) -> None:
    form = path.suffix.lstrip(".").lower()
    if form not in SERIES_FORMATS:
        raise ValueError(f"{path}: the time series is written as .csv or .json, not {path.suffix or 'no suffix'!r}")
    data = rows(figures)
    if form == "json":
        path.write_text(json.dumps({"series": data, "undated_events": dict(figures.undated)}, ensure_ascii=False,
                                   indent=2) + "\n", encoding="utf-8")
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = SafeDictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
