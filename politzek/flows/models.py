"""The derived facts of every timeline, kept in one table so that a weekly report over years
is a few indexed aggregate queries instead of a derivation of every person's timeline.

Nothing here is typed in: `flows.refresh` rebuilds a person's rows from their events whenever
the history tables show a change, so the table is a cache of status.py's derivation."""

from __future__ import annotations

from django.db import models


class Fact(models.Model):
    """A custody spell, a political-prisoner spell or a counted event of one person."""

    person_id = models.BigIntegerField(db_index=True)
    # The person's attributes at refresh time, for filters and breakdowns without a join.
    country = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=200, blank=True)
    gender = models.CharField(max_length=16, blank=True)
    birth_year = models.SmallIntegerField(null=True)
    kind = models.CharField(max_length=12)  # custody | political | event
    organization = models.CharField(max_length=64, blank=True)
    start = models.DateField(null=True)
    start_kind = models.CharField(max_length=40, blank=True)
    start_precise = models.BooleanField(default=True)
    end = models.DateField(null=True)
    end_kind = models.CharField(max_length=40, blank=True)
    end_precise = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "country", "organization", "start"], name="flows_fact_start"),
            models.Index(fields=["kind", "country", "organization", "end"], name="flows_fact_end"),
        ]


class RefreshMark(models.Model):
    """How far into each history table the facts have been brought up to date."""

    table = models.CharField(max_length=100, unique=True)
    history_id = models.BigIntegerField(default=0)
