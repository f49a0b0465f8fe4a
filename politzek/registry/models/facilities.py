"""Places of detention, with the postal address people use to write letters."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.models.base import Record, history


class Facility(Record):
    class Kind(models.TextChoices):
        PRETRIAL_CENTRE = "pretrial_centre", _("Pre-trial detention centre")
        COLONY = "colony", _("Penal colony")
        PRISON = "prison", _("Prison")
        PSYCHIATRIC = "psychiatric", _("Psychiatric hospital")
        TEMPORARY = "temporary", _("Temporary detention (police)")
        CORRECTIONAL_CENTRE = "correctional_centre", _("Correctional centre / open institution")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=300)
    name_local = models.CharField(max_length=300, blank=True, help_text="The name in the local language.")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    regime = models.CharField(max_length=100, blank=True, help_text="e.g. general, strict, special.")
    postal_address = models.TextField(blank=True, help_text="Address for letters to prisoners.")
    region = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    history = history()

    class Meta:
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name
