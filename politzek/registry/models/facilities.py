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
    name_local = models.CharField(max_length=300, blank=True, help_text=(
        "The institution's official name in the local language, as an envelope gives it (ИК-4, СИЗО-1…)."))
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    regime = models.CharField(max_length=100, blank=True, help_text="e.g. general, strict, special.")
    postal_address = models.TextField(blank=True, help_text="Address for letters to prisoners, as one text (kept "
                                      "for addresses not entered in the fields below).")
    # The address for letters in parts, as an envelope needs it: in the local script (what the
    # post office of the country reads) and in Latin letters (what a foreign post office reads).
    postcode = models.CharField(max_length=20, blank=True)
    street_local = models.CharField(max_length=300, blank=True, help_text="Street and number, local script.")
    town_local = models.CharField(max_length=200, blank=True, help_text="Town or village, local script.")
    region_local = models.CharField(max_length=200, blank=True, help_text="Region and district, local script.")
    street_latin = models.CharField(max_length=300, blank=True, help_text="Street and number, in Latin letters.")
    town_latin = models.CharField(max_length=200, blank=True, help_text="Town or village, in Latin letters.")
    region_latin = models.CharField(max_length=200, blank=True, help_text="Region, in Latin letters.")
    region = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    history = history()

    class Meta:
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the local script with its town when the name lacks it ("ИК-16, г.
        Барановичи"); "" when no local name is recorded."""
        if not self.name_local:
            return ""
        town = self.town_local.split()[-1] if self.town_local else ""
        return f"{self.name_local}, {self.town_local}" if town and town not in self.name_local else self.name_local
