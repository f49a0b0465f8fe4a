"""Proposals of the automatic-cost policy (accountability/cost.py): a measure against an
official addressed to one sanctioning authority, with the cases and events that justify it.
A proposal is never a sanction: real listings are `Sanction` rows, and no export writes a
proposal as one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.models.base import history
from politzek.registry.models.cases import Case
from politzek.registry.models.events import Event
from politzek.registry.models.officials import Official


class SanctionProposal(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SUBMITTED = "submitted", _("Submitted to the authority")
        ADOPTED = "adopted", _("Adopted by the authority")
        REJECTED = "rejected", _("Rejected")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="proposals")
    authority = models.CharField(max_length=40, help_text="The authority's code (EU, US, UK, CA…).")
    measure = models.CharField(max_length=40, help_text="e.g. personal_sanctions.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    status_note = models.TextField(blank=True, help_text="Why the status changed: a submission's reference, a reply.")
    status_changed_at = models.DateTimeField(null=True, blank=True)
    policy_version = models.CharField(max_length=80, help_text="The policy that first made the proposal.")
    first_evidence_on = models.DateField(help_text="The earliest day of its evidence.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = history()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["official", "authority", "measure"],
                                               name="one_proposal_per_official_authority_measure")]

    def __str__(self) -> str:
        return f"{self.measure} on {self.official} to {self.authority} ({self.status})"


class ProposalEvidence(models.Model):
    """One case (or one facility event) that justifies a proposal; `key` keeps re-runs from
    adding it twice."""

    proposal = models.ForeignKey(SanctionProposal, on_delete=models.CASCADE, related_name="evidence")
    key = models.CharField(max_length=40, help_text="case:ID or event:ID.")
    rule = models.CharField(max_length=60, help_text="The policy measure that made it.")
    role = models.CharField(max_length=24, help_text="The official's role: judge_first_instance, prison_head…")
    date = models.DateField()
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "key"], name="one_evidence_per_key")]

    def __str__(self) -> str:
        return f"{self.key} ({self.role}, {self.date})"
