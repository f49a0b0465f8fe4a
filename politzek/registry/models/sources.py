"""Where facts come from (Source), who speaks (Organization) and free labels (Tag)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField, WebAddressField, is_web_address
from politzek.registry.models.base import Record, history


class Source(Record):
    url = WebAddressField(max_length=1000, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published = PartialDateField(null=True, blank=True)
    as_of = models.DateField(
        null=True, blank=True, help_text="The day its information is as of, when it says (“as of 1 August 2014”).",
    )
    archived_url = WebAddressField(max_length=1000, blank=True, help_text="An archived copy.")
    reliability_note = models.TextField(blank=True)
    history = history()

    def __str__(self) -> str:
        return self.title or self.url or f"source {self.pk}"

    @property
    def link(self) -> str:
        """The address to link pages to: only an http(s) one (a `javascript:` or `data:` address
        stored before they were refused is shown as text, never linked)."""
        return self.url if is_web_address(self.url) else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every way in (forms, imports, deal files, FtM, the shell) ends here.
        for name in ("url", "archived_url"):
            value = getattr(self, name)
            if value and not is_web_address(value):
                raise ValidationError({name: f"{value!r} is not an http(s) address"})
        super().save(*args, **kwargs)


class Organization(Record):
    """A human-rights group, a court, a state body, a mediator."""

    class Kind(models.TextChoices):
        HUMAN_RIGHTS = "human_rights", _("Human-rights group")
        COURT = "court", _("Court")
        PROSECUTION = "prosecution", _("Prosecutor's office")
        INVESTIGATION = "investigation", _("Investigative body")
        PENITENTIARY = "penitentiary", _("Penitentiary service")
        STATE = "state", _("State or government")
        INTERNATIONAL = "international", _("International organization")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    code = models.SlugField(max_length=80, unique=True, help_text="Stable short id, e.g. viasna.")
    name = models.CharField(max_length=300)
    name_local = models.CharField(max_length=300, blank=True, help_text="The name in the local language and "
                                  "script (Южный окружной военный суд), shown on Russian, Belarusian and "
                                  "Ukrainian pages.")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2.")
    region = models.CharField(max_length=200, blank=True)
    website = WebAddressField(blank=True)
    history = history()

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    label = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.label
