"""A deal as the command line and the API show it: its summary, the people it released
(named only when the viewer may see their record; the others counted), its concessions and
sources. The read side of the ledger, in one place."""

from __future__ import annotations

from typing import Any

from politzek.flows.listing import primary_names
from politzek.registry import models as m
from politzek.registry.id_sets import among
from politzek.registry.visibility import Viewer, visible_people


def deal_summary(deal: m.Deal) -> dict[str, Any]:
    releases = list(deal.releases.values_list("direction", flat=True))
    return {"id": deal.pk, "name": deal.name, "date": str(deal.date) if deal.date else None, "kind": deal.kind,
            "parties": list(deal.parties), "mediator": deal.mediator, "synthetic": deal.synthetic,
            "released_by_regime": releases.count(m.DealRelease.Direction.RELEASED_BY_REGIME),
            "returned_to_regime": releases.count(m.DealRelease.Direction.RETURNED_TO_REGIME),
            "concessions": deal.concessions.count()}


def deal_detail(deal: m.Deal, viewer: Viewer) -> dict[str, Any]:
    # Plain rows and the ids as one parameter: a release wave names hundreds of people.
    releases = list(deal.releases.order_by("direction", "id").values_list(
        "person_id", "name_as_listed", "direction", "destination_country"))
    visible = set(visible_people(m.Person.objects.filter(pk__in=among(r[0] for r in releases if r[0])),
                                 viewer).values_list("id", flat=True))
    names = primary_names(m.Person.objects.filter(pk__in=among(visible)))
    people = [{"person_id": person_id, "name": names.get(person_id, "") if person_id else as_listed,
               "direction": direction, "destination": destination}
              for person_id, as_listed, direction, destination in releases
              if person_id is None or person_id in visible]
    return {
        **deal_summary(deal), "description": deal.description, "released": people,
        "not_shown": len(releases) - len(people),
        "concessions": [{"kind": c.kind, "description": c.description, "program": c.program, "entity": c.entity,
                         "value_usd": float(c.estimated_value_usd) if c.estimated_value_usd else None,
                         "value_usd_low": float(c.value_usd_low) if c.value_usd_low is not None else None,
                         "value_usd_high": float(c.value_usd_high) if c.value_usd_high is not None else None,
                         "basis": c.basis,
                         "counterparty": c.counterparty, "source": c.source.url if c.source else None}
                        for c in deal.concessions.select_related("source").order_by("id")],
        "sources": [{"url": s.url, "title": s.title} for s in deal.sources.order_by("id")],
    }
