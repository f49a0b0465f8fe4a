"""Imports: who imported which file, with which profile, and what it created, updated or rejected."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        DRY_RUN = "dry_run", _("Dry run")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor = models.CharField(max_length=150, help_text="Who ran it (user name or cli:login).")
    file_name = models.CharField(max_length=500)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    profile = models.CharField(max_length=80)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    created_ids = models.JSONField(default=list, blank=True)
    updated_ids = models.JSONField(default=list, blank=True)
    rejected = models.JSONField(default=list, blank=True, help_text="Row, column, value, reason.")

    class Meta:
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.profile} {self.file_name} ({self.started_at:%Y-%m-%d})"


class HistoryPurge(models.Model):
    """The tombstone record of a purge (registry/purge.py): what was purged from history, by
    whom and why; never the value."""

    model = models.CharField(max_length=80)
    record_id = models.BigIntegerField()
    field = models.CharField(max_length=80)
    versions = models.PositiveIntegerField(help_text="How many historical versions were changed.")
    actor = models.CharField(max_length=150)
    reason = models.TextField()
    purged_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.model} {self.record_id}.{self.field}: {self.versions} version(s) purged by {self.actor}"
