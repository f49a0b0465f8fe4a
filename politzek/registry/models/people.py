"""People held or persecuted, their names, biographies and source keys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Name, Record, Visibility, history
from politzek.registry.models.sources import Source, Tag


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Consent(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Person(Record):
    # Fields that are never shown outside cleared staff, whatever the person's visibility.
    # visibility.py reads this list; add a field here when it holds private data.
    PRIVATE_FIELDS = ("relatives_contacts", "lawyer_contacts", "health_notes", "internal_notes")

    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.RESTRICTED, db_index=True,
        help_text="Public records are published; restricted and confidential ones are not.",
    )
    consent = models.CharField(
        max_length=8, choices=Consent.choices, default=Consent.UNKNOWN,
        help_text="Consent to publication by the person or their family.",
    )
    birth_date = PartialDateField(null=True, blank=True)
    gender = models.CharField(max_length=8, choices=Gender.choices, default=Gender.UNKNOWN)
    citizenships = models.JSONField(default=list, blank=True, help_text="ISO 3166-1 alpha-2 codes.")
    country = models.CharField(
        max_length=2, blank=True, db_index=True,
        help_text="Country of persecution, ISO 3166-1 alpha-2 (BY, RU, …).",
    )
    region = models.CharField(max_length=200, blank=True)
    occupation = models.CharField(max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    sources = models.ManyToManyField(Source, blank=True, related_name="people")

    relatives_contacts = models.TextField(blank=True)
    lawyer_contacts = models.TextField(blank=True)
    health_notes = models.TextField(blank=True)
    internal_notes = models.TextField(blank=True)

    history = history()

    class Meta:
        verbose_name_plural = "people"
        permissions = [
            ("view_restricted", "Can see restricted people and events"),
            ("view_confidential", "Can see confidential people, events and private fields"),
            ("review", "Can approve recognitions and merges"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        names = list(self.names.all())
        if not names:
            return f"person {self.pk}"
        primary = next((n for n in names if n.is_primary), names[0])
        return primary.name


class PersonName(Name):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    history = history()

    class Meta:
        indexes = [models.Index(fields=["name"])]


class Biography(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="biographies")
    language = models.CharField(max_length=8)
    text = models.TextField()
    history = history()

    class Meta:
        verbose_name_plural = "biographies"
        constraints = [models.UniqueConstraint(fields=["person", "language"], name="one_biography_per_language")]


class ExternalKey(models.Model):
    """A person's stable key in an outside source, so a re-import updates instead of duplicating."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_keys")
    namespace = models.CharField(max_length=80, help_text="The source, e.g. viasna or ovdinfo.")
    key = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["namespace", "key"], name="unique_external_key")]

    def __str__(self) -> str:
        return f"{self.namespace}:{self.key}"
