"""What organizations report, beside what the registry holds: "1,135 political prisoners held
as of 23 December 2025" (Viasna), "50 newly recognized in December". A reported figure is
never mixed into the registry's own counts; it is shown beside them with the share the
registry holds (flows/reported.py), so no count silently assumes the registry is complete."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.models.base import Record, history
from politzek.registry.models.sources import Organization, Source


class ReportedFigure(Record):
    class Kind(models.TextChoices):
        TOTAL_HELD = "total_held", _("political prisoners held")
        NEWLY_RECOGNIZED = "newly_recognized", _("newly recognized political prisoners")
        DETAINED = "detained", _("detained for political reasons")
        SENTENCED = "sentenced", _("sentenced for political reasons")
        ADDED_TO_REGISTER = "added_to_register", _("added to a register of “extremists” or “terrorists”")
        RELEASED = "released", _("political prisoners released")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")
        ABOUT = "about", _("about")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="reported_figures")
    country = models.CharField(max_length=2, db_index=True, help_text="ISO 3166-1 alpha-2.")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    value = models.PositiveIntegerField()
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices, default=Qualifier.EXACT)
    # A total is as of one day; a count covers [period_start, period_end].
    as_of = models.DateField(null=True, blank=True, help_text="For a total: the day it is as of.")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # True when the source states the day ("as of 23 December"); False when it is the day the
    # source was published and the figure says "now".
    day_stated = models.BooleanField(default=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="reported_figures")
    quote = models.TextField(blank=True, help_text="The sentence the figure comes from, as written.")
    note = models.TextField(blank=True)
    source_key = models.CharField(max_length=300, blank=True, db_index=True,
                                  help_text="For imported figures: the file's key for it, so a re-import updates it.")
    history = history()

    class Meta:
        indexes = [models.Index(fields=["country", "kind", "as_of"], name="registry_reported_day")]

    def __str__(self) -> str:
        when = self.as_of or f"{self.period_start}–{self.period_end}"
        return f"{self.organization_id}: {self.value} {self.kind} ({self.country}, {when})"

    @property
    def is_total(self) -> bool:
        return self.kind == self.Kind.TOTAL_HELD

    def clean(self) -> None:
        if self.is_total and (self.as_of is None or self.period_start or self.period_end):
            raise ValidationError({"as_of": _("A total held is as of one day: give as_of, not a period.")})
        if not self.is_total:
            if self.period_start is None or self.period_end is None:
                raise ValidationError({"period_start": _("A count for a period needs its first and last day.")})
            if self.period_end < self.period_start:
                raise ValidationError({"period_end": _("The period ends before it begins.")})
