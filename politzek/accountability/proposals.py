"""Proposals kept in the registry: the automatic-cost run records what it proposed (a re-run
adds only new evidence, never a second proposal), staff move a proposal through its statuses,
and the rows are read back for the command line, the pages and the exports per authority."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from politzek.accountability.cost import CostResult
from politzek.accountability.policy import CostPolicy
from politzek.registry import models as m
from politzek.registry.bulk import insert_values
from politzek.registry.history import recorded_change
from politzek.registry.visibility import Viewer, visible_cases, visible_events

STATUSES = tuple(m.SanctionProposal.Status.values)


class ProposalError(ValueError):
    pass


@dataclass(frozen=True)
class Recorded:
    created: int  # new proposals
    evidence_added: int  # new evidence on proposals old or new
    unchanged: int  # proposals that were already there with all their evidence


def record_proposals(result: CostResult, policy: CostPolicy, actor: str) -> Recorded:
    """Keep the run's proposals: create the missing ones, add the evidence not yet kept. All
    or nothing."""
    created = added = unchanged = 0
    with transaction.atomic(), recorded_change(actor, f"automatic cost ({policy.version})"):
        existing = {(p.official_id, p.authority, p.measure): p for p in m.SanctionProposal.objects.filter(
            official_id__in={p.official_id for p in result.proposals})}
        kept_keys: dict[int, set[str]] = defaultdict(set)
        for proposal_id, key in m.ProposalEvidence.objects.filter(
                proposal__in=[p.pk for p in existing.values()]).values_list("proposal_id", "key"):
            kept_keys[proposal_id].add(key)
        new_evidence = []
        for proposal in result.proposals:
            stored = existing.get(proposal.key)
            if stored is None:
                stored = m.SanctionProposal.objects.create(
                    official_id=proposal.official_id, authority=proposal.authority, measure=proposal.measure,
                    policy_version=policy.version, first_evidence_on=proposal.first_day)
                created += 1
            elif proposal.first_day < stored.first_evidence_on:
                stored.first_evidence_on = proposal.first_day
                stored.save(update_fields=["first_evidence_on", "updated_at"])
            fresh = [e for e in proposal.evidence if e.key not in kept_keys[stored.pk]]
            if not fresh and stored.pk in kept_keys:
                unchanged += 1
            elif fresh and proposal.key in existing:
                # Evidence keeps no history of its own: the proposal's history row is what tells
                # the public pages' caches (flows/data_state.py) that it changed.
                stored.save(update_fields=["updated_at"])
            for evidence in fresh:
                new_evidence.append({"proposal_id": stored.pk, "key": evidence.key, "rule": evidence.rule,
                                     "role": evidence.role, "date": evidence.day, "case_id": evidence.case_id,
                                     "event_id": evidence.event_id})
                kept_keys[stored.pk].add(evidence.key)
        # A busy prosecutor's proposals carry thousands of cases: the registry's bulk path.
        insert_values(m.ProposalEvidence, new_evidence, actor, f"automatic cost ({policy.version})")
        added = len(new_evidence)
    return Recorded(created, added, unchanged)


def set_status(proposal_id: int, status: str, note: str, actor: str) -> m.SanctionProposal:
    """Move a proposal to a status (proposed, submitted, adopted, rejected), kept in its
    history with who and why."""
    if status not in STATUSES:
        raise ProposalError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
    with transaction.atomic(), recorded_change(actor, note or f"status {status}"):
        proposal = m.SanctionProposal.objects.select_for_update().filter(pk=proposal_id).first()
        if proposal is None:
            raise ProposalError(f"no proposal with id {proposal_id}")
        proposal.status, proposal.status_note, proposal.status_changed_at = status, note, timezone.now()
        proposal.save()
    return proposal


@dataclass
class ProposalRow:
    """A kept proposal as shown: the official, the measure, the evidence the viewer may see and
    how many cases are behind it in all."""

    proposal_id: int
    official_id: int
    official_name: str
    country: str
    synthetic: bool
    authority: str
    measure: str
    status: str
    status_note: str
    first_evidence_on: str
    evidence_count: int  # every case and event, seen or not: a count names no one
    cases: list[dict[str, Any]]  # the visible ones: case id, number, role, date
    events: list[dict[str, Any]]  # facility events: id, role, date (kind only; the person is not named)
    roles: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.proposal_id, "official": self.official_id, "official_name": self.official_name,
                "country": self.country, "synthetic": self.synthetic, "authority": self.authority,
                "measure": self.measure, "status": self.status, "status_note": self.status_note,
                "first_evidence_on": self.first_evidence_on, "evidence_count": self.evidence_count,
                "roles": self.roles, "cases": self.cases, "facility_events": self.events}


def official_names(ids: set[int]) -> dict[int, str]:
    """Each official's primary name (else their first), one query."""
    names: dict[int, str] = {}
    for official_id, name in m.OfficialName.objects.filter(official_id__in=ids).order_by(
            "-is_primary", "id").values_list("official_id", "name"):
        names.setdefault(official_id, name)
    return names


def proposal_rows(viewer: Viewer, authority: str | None = None, status: str | None = None,
                  country: str | None = None, ids: list[int] | None = None) -> list[ProposalRow]:
    query = m.SanctionProposal.objects.select_related("official")
    if authority:
        query = query.filter(authority=authority.upper())
    if status:
        query = query.filter(status=status)
    if country:
        query = query.filter(official__country=country.upper())
    if ids is not None:
        query = query.filter(pk__in=ids)
    proposals = list(query)
    evidence = defaultdict(list)
    # Tens of thousands of rows on a large registry: only the fields shown (whole events made
    # the public page's worker peak ~100 MB higher).
    for row in m.ProposalEvidence.objects.filter(proposal__in=proposals).select_related("event").only(
            "proposal_id", "case_id", "event_id", "role", "date", "event__kind").order_by("date", "key"):
        evidence[row.proposal_id].append(row)
    case_ids = {e.case_id for rows in evidence.values() for e in rows if e.case_id}
    shown = {c.pk: c for c in visible_cases(m.Case.objects.filter(pk__in=case_ids), viewer)}
    # A facility event is listed (its kind and date, never its person) when the viewer may see it.
    events_shown = set(visible_events(m.Event.objects.filter(
        pk__in={e.event_id for rows in evidence.values() for e in rows if e.event_id}), viewer).values_list(
        "id", flat=True))
    names = official_names({p.official_id for p in proposals})
    rows = []
    for proposal in proposals:
        items = evidence[proposal.pk]
        rows.append(ProposalRow(
            proposal_id=proposal.pk, official_id=proposal.official_id,
            official_name=names.get(proposal.official_id, f"official {proposal.official_id}"),
            country=proposal.official.country, synthetic=proposal.official.synthetic,
            authority=proposal.authority, measure=proposal.measure, status=proposal.status,
            status_note=proposal.status_note, first_evidence_on=proposal.first_evidence_on.isoformat(),
            evidence_count=len(items),
            cases=[{"case": e.case_id, "case_number": shown[e.case_id].case_number, "role": e.role,
                    "date": e.date.isoformat()} for e in items if e.case_id in shown],
            events=[{"event": e.event_id, "kind": e.event.kind if e.event else "", "role": e.role,
                     "date": e.date.isoformat()} for e in items if e.event_id in events_shown],
            roles=sorted({e.role for e in items})))
    rows.sort(key=lambda r: (-r.evidence_count, r.first_evidence_on, r.official_name, r.authority))
    return rows


__all__ = ["STATUSES", "ProposalError", "ProposalRow", "Recorded", "official_names", "proposal_rows",
           "record_proposals", "set_status"]
