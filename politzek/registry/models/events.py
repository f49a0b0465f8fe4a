"""The timeline: one Event per thing that happened to a person; Recognition details."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from politzek.registry.event_kinds import event_kind, event_kinds
from politzek.registry.fields import EventKindField, PartialDateField, WebAddressField
from politzek.registry.models.base import Record, Visibility, history
from politzek.registry.models.cases import Case, Sentence
from politzek.registry.models.facilities import Facility
from politzek.registry.models.people import Person
from politzek.registry.models.sources import Organization, Source
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import TimelineEvent, check_timeline
from politzek.registry.timeline import timeline_events

# Kinds that name the organization acting (the recognizer, the keeper of a register).
KINDS_WITH_ORGANIZATION = ("recognized", "recognition_withdrawn")


class Event(Record):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    kind = EventKindField(max_length=32, db_index=True)
    date = PartialDateField(null=True, blank=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown.")
    # The first day `date` can mean, kept for range queries (flows, reports); set on save.
    date_earliest = models.DateField(null=True, blank=True, editable=False, db_index=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    sentence = models.ForeignKey(Sentence, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    facility = models.ForeignKey(Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    deal = models.ForeignKey("registry.Deal", null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
        help_text="For recognitions: the organization recognizing; for registers: the keeper.",
    )
    register = models.CharField(max_length=200, blank=True, help_text="For added_to_register: which list.")
    source_key = models.CharField(
        max_length=300, blank=True, db_index=True,
        help_text="For imported events: namespace, row key and profile rule, so a re-import updates it.",
    )
    description = models.TextField(blank=True)
    # What a list said on one day is not what holds today: a person on a 2014 list imported in
    # 2026 is last known held as of 2014 (registry/staleness.py). Empty: as of the day the
    # event was recorded.
    as_of = models.DateField(
        null=True, blank=True,
        help_text="The day this information is as of (a list's own date); empty: the day it was recorded.",
    )
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="events")
    history = history()

    class Meta:
        indexes = [models.Index(fields=["person", "date_earliest"]),
                   # Events of a kind in a span: this week's hearings, the statistics' flows.
                   models.Index(fields=["kind", "date_earliest"], name="registry_event_kind_day")]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.date or '(date unknown)'}"

    @property
    def kind_label(self) -> str:
        return event_kind(self.kind).label if self.kind in event_kinds() else self.kind

    def save(self, *args: Any, **kwargs: Any) -> None:
        date = PartialDate.coerce(self.date)
        self.date_earliest = date.earliest if date else None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.kind in KINDS_WITH_ORGANIZATION and self.organization_id is None:
            raise ValidationError({"organization": _("A recognition or its withdrawal needs the organization.")})
        if self.sentence_id and self.kind != "sentenced":
            raise ValidationError({"sentence": _("Only a “sentenced” event refers to a sentence.")})
        # Impossible timelines are refused here, before saving; conflicts between sources are
        # kept and flagged (see registry/status.py and docs/status.md).
        if isinstance(self.date, str) or self.kind not in event_kinds():
            return  # clean_fields has already reported the bad date or kind
        errors = timeline_errors_with(self, getattr(self, "hidden_from_writer", frozenset()))
        if errors:
            raise ValidationError({"date": errors})


class Recognition(models.Model):
    """The details of a `recognized` event: on which grounds, in which statement."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="recognition",
        limit_choices_to={"kind": "recognized"},
    )
    grounds = models.JSONField(
        default=list, blank=True,
        help_text="Criterion codes from the criteria data, e.g. pace-1900:a.",
    )
    statement_url = WebAddressField(max_length=1000, blank=True)
    history = history()

    def __str__(self) -> str:
        return f"recognition of {self.event.person_id} by {self.event.organization}"

    def clean(self) -> None:
        from politzek.registry.criteria import unknown_grounds

        if self.event_id and self.event.kind != "recognized":
            raise ValidationError({"event": "a recognition belongs to a recognized event"})
        unknown = unknown_grounds(self.grounds)
        if unknown:
            raise ValidationError({"grounds": f"unknown criterion codes: {', '.join(unknown)}"})

    @property
    def withdrawn_on(self) -> Any:
        """The date of the same organization's later withdrawal, if any."""
        withdrawal = (
            Event.objects.filter(
                person_id=self.event.person_id, kind="recognition_withdrawn",
                organization_id=self.event.organization_id,
                date_earliest__gte=self.event.date_earliest,
            ).order_by("date_earliest").first()
        )
        return withdrawal.date if withdrawal else None


def timeline_errors_with(event: Event, hidden: frozenset[int] = frozenset()) -> list[str]:
    """Errors the person's timeline would have with `event` saved; conflicts are not errors.
    Every event counts, but an error naming one of `hidden` (the events its writer may not
    see, set on the event as `event.hidden_from_writer` by whoever writes it:
    visibility.hidden_event_ids) does not describe it: a confidential death would otherwise be
    told to an uncleared editor as "after the death on …"."""
    if event.person_id is None or not event.kind:
        return []
    others = timeline_events(
        Event.objects.filter(person_id=event.person_id).exclude(pk=event.pk), with_sources=True
    )
    sentence = event.sentence if event.sentence_id else None
    sources = frozenset(event.sources.values_list("id", flat=True)) if event.pk else frozenset()
    candidate = TimelineEvent(
        kind=event.kind, date=event.date, id=event.pk or "new", case=event.case_id,
        organization=event.organization.code if event.organization_id else None,
        custodial=sentence.custodial if sentence else None, sources=sources,
    )
    from politzek.registry.timeline_words import issue_told_to

    everything = [*others, candidate]
    by_id = {each.id: each for each in everything}
    return [
        issue_told_to(issue, by_id, hidden)
        for issue in check_timeline(everything)
        if issue.severity == "error" and candidate.id in issue.event_ids
    ]
