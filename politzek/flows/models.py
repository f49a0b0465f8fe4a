"""The derived facts of every timeline, kept in one table so that a weekly report over years
is a few indexed aggregate queries instead of a derivation of every person's timeline.

Nothing here is typed in: `flows.refresh` rebuilds a person's rows from their events whenever
the history tables show a change, so the table is a cache of status.py's derivation."""

from __future__ import annotations

import datetime as dt

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
    # Political spells: days in custody from the start of the custody spell to this spell's end.
    custody_days = models.IntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "country", "organization", "start"], name="flows_fact_start"),
            # Covers the revolving door's histogram of days in custody of those released.
            models.Index(fields=["kind", "country", "organization", "end", "end_kind", "custody_days"],
                         name="flows_fact_end"),
        ]


# The day under which undated events are counted in DailyCount (a unique key cannot hold NULL).
UNDATED = dt.date(1, 1, 1)


class DailyCount(models.Model):
    """How many facts start or end on each day, per country, kind, organization, what moved
    and whether the day is exact: the facts table summed, kept in step by every refresh, so
    that a report without person filters reads a few thousand rows instead of millions."""

    country = models.CharField(max_length=2, blank=True)
    kind = models.CharField(max_length=12)
    organization = models.CharField(max_length=64, blank=True)
    edge = models.CharField(max_length=5)  # start | end
    day = models.DateField()  # UNDATED for events with no date
    move = models.CharField(max_length=40, blank=True)  # start_kind or end_kind
    precise = models.BooleanField(default=True)
    n = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["country", "kind", "organization", "edge", "day", "move", "precise"], name="flows_daily_key")]


class RefreshMark(models.Model):
    """How far into each history table the facts have been brought up to date."""

    table = models.CharField(max_length=100, unique=True)
    history_id = models.BigIntegerField(default=0)


class Listing(models.Model):
    """A person's current status as a viewer of one clearance sees it: derived from the events
    that clearance may see, so a restricted event never shapes what the public list shows.
    The public list, its facets and its sorting read this table instead of deriving 100,000
    timelines per request; `flows.refresh` keeps it in step with the facts."""

    person_id = models.BigIntegerField()
    clearance = models.SmallIntegerField()  # visibility.Clearance
    status = models.CharField(max_length=24)
    since = models.DateField(null=True)
    release_mode = models.CharField(max_length=40, blank=True)
    # The year of the first custody spell: the list's "year of arrest" facet.
    arrest_year = models.SmallIntegerField(null=True)
    # The primary name, case-folded, for sorting by name without a join.
    sort_name = models.CharField(max_length=300, blank=True)
    # The first name in Cyrillic (else the primary), case-folded: the Russian, Belarusian and
    # Ukrainian lists sort by it, so a Cyrillic reader finds the list in the order they read.
    sort_name_cyrillic = models.CharField(max_length=300, blank=True)
    # While in custody: the day the term recorded runs out (status.term_ends), for the terms
    # ending this week and the releases overdue.
    term_ends = models.DateField(null=True)
    # The latest day the events this clearance sees are as of (registry/staleness.py): the
    # statistics count those held "last confirmed over a year ago" apart.
    information_as_of = models.DateField(null=True)
    # Whether a viewer of this clearance may see the person at all (visibility.person_visible),
    # and the person's country and birthday ("MM-DD", only for a birth date known to the day)
    # with the year: the list, its country filter and this week's birthdays read them here
    # instead of joining the people table for every row.
    visible = models.BooleanField(default=True)
    country = models.CharField(max_length=2, blank=True)
    birthday = models.CharField(max_length=5, blank=True)
    birth_year = models.SmallIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clearance", "person_id"], name="flows_listing_key")]
        indexes = [
            models.Index(fields=["clearance", "status", "person_id"], name="flows_listing_status"),
            models.Index(fields=["clearance", "arrest_year", "person_id"], name="flows_listing_year"),
            models.Index(fields=["clearance", "sort_name"], name="flows_listing_name"),
            models.Index(fields=["clearance", "sort_name_cyrillic"], name="flows_listing_name_cyrl"),
            models.Index(fields=["clearance", "term_ends"], name="flows_listing_term_ends"),
            models.Index(fields=["clearance", "birthday"], name="flows_listing_birthday"),
            models.Index(fields=["clearance", "visible", "country", "sort_name"], name="flows_listing_country"),
            models.Index(fields=["clearance", "visible", "country", "sort_name_cyrillic"],
                         name="flows_listing_country_cyrl"),
        ]


class NameKey(models.Model):
    """One search key (names.search_keys) of one word of a person's names: search in any
    script or transliteration is an indexed lookup of the query's keys."""

    person_id = models.BigIntegerField()
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "person_id"], name="flows_namekey_key")]


class PersonSummary(models.Model):
    """What the public sees of one person (registry.queries.person_detail for a public
    viewer), in one language, kept as JSON once a visitor asked for it: the person page, its
    letter page and the API's person read one row instead of a dozen queries.

    Fresh by construction (flows/person_summaries.py): a row is used only while the person's
    public Listing row is the one it was built beside (a refresh that re-derives the person
    replaces that row), the history of every record not kept per person (cases, sources,
    officials, facilities…) is where it was (`shared`), and the day is the same."""

    person_id = models.BigIntegerField()
    language = models.CharField(max_length=8)
    listing_id = models.BigIntegerField()
    shared = models.CharField(max_length=64)
    day = models.DateField()
    # The JSON compressed (zlib): ~6 KB a person falls to ~1.3 KB, so a crawler reading every
    # person in four languages adds ~0.5 GB to a 100,000-person registry, not 2.4 GB.
    packed = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person_id", "language"], name="flows_personsummary_key")]
