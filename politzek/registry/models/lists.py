"""Proposed exchange lists as submitted, and the vetting verdict on each entry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Record, history
from politzek.registry.models.deals import Deal
from politzek.registry.models.people import Person
from politzek.registry.models.sources import Source


class ExchangeList(Record):
    title = models.CharField(max_length=300)
    submitted_by = models.CharField(max_length=300, blank=True)
    submitted_on = PartialDateField(null=True, blank=True)
    deal = models.ForeignKey(Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="exchange_lists")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    file_sha256 = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)
    # The versions of the vetting rules and priority weights the verdicts were reached with.
    rules_version = models.CharField(max_length=80, blank=True)
    history = history()

    def __str__(self) -> str:
        return self.title


class ExchangeListEntry(models.Model):
    class Verdict(models.TextChoices):
        # The verdicts of bargaining.vetting, in the order a summary lists them.
        PENDING = "pending", _("Not vetted yet")
        RECOGNIZED = "recognized", _("Recognized political prisoner")
        MEETS_CRITERIA = "meets_criteria", _("Meets the criteria on the record, not recognized")
        DOES_NOT_MEET = "does_not_meet", _("Does not meet the criteria")
        NOT_DOCUMENTED = "not_documented", _("Not documented")
        AMBIGUOUS = "ambiguous", _("Ambiguous: several people in the registry fit")
        SENT_TO_REGIME = "sent_to_regime", _("Sent to the regime (the other side of the exchange)")

    exchange_list = models.ForeignKey(ExchangeList, on_delete=models.CASCADE, related_name="entries")
    row_number = models.PositiveIntegerField()
    raw_name = models.CharField(max_length=300)
    raw_birth_date = models.CharField(max_length=40, blank=True)
    raw_data = models.JSONField(default=dict, blank=True)
    side = models.CharField(max_length=100, blank=True, help_text="Which side proposes the person.")
    matched_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="exchange_list_entries"
    )
    match_score = models.FloatField(null=True, blank=True)
    verdict = models.CharField(max_length=24, choices=Verdict.choices, default=Verdict.PENDING)
    reasons = models.JSONField(default=list, blank=True, help_text="Why: each reason explains itself.")
    flags = models.JSONField(default=list, blank=True, help_text="What a negotiator must know: violence, combatant…")
    # Every registry person the verdict, reasons and flags rest on (the match, or each person
    # an ambiguous entry could be): a reader who may not see one of them reads the entry withheld.
    involved_people = models.ManyToManyField(Person, blank=True, related_name="+")
    history = history()

    class Meta:
        verbose_name_plural = "exchange list entries"
        constraints = [models.UniqueConstraint(fields=["exchange_list", "row_number"], name="one_entry_per_row")]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.raw_name}"
