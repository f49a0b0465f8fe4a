"""Release deals: who was released, who was handed back, and what was conceded."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Record, history
from politzek.registry.models.people import Person
from politzek.registry.models.sources import Source


class Deal(Record):
    class Kind(models.TextChoices):
        EXCHANGE = "exchange", _("Prisoner exchange")
        CONCESSION_RELEASE = "concession_release", _("Release for concessions")
        AMNESTY = "amnesty", _("Amnesty")
        PARDON_WAVE = "pardon_wave", _("Pardon wave")

    name = models.CharField(max_length=300)
    date = PartialDateField(null=True, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    parties = models.JSONField(default=list, blank=True, help_text="ISO 3166-1 codes of the states party to it.")
    mediator = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    # How many the parties announced, whatever the registry can link: a price per person is
    # per announced person first (123 freed in December 2025, 12 of them named by the press).
    announced_released = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people the regime was announced to release (unknown: empty).")
    announced_returned = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people were announced to be handed back to the regime.")
    sources = models.ManyToManyField(Source, blank=True, related_name="deals")
    history = history()

    def __str__(self) -> str:
        return self.name


class DealRelease(models.Model):
    class Direction(models.TextChoices):
        RELEASED_BY_REGIME = "released_by_regime", _("Released by the regime")
        RETURNED_TO_REGIME = "returned_to_regime", _("Returned to the regime")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="releases")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="deal_releases")
    name_as_listed = models.CharField(max_length=300, blank=True, help_text="For people not in the registry.")
    direction = models.CharField(max_length=24, choices=Direction.choices)
    destination_country = models.CharField(max_length=2, blank=True)
    # The citizenships the deal's record gives (ISO codes): a foreign citizen is counted as one
    # whether or not the registry holds the person.
    citizenships = models.JSONField(default=list, blank=True)
    history = history()

    def __str__(self) -> str:
        return f"{self.person or self.name_as_listed} ({self.get_direction_display()})"


class Concession(models.Model):
    class Kind(models.TextChoices):
        SANCTIONS_RELIEF = "sanctions_relief", _("Sanctions relief")
        PRISONERS_RETURNED = "prisoners_returned", _("Prisoners returned")
        MONEY = "money", _("Money")
        OFFICIAL_VISIT = "official_visit", _("Official visit")
        TRADE = "trade", _("Trade")
        OTHER = "other", _("Other")

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="concessions")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    description = models.TextField(blank=True)
    # Sanctions relief names what was relieved, so the price can be checked against the listings.
    program = models.CharField(max_length=300, blank=True,
                               help_text="The sanctions program, e.g. US Belarus sanctions (EO 14038).")
    entity = models.CharField(max_length=300, blank=True, help_text="The entity relieved, e.g. the national airline.")
    class Basis(models.TextChoices):
        ONE_OFF = "one_off", _("one-off")
        PER_YEAR = "per_year", _("per year")
        EXPORT_VALUE = "export_value", _("export value")
        RELIEF_VALUE = "relief_value", _("relief value")

    estimated_value_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    # A value is often published as a range ("potash exports worth 2 to 3 bn a year"): the price
    # is then a range too. One value sets both ends. `basis` says what the figure measures.
    value_usd_low = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    value_usd_high = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    basis = models.CharField(max_length=16, choices=Basis.choices, blank=True,
                             help_text="What the value measures: one-off, per year, export value, relief value.")
    counterparty = models.CharField(max_length=200, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    history = history()

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    @property
    def value_range(self) -> tuple[Decimal, Decimal] | None:
        """(low, high) in USD: the range recorded, else the one estimate at both ends."""
        if self.value_usd_low is not None and self.value_usd_high is not None:
            return Decimal(self.value_usd_low), Decimal(self.value_usd_high)
        if self.estimated_value_usd:
            return Decimal(self.estimated_value_usd), Decimal(self.estimated_value_usd)
        return None
