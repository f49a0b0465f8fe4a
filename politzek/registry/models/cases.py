"""Criminal, administrative and other cases, their charges and sentences."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Record, history
from politzek.registry.models.people import Person
from politzek.registry.models.sources import Organization, Source
from politzek.registry.status import sentence_is_custodial


class Case(Record):
    class Kind(models.TextChoices):
        CRIMINAL = "criminal", _("Criminal")
        ADMINISTRATIVE = "administrative", _("Administrative")
        EXTRAJUDICIAL = "extrajudicial", _("Extrajudicial")
        PSYCHIATRIC = "psychiatric", _("Psychiatric")

    jurisdiction = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 of the prosecuting state.")
    case_number = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CRIMINAL)
    court = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases",
        limit_choices_to={"kind": Organization.Kind.COURT},
    )
    opened = PartialDateField(null=True, blank=True)
    closed = PartialDateField(null=True, blank=True)
    defendants = models.ManyToManyField(Person, related_name="cases", blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="cases")
    source_key = models.CharField(
        max_length=300, blank=True, db_index=True,
        help_text="For imported cases: namespace and row key, so a re-import updates it.",
    )
    history = history()

    def __str__(self) -> str:
        return f"{self.jurisdiction} case {self.case_number or self.pk}"


class Charge(models.Model):
    """One article a defendant is charged under, e.g. RU-CC 207.3 part 2."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="charges")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="charges",
        help_text="The defendant charged; empty when it applies to every defendant.",
    )
    code_system = models.CharField(max_length=16, help_text="e.g. RU-CC, BY-CC, BY-CAO, UA-CC.")
    article = models.CharField(max_length=20, db_index=True)
    part = models.CharField(max_length=20, blank=True)
    label = models.CharField(max_length=300, blank=True)
    history = history()

    def __str__(self) -> str:
        part = f" part {self.part}" if self.part else ""
        return f"{self.code_system} {self.article}{part}"


class Sentence(models.Model):
    class Kind(models.TextChoices):
        COLONY = "colony", _("Penal colony")
        PRISON = "prison", _("Prison")
        RESTRICTED_FREEDOM_INSTITUTION = (
            "restricted_freedom_institution", _("Restricted freedom in an open institution"))
        RESTRICTED_FREEDOM = "restricted_freedom", _("Restricted freedom at home")
        FORCED_LABOUR = "forced_labour", _("Forced labour (correctional centre)")
        ARREST = "arrest", _("Arrest (short custodial term)")
        FINE = "fine", _("Fine")
        SUSPENDED = "suspended", _("Suspended sentence")
        COMPULSORY_TREATMENT = "compulsory_treatment", _("Compulsory psychiatric treatment")
        DEATH = "death", _("Death penalty")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sentences")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sentences")
    date = PartialDateField(null=True, blank=True)
    court = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="sentences")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    regime = models.CharField(max_length=100, blank=True, help_text="e.g. general, strict, special regime.")
    term_days = models.PositiveIntegerField(null=True, blank=True)
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(max_length=3, blank=True)
    in_absentia = models.BooleanField(default=False)
    history = history()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date})"

    @property
    def custodial(self) -> bool:
        return self.is_custodial(self.kind, self.in_absentia)

    @staticmethod
    def is_custodial(kind: str, in_absentia: bool) -> bool:
        """Whether a sentence of this kind deprives of liberty (never when passed in absentia)."""
        return sentence_is_custodial(kind, in_absentia)
