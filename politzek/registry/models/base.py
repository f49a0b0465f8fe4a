"""What every registry record shares: the synthetic marker, timestamps, visibility, history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from politzek.registry.history import HistoryActor


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted (registry staff)")
    CONFIDENTIAL = "confidential", _("Confidential (cleared staff only)")


class _EveryFieldButId:
    """simple-history copies every index of the tracked model onto its history table, where
    nothing looks rows up by kind, visibility or foreign key; each one only slows down every
    write (an event's history row kept 14 indexes). History is read by the record's id."""

    def __contains__(self, name: object) -> bool:
        return name != "id"


def history() -> HistoricalRecords:
    """History for a model: who (user or actor), when, why, what; indexed by record id and date."""
    return HistoricalRecords(inherit=False, bases=[HistoryActor], no_db_index=_EveryFieldButId())  # type: ignore[arg-type]


class Record(models.Model):
    synthetic = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Invented demo data: not about a real person or event.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class NameKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    TRANSLITERATION = "transliteration", _("Transliteration")
    OFFICIAL_TRANSLITERATION = "official_transliteration", _("Official transliteration")
    ALIAS = "alias", _("Alias")
    FORMER = "former", _("Former name")


class Name(models.Model):
    """A name in one script and language; people and officials have several."""

    name = models.CharField(max_length=300, help_text="The full name as written.")
    first_name = models.CharField(max_length=120, blank=True)
    patronymic = models.CharField(max_length=120, blank=True)
    last_name = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=32, choices=NameKind.choices, default=NameKind.ORIGINAL)
    script = models.CharField(max_length=4, blank=True, help_text="ISO 15924, e.g. Cyrl, Latn, Arab.")
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1, e.g. ru, be, uk, en.")
    is_primary = models.BooleanField(default=False, help_text="The name shown first.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from politzek.names.characters import forbidden_in_name

        for field in ("name", "first_name", "patronymic", "last_name"):
            forbidden = forbidden_in_name(getattr(self, field) or "")
            if forbidden:
                raise ValidationError({field: f"holds {forbidden}, which no name may hold"})
