"""Detentions known only as a count (OVD-Info style): never mixed into person-level figures."""

from __future__ import annotations

from typing import Any

from django.db import models

from politzek.registry.fields import PartialDateField
from politzek.registry.models.base import Record, history
from politzek.registry.models.sources import Source
from politzek.registry.partial_date import PartialDate


class AggregateDetention(Record):
    date = PartialDateField()
    date_earliest = models.DateField(editable=False, db_index=True)
    country = models.CharField(max_length=2, db_index=True)
    region = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=300, blank=True)
    occasion = models.CharField(max_length=500, blank=True, help_text="The protest or event.")
    detained_count = models.PositiveIntegerField()
    description = models.TextField(blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    import_batch = models.ForeignKey("registry.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL)
    source_key = models.CharField(
        max_length=300, blank=True, db_index=True,
        help_text="For imported counts: namespace and row key, so a re-import updates it.",
    )
    history = history()

    def __str__(self) -> str:
        return f"{self.detained_count} detained, {self.city or self.country}, {self.date}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.date_earliest = PartialDate.coerce(self.date).earliest  # type: ignore[union-attr]
        super().save(*args, **kwargs)
