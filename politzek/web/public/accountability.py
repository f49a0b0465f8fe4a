"""The public page of the automatic cost: each country's cost index over time (a chart and a
table), the policy it follows printed beside it, and the officials proposed for measures with
the status of each proposal. Cases are linked only when the visitor may see them; the counts
cover every record (a count names no one)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from politzek.accountability.cost import IndexWeek
from politzek.accountability.policy import default_policy
from politzek.accountability.proposals import proposal_rows
from politzek.accountability.run import cost_index_only, monthly
from politzek.flows.refresh import refresh
from politzek.registry.models import Case
from politzek.registry.visibility import Viewer
from politzek.web.public.derived import derived
from politzek.web.public.name_order import page_names
from politzek.web.public.statistics import cached_chart, chart_folder, chart_size, country_of

MONTHS_SHOWN = 24


def cached_index(country: str) -> dict[str, list[IndexWeek]]:
    """The index, computed once per day and state of the data (the chart folder's key)."""
    refresh()
    key = f"cost-index:{chart_folder('cost-' + country).name}"
    index = cache.get(key)
    if index is None:
        index = cost_index_only(default_policy(), country or None)
        cache.set(key, index, 24 * 3600)
    return index


def cached_proposals(viewer: Viewer, country: str) -> list[Any]:
    """The proposals as this clearance sees them, read once per state of the data: tens of
    thousands of evidence rows on a large registry (1.3 s a request on 7,500 people)."""
    return derived("cost-proposals", lambda: proposal_rows(viewer, country=country or None),
                   int(viewer.clearance), country)


def _officials(rows: list[Any]) -> list[dict[str, Any]]:
    """The proposals grouped by official: one line each, the authorities with their status."""
    grouped: dict[int, dict[str, Any]] = {}
    for row in rows:
        line = grouped.setdefault(row.official_id, {"official_id": row.official_id, "name": row.official_name,
                                                   "country": row.country, "synthetic": row.synthetic,
                                                   "roles": set(), "evidence": 0, "cases": {}, "to": []})
        line["roles"] |= set(row.roles)
        line["evidence"] = max(line["evidence"], row.evidence_count)
        line["cases"].update({c["case"]: c for c in row.cases})
        line["to"].append((row.authority, row.status))
    shown = page_names(list(grouped), officials=True)  # Зайцев Олег Николаевич on /ru/
    for official_id, line in grouped.items():
        line["name"] = shown.get(official_id, line["name"])
    lines = sorted(grouped.values(), key=lambda line: (-line["evidence"], line["name"]))
    for line in lines:
        line["roles"] = sorted(line["roles"])
        line["cases"] = sorted(line["cases"].values(), key=lambda c: c["date"])
    return lines


def cost(request: HttpRequest) -> HttpResponse:
    try:
        country = country_of(request)
    except ValueError as bad:
        return render(request, "web/cost.html", {"error": str(bad)}, status=400)
    policy = default_policy()
    index = cached_index(country)
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for code, weeks in index.items():
        for week in monthly(weeks)[-MONTHS_SHOWN:]:
            table[f"{week.week:%Y-%m}"][code] = week.value
    rows = cached_proposals(Viewer.for_user(request.user), country)
    countries = sorted(c for c in Case.objects.values_list("jurisdiction", flat=True).distinct() if c)
    return render(request, "web/cost.html", {
        "country": country, "countries": countries, "policy": policy, "index_countries": sorted(index),
        "latest": {code: weeks[-1].value for code, weeks in sorted(index.items())},
        "table": [(month, [values.get(code) for code in sorted(index)]) for month, values in sorted(table.items())],
        "officials": _officials(rows),
        "shows_synthetic": any(r.synthetic for r in rows) or Case.objects.filter(synthetic=True).exists(),
    })


def cost_svg(request: HttpRequest) -> HttpResponse:
    try:
        country = country_of(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    index = cached_index(country)
    synthetic = Case.objects.filter(synthetic=True).exists()
    # Drawing needs matplotlib (~40 MB): loaded by the first chart, not by every worker.
    from politzek.accountability.charts import index_chart

    try:
        size = chart_size(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    path = cached_chart(f"cost-{country}-{size}",
                        lambda out: index_chart(index, out, synthetic, phone=size == "phone"))
    return FileResponse(path.open("rb"), content_type="image/svg+xml")
