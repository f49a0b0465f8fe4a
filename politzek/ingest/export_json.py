"""The whole registry that a viewer may see, as one JSON document (docs/export-json.md).

People have the shape of `politzek show --json`; officials, deals and detention counts follow.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any

from politzek import __version__
from politzek.registry import models as m
from politzek.registry.queries import person_detail
from politzek.registry.visibility import Viewer, visible_people

FORMAT = "politzek-registry"
FORMAT_VERSION = 1


def _officials() -> list[dict[str, Any]]:
    officials = m.Official.objects.prefetch_related("names", "positions__institution", "sanctions__source")
    return [
        {
            "id": official.pk,
            "names": [{"name": n.name, "kind": n.kind, "script": n.script} for n in official.names.all()],
            "country": official.country,
            "positions": [
                {"role": p.role, "title": p.title, "institution": p.institution.name if p.institution else None,
                 "start": str(p.start) if p.start else None, "end": str(p.end) if p.end else None}
                for p in official.positions.all()
            ],
            "sanctions": [{"authority": s.authority, "program": s.program, "reference": s.reference,
                           "listed_on": str(s.listed_on) if s.listed_on else None,
                           "source_url": s.source.url if s.source else None} for s in official.sanctions.all()],
            "synthetic": official.synthetic,
        }
        for official in officials.order_by("id")
    ]


def _deals(visible_ids: set[int]) -> list[dict[str, Any]]:
    deals = m.Deal.objects.prefetch_related("releases", "concessions").order_by("date", "id")
    return [
        {
            "id": deal.pk, "name": deal.name, "date": str(deal.date) if deal.date else None, "kind": deal.kind,
            "parties": deal.parties, "mediator": deal.mediator, "synthetic": deal.synthetic,
            # People released are listed only when the viewer may see them; the count is complete.
            "released_count": sum(1 for r in deal.releases.all() if r.direction == "released_by_regime"),
            "released_people": [r.person_id for r in deal.releases.all() if r.person_id in visible_ids],
            "returned_count": sum(1 for r in deal.releases.all() if r.direction == "returned_to_regime"),
            "concessions": [{"kind": c.kind, "description": c.description, "program": c.program, "entity": c.entity,
                             "estimated_value_usd": str(c.estimated_value_usd) if c.estimated_value_usd else None,
                             "value_usd_low": str(c.value_usd_low) if c.value_usd_low is not None else None,
                             "value_usd_high": str(c.value_usd_high) if c.value_usd_high is not None else None,
                             "basis": c.basis,
                             "counterparty": c.counterparty} for c in deal.concessions.all()],
        }
        for deal in deals
    ]


def _aggregates() -> list[dict[str, Any]]:
    return [
        {"id": a.pk, "date": str(a.date), "country": a.country, "region": a.region, "city": a.city,
         "place": a.place, "occasion": a.occasion, "detained_count": a.detained_count,
         "source_url": a.source.url if a.source else None, "synthetic": a.synthetic}
        for a in m.AggregateDetention.objects.select_related("source").order_by("date_earliest", "id")
    ]


def export_json(out: IO[str], viewer: Viewer) -> int:
    """Write the document; returns the number of people in it."""
    ids = list(visible_people(m.Person.objects.all(), viewer).order_by("id").values_list("id", flat=True))
    people = [person_detail(person_id, viewer) for person_id in ids]
    document = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "politzek_version": __version__,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "visibility": viewer.clearance.name.lower(),
        "people": people, "officials": _officials(), "deals": _deals(set(ids)), "aggregate_detentions": _aggregates(),
    }
    json.dump(document, out, ensure_ascii=False, indent=1)
    return len(people)
