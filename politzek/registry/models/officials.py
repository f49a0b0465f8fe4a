"""Officials who produce cases (judges, prosecutors, investigators, prison heads), their
positions over time, the sanctions already on them, and their roles in cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Name, Record, history
from politzek.registry.models.cases import Case
from politzek.registry.models.facilities import Facility
from politzek.registry.models.people import Gender
from politzek.registry.models.sources import Organization, Source


class Official(Record):
    birth_date = PartialDateField(null=True, blank=True)
    gender = models.CharField(max_length=8, choices=Gender.choices, default=Gender.UNKNOWN)
    country = models.CharField(max_length=2, blank=True, db_index=True)
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="officials")
    source_key = models.CharField(
        max_length=300, blank=True, db_index=True,
        help_text="For imported officials: the source and its id (e.g. an FtM entity id), so a re-import updates.",
    )
    history = history()

    def __str__(self) -> str:
        names = list(self.names.all())
        if not names:
            return f"official {self.pk}"
        return next((n for n in names if n.is_primary), names[0]).name


class OfficialName(Name):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="names")
    history = history()


class Position(models.Model):
    class Role(models.TextChoices):
        JUDGE = "judge", _("Judge")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        INVESTIGATOR = "investigator", _("Investigator")
        PRISON_HEAD = "prison_head", _("Head of a detention facility")
        OTHER = "other", _("Other")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(max_length=16, choices=Role.choices)
    title = models.CharField(max_length=300, blank=True)
    institution = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="positions"
    )
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_positions",
        help_text="For the head of a detention facility: which one (torture and deaths reported there name them).",
    )
    start = PartialDateField(null=True, blank=True)
    end = PartialDateField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    history = history()

    def __str__(self) -> str:
        return f"{self.get_role_display()} at {self.institution or self.facility or '?'}"


class Sanction(models.Model):
    """A real, existing listing of an official by a sanctioning authority."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="sanctions")
    authority = models.CharField(max_length=40, help_text="e.g. EU, US-OFAC, UK, CA, CH, UA.")
    program = models.CharField(max_length=200, blank=True)
    listed_on = PartialDateField(null=True, blank=True)
    delisted_on = PartialDateField(null=True, blank=True)
    reference = models.CharField(max_length=200, blank=True, help_text="The listing's id in its register.")
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    source_key = models.CharField(max_length=300, blank=True, db_index=True,
                                  help_text="For imported listings: the source and its id.")
    history = history()

    def __str__(self) -> str:
        return f"{self.authority} {self.program} {self.listed_on or ''}".strip()


class CaseRole(models.Model):
    class Role(models.TextChoices):
        JUDGE_FIRST_INSTANCE = "judge_first_instance", _("Judge (first instance)")
        JUDGE_APPEAL = "judge_appeal", _("Judge (appeal)")
        JUDGE_CASSATION = "judge_cassation", _("Judge (cassation)")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        INVESTIGATOR = "investigator", _("Investigator")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="case_roles")
    role = models.CharField(max_length=24, choices=Role.choices)
    date = PartialDateField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    history = history()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "official", "role"], name="one_role_per_official_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.official} — {self.get_role_display()}"


class OfficialMatch(models.Model):
    """An official from an outside list (an OpenSanctions entity) matched by the matcher to an
    official already in the registry. A sure match is linked at import (decided by
    "matcher"); an uncertain one waits for a reviewer with the imported record kept apart
    (`politzek officials review`). "same" merges the two; "different" keeps them apart for good."""

    class Decision(models.TextChoices):
        PENDING = "", _("Waiting for review")
        SAME = "same", _("Same official")
        DIFFERENT = "different", _("Different officials")

    source_key = models.CharField(max_length=300, db_index=True, help_text="The outside record, e.g. ftm:NK-….")
    imported = models.ForeignKey(Official, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 help_text="The record made for the outside entry while it waits; empty once merged.")
    existing = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="outside_matches")
    score = models.FloatField()
    features = models.JSONField(default=list, help_text="The matcher's features, each with its explanation.")
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True, default="", db_index=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_key", "existing"], name="one_match_per_outside_entry")]

    def __str__(self) -> str:
        return f"{self.source_key} ~ official {self.existing_id} ({self.score:.2f}, {self.decision or 'pending'})"
