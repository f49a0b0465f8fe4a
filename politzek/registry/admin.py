"""The staff interface at /admin/: every change goes through simple-history, and every list
of people or events goes through visibility.py, so staff see restricted and confidential
records, and private fields, only with the matching permission."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin

from politzek.registry import models as m
from politzek.registry.visibility import Clearance, Viewer, person_condition, visible_events, visible_people


class ChangeReasonForm(forms.ModelForm):
    """Asks why, and keeps the answer in the history row (the user comes from the login)."""

    change_reason = forms.CharField(
        required=False, max_length=100,
        help_text="Why this change (e.g. 'verdict published', 'source corrected'); kept in the history.",
    )

    def save(self, commit: bool = True) -> Any:
        self.instance._change_reason = self.cleaned_data.get("change_reason") or ""
        return super().save(commit)


class SimpleHistoryAdmin(_SimpleHistoryAdmin):
    """History views that obey the same visibility as the change views."""

    form = ChangeReasonForm

    def _require_visible(self, request: Any, object_id: str) -> None:
        # simple-history falls back to the latest historical row when the object is not in
        # get_queryset(); without this check a hidden record's history would show.
        if Viewer.for_user(request.user).clearance >= Clearance.CONFIDENTIAL:
            return  # cleared staff may also read the history of deleted records
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):  # type: ignore[no-untyped-def]
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):  # type: ignore[no-untyped-def]
        self._require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):  # type: ignore[no-untyped-def]
        # As simple-history does it, but leaving out the fields this user may not see.
        hidden = list(self.get_exclude(request) or [])
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class PersonRowsInline(admin.TabularInline):
    """An inline whose rows name a person: shows only rows about people the user may see."""

    person_field = "person"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        viewer = Viewer.for_user(request.user)
        condition = Q(**{f"{self.person_field}__isnull": True}) | person_condition(viewer, f"{self.person_field}__")
        return super().get_queryset(request).filter(condition)


class PersonNameInline(admin.TabularInline):
    model = m.PersonName
    extra = 1


class BiographyInline(admin.StackedInline):
    model = m.Biography
    extra = 0


class EventInline(admin.TabularInline):
    model = m.Event
    extra = 1
    fields = ("kind", "date", "case", "facility", "organization", "visibility", "description")
    autocomplete_fields = ("case", "facility", "organization")
    ordering = ("date_earliest",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return visible_events(super().get_queryset(request), Viewer.for_user(request.user))


class ExternalKeyInline(admin.TabularInline):
    model = m.ExternalKey
    extra = 0


@admin.register(m.Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "country", "visibility", "consent", "synthetic")
    list_filter = ("country", "visibility", "consent", "gender", "synthetic", "tags")
    search_fields = ("names__name",)
    filter_horizontal = ("tags", "sources")
    inlines = [PersonNameInline, BiographyInline, EventInline, ExternalKeyInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        people = super().get_queryset(request).prefetch_related("names")
        return visible_people(people, Viewer.for_user(request.user))

    def get_exclude(self, request, obj=None):  # type: ignore[no-untyped-def]
        excluded = list(super().get_exclude(request, obj) or [])
        if not Viewer.for_user(request.user).sees_private_fields:
            excluded += m.Person.PRIVATE_FIELDS
        return excluded


@admin.register(m.Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("person", "kind", "date", "visibility", "synthetic")
    list_filter = ("kind", "visibility", "synthetic")
    search_fields = ("person__names__name", "description")
    autocomplete_fields = ("person", "case", "facility", "organization", "sentence", "deal")
    filter_horizontal = ("sources",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return visible_events(super().get_queryset(request), Viewer.for_user(request.user))


class ChargeInline(PersonRowsInline):
    model = m.Charge
    extra = 1
    autocomplete_fields = ("person",)


class SentenceInline(PersonRowsInline):
    model = m.Sentence
    extra = 0
    autocomplete_fields = ("person", "court")


class CaseRoleInline(admin.TabularInline):
    model = m.CaseRole
    extra = 0
    autocomplete_fields = ("official",)


@admin.register(m.Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "jurisdiction", "kind", "court", "opened", "synthetic")
    list_filter = ("jurisdiction", "kind", "synthetic")
    search_fields = ("case_number", "description")
    autocomplete_fields = ("court", "defendants")
    inlines = [ChargeInline, SentenceInline, CaseRoleInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # A case shows its defendants' names, so it is hidden when any of them is hidden.
        hidden = m.Person.objects.exclude(pk__in=visible_people(m.Person.objects.all(), Viewer.for_user(request.user)))
        return super().get_queryset(request).exclude(defendants__in=hidden)


@admin.register(m.Sentence)
class SentenceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "person", "case", "kind", "term_days")
    search_fields = ("person__names__name", "case__case_number")
    autocomplete_fields = ("person", "case", "court")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).filter(person_condition(Viewer.for_user(request.user)))


@admin.register(m.Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "country", "region", "synthetic")
    list_filter = ("kind", "country", "synthetic")
    search_fields = ("name", "name_local", "postal_address")


@admin.register(m.Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "country")
    list_filter = ("kind", "country")
    search_fields = ("name", "code")


@admin.register(m.Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "publisher", "published")
    search_fields = ("title", "url", "publisher")


class OfficialNameInline(admin.TabularInline):
    model = m.OfficialName
    extra = 1


class PositionInline(admin.TabularInline):
    model = m.Position
    extra = 0
    autocomplete_fields = ("institution", "facility")


class SanctionInline(admin.TabularInline):
    model = m.Sanction
    extra = 0


@admin.register(m.Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "country", "synthetic")
    list_filter = ("country", "synthetic")
    search_fields = ("names__name",)
    inlines = [OfficialNameInline, PositionInline, SanctionInline]


class DealReleaseInline(PersonRowsInline):
    model = m.DealRelease
    extra = 0
    autocomplete_fields = ("person",)


class ConcessionInline(admin.TabularInline):
    model = m.Concession
    extra = 0


@admin.register(m.Deal)
class DealAdmin(SimpleHistoryAdmin):
    list_display = ("name", "date", "kind", "synthetic")
    list_filter = ("kind", "synthetic")
    search_fields = ("name", "description")
    inlines = [DealReleaseInline, ConcessionInline]


class ExchangeListEntryInline(PersonRowsInline):
    model = m.ExchangeListEntry
    person_field = "matched_person"
    extra = 0
    autocomplete_fields = ("matched_person",)


@admin.register(m.ExchangeList)
class ExchangeListAdmin(SimpleHistoryAdmin):
    list_display = ("title", "submitted_by", "submitted_on")
    inlines = [ExchangeListEntryInline]


@admin.register(m.AggregateDetention)
class AggregateDetentionAdmin(SimpleHistoryAdmin):
    list_display = ("date", "country", "city", "occasion", "detained_count")
    list_filter = ("country",)
    search_fields = ("occasion", "city", "place")


@admin.register(m.Recognition)
class RecognitionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "statement_url")
    raw_id_fields = ("event",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        viewer = Viewer.for_user(request.user)
        events = visible_events(m.Event.objects.all(), viewer)
        return super().get_queryset(request).filter(event__in=events)


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "profile", "actor", "started_at", "status")
    readonly_fields = [f.name for f in m.ImportBatch._meta.fields]


admin.site.register(m.Tag, search_fields=("code", "label"))
