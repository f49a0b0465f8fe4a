"""Per-user API tokens: the API's writes (and restricted reads) run as the token's user, with
that user's role. Only a hash of each token is stored; the token is shown once, at creation."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "pz_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'import script'.")
    key_hash = models.CharField(max_length=64, unique=True)
    shown_prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.shown_prefix}… ({self.name}, {self.user})"

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token for `user`; returns the stored row and the token itself (never stored)."""
        token = PREFIX + secrets.token_urlsafe(32)
        row = cls.objects.create(user=user, name=name, key_hash=token_hash(token), shown_prefix=token[:10])
        return row, token

    @classmethod
    def user_for(cls, token: str) -> object | None:
        row = cls.objects.select_related("user").filter(key_hash=token_hash(token), revoked=False).first()
        if row is None or not row.user.is_active:
            return None
        cls.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        return row.user


class AccountChange(models.Model):
    """A change to a staff account's powers: role (group), clearance or other permission,
    superuser, staff or active flag. Written by signals (accounts.py) whatever made the change:
    the admin, `politzek user`, a shell."""

    username = models.CharField(max_length=150, db_index=True)
    actor = models.CharField(max_length=150, help_text="Who changed it (user name or cli:login).")
    change = models.CharField(max_length=300, help_text="e.g. 'role + admin', 'registry.view_confidential granted'.")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-changed_at", "-id")

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.actor}: {self.username} {self.change}"


class VettingJob(models.Model):
    """A long exchange list vetted in the background (web/staff/vetting_jobs.py): the web page
    answers at once and shows progress; the result is kept for the user who asked, at the
    clearance they had."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vetting_jobs")
    clearance = models.PositiveSmallIntegerField(help_text="The clearance the list was vetted at.")
    file_name = models.CharField(max_length=200)
    upload = models.BinaryField()
    options = models.JSONField(default=dict, help_text="country, skip_invalid, keep, title, submitted_by.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    result_html = models.TextField(blank=True)
    report_md = models.TextField(blank=True)
    report_csv = models.TextField(blank=True)
    kept_list_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vetting of {self.file_name} ({self.status})"
