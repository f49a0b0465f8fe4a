"""Organizations' reported figures beside the registry's own counts of the same thing, with
the share the registry holds: "the registry holds 40 of the 1,135 political prisoners Viasna
reports on 2025-12-23 (3.5 %)". A reported figure is never added to the registry's counts; it
says how much of the whole the registry's figures rest on.

What the registry counts beside each kind (the flows tables, every record, as statistics do):
- total_held: people in custody that day recognized by that organization (its list);
- newly_recognized: that organization's recognitions dated in the period;
- detained: custody spells begun in the period (not those first known held, start unknown);
- sentenced, added_to_register: those events dated in the period;
- released: that organization's political prisoners released in the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from politzek.flows.figures import Scope, window_flows
from politzek.registry import models as m
from politzek.registry.organizations import organization_name
from politzek.registry.visibility import Viewer, visible_records

QUALIFIER_WORDS = {"at_least": gettext_lazy("at least"), "more_than": gettext_lazy("more than"),
                   "about": gettext_lazy("about")}


@dataclass(frozen=True)
class Beside:
    """One reported figure and the registry's count of the same thing."""

    figure: m.ReportedFigure
    registry: int
    source_shown: bool  # False when the source is cited only by records above the viewer's clearance

    @property
    def share(self) -> float | None:
        return round(100 * self.registry / self.figure.value, 1) if self.figure.value else None

    @property
    def when(self) -> str:
        figure = self.figure
        return figure.as_of.isoformat() if figure.as_of else f"{figure.period_start} – {figure.period_end}"

    def sentence(self) -> str:
        """The figure and the registry's share of it, in the active language."""
        figure = self.figure
        value = number_format(figure.value, force_grouping=True)
        qualifier = QUALIFIER_WORDS.get(figure.qualifier)
        # No noun right after a number: Russian, Belarusian and Ukrainian would have to agree it.
        words = {"registry": number_format(self.registry, force_grouping=True),
                 "value": f"{qualifier} {value}" if qualifier else value,
                 "organization": organization_name(figure.organization.code, figure.organization.name),
                 "kind": str(figure.get_kind_display()), "when": self.when,
                 "share": "?" if self.share is None else number_format(self.share, 1)}
        if figure.is_total:
            return _("%(organization)s reports, as of %(when)s: %(kind)s: %(value)s. The registry holds "
                     "%(registry)s of them (%(share)s %%).") % words
        return _("%(organization)s reports, for %(when)s: %(kind)s: %(value)s. The registry records "
                 "%(registry)s of them (%(share)s %%).") % words

    def as_dict(self) -> dict[str, Any]:
        figure = self.figure
        source = figure.source
        return {
            "organization": figure.organization.code, "country": figure.country, "kind": figure.kind,
            "value": figure.value, "qualifier": figure.qualifier,
            "as_of": figure.as_of.isoformat() if figure.as_of else None,
            "period_start": figure.period_start.isoformat() if figure.period_start else None,
            "period_end": figure.period_end.isoformat() if figure.period_end else None,
            "day_stated": figure.day_stated, "registry": self.registry, "registry_share_percent": self.share,
            "source": {"url": source.url, "title": source.title} if self.source_shown else None,
            "quote": figure.quote if self.source_shown else "", "synthetic": figure.synthetic,
            "sentence": self.sentence(),
        }


def registry_count(figure: m.ReportedFigure) -> int:
    """The registry's own count of what `figure` counts (see the module's list)."""
    organization = (figure.organization.code,)
    if figure.is_total:
        assert figure.as_of is not None
        flows = window_flows(Scope(country=figure.country, organizations=organization), figure.as_of, figure.as_of)
        return flows.political.stock_end
    assert figure.period_start is not None and figure.period_end is not None
    flows = window_flows(Scope(country=figure.country, organizations=organization), figure.period_start,
                         figure.period_end)
    if figure.kind == "newly_recognized":
        return flows.events["recognized"]
    if figure.kind == "detained":
        return flows.custody.new
    if figure.kind == "released":
        return flows.released
    return flows.events[figure.kind]  # sentenced, added_to_register


def reported_beside_registry(viewer: Viewer, country: str | None = None, kind: str | None = None,
                             at: dt.date | None = None, latest_only: bool = False) -> list[Beside]:
    """Every reported figure (of this country and kind; as of `at` or before) with the
    registry's count beside it; `latest_only` keeps each organization's latest total per country."""
    figures = m.ReportedFigure.objects.select_related("organization", "source")
    if country:
        figures = figures.filter(country=country.upper())
    if kind:
        figures = figures.filter(kind=kind)
    if at:
        figures = figures.filter(as_of__lte=at) | figures.filter(period_end__lte=at)
    rows = list(figures.order_by("country", "organization__code", "kind", "as_of", "period_start", "pk"))
    if latest_only:
        latest: dict[tuple[str, str], m.ReportedFigure] = {}
        for figure in rows:
            if figure.is_total:
                latest[(figure.country, figure.organization.code)] = figure  # rows are in date order
        rows = list(latest.values())
    shown = set(visible_records(m.Source.objects.filter(pk__in={f.source_id for f in rows}), viewer)
                .values_list("pk", flat=True))
    return [Beside(figure, registry_count(figure), figure.source_id in shown) for figure in rows]
