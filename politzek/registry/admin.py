"""The staff interface at /admin/: every change goes through simple-history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin

from politzek.registry import models as m


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
    form = ChangeReasonForm


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
        return super().get_queryset(request).prefetch_related("names")


@admin.register(m.Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("person", "kind", "date", "visibility", "synthetic")
    list_filter = ("kind", "visibility", "synthetic")
    search_fields = ("person__names__name", "description")
    autocomplete_fields = ("person", "case", "facility", "organization", "sentence", "deal")
    filter_horizontal = ("sources",)


class ChargeInline(admin.TabularInline):
    model = m.Charge
    extra = 1
    autocomplete_fields = ("person",)


class SentenceInline(admin.TabularInline):
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


@admin.register(m.Sentence)
class SentenceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "person", "case", "kind", "term_days")
    search_fields = ("person__names__name", "case__case_number")
    autocomplete_fields = ("person", "case", "court")


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
    autocomplete_fields = ("institution",)


class SanctionInline(admin.TabularInline):
    model = m.Sanction
    extra = 0


@admin.register(m.Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "country", "synthetic")
    list_filter = ("country", "synthetic")
    search_fields = ("names__name",)
    inlines = [OfficialNameInline, PositionInline, SanctionInline]


class DealReleaseInline(admin.TabularInline):
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


class ExchangeListEntryInline(admin.TabularInline):
    model = m.ExchangeListEntry
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


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "profile", "actor", "started_at", "status")
    readonly_fields = [f.name for f in m.ImportBatch._meta.fields]


admin.site.register(m.Tag, search_fields=("code", "label"))
