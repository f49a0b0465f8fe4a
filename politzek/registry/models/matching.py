"""Deduplication records: documenters' same/different judgements, and merges that can be undone."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.models.people import Person


class MatchJudgement(models.Model):
    """A documenter's decision that two records are, or are not, the same person."""

    class Judgement(models.TextChoices):
        SAME = "same", _("Same person")
        DIFFERENT = "different", _("Different people")
        UNSURE = "unsure", _("Unsure")

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    judgement = models.CharField(max_length=16, choices=Judgement.choices)
    actor = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["left", "right"], name="one_judgement_per_pair")]


class PersonMerge(models.Model):
    """One person merged into another, with a snapshot of the merged record so the merge can be
    undone: the snapshot holds the merged person's fields, names, keys and the ids of the rows
    that were moved to the kept person."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges")
    merged_person_id = models.BigIntegerField(db_index=True, help_text="The id the merged person had.")
    snapshot = models.JSONField()
    actor = models.CharField(max_length=150)
    reason = models.TextField(blank=True)
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.merged_person_id} merged into {self.kept_id}"


class DuplicateCandidate(models.Model):
    """A pair of records the matcher thinks may be one person, waiting for a reviewer
    (`politzek dedupe --review`, the staff review page). `left` has the lower id. A pair
    judged "different" is never proposed again; a judged pair leaves the queue."""

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(db_index=True)
    features = models.JSONField(default=list, help_text="The matcher's features, each with its explanation.")
    origin = models.CharField(max_length=80, default="registry", help_text="registry, or the import that found it.")
    found_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["left", "right"], name="one_candidate_per_pair")]

    def __str__(self) -> str:
        return f"{self.left_id} ~ {self.right_id} ({self.score:.2f})"
