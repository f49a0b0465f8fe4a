"""The staff interface at /admin/: every change goes through simple-history, and every list,
choice, inline, filter, delete confirmation and history goes through visibility.py at the
signed-in user's clearance (admin_clearance.py), so the admin shows a staff member nothing
the staff pages would not. Private fields are left out of forms for users without clearance."""

from __future__ import annotations

from django.contrib import admin

from politzek.registry import models as m
from politzek.registry.admin_clearance import (
    ClearanceAdmin,
    ClearanceInline,
    ClearanceStackedInline,
    RecordOnlyAdmin,
    viewer_of,
)
from politzek.registry.visibility import visible_records


class PersonNameInline(ClearanceInline):
    model = m.PersonName
    extra = 1


class BiographyInline(ClearanceStackedInline):
    model = m.Biography
    extra = 0


class EventInline(ClearanceInline):
    model = m.Event
    extra = 1
    fields = ("kind", "date", "case", "facility", "organization", "visibility", "description")
    autocomplete_fields = ("case", "facility", "organization")
    ordering = ("date_earliest",)


class ExternalKeyInline(ClearanceInline):
    model = m.ExternalKey
    extra = 0


@admin.register(m.Person)
class PersonAdmin(ClearanceAdmin):
    list_display = ("__str__", "country", "visibility", "consent", "synthetic")
    list_filter = ("country", "visibility", "consent", "gender", "synthetic", "tags")
    search_fields = ("names__name",)
    filter_horizontal = ("tags", "sources")
    inlines = [PersonNameInline, BiographyInline, EventInline, ExternalKeyInline]

    def get_exclude(self, request, obj=None):  # type: ignore[no-untyped-def]
        excluded = list(super().get_exclude(request, obj) or [])
        if not viewer_of(request).sees_private_fields:
            excluded += m.Person.PRIVATE_FIELDS
        return excluded


@admin.register(m.Event)
class EventAdmin(ClearanceAdmin):
    list_display = ("person", "kind", "date", "visibility", "synthetic")
    list_filter = ("kind", "visibility", "synthetic")
    search_fields = ("person__names__name", "description")
    autocomplete_fields = ("person", "case", "facility", "organization", "sentence", "deal")
    filter_horizontal = ("sources",)


class ChargeInline(ClearanceInline):
    model = m.Charge
    extra = 1
    autocomplete_fields = ("person",)


class SentenceInline(ClearanceInline):
    model = m.Sentence
    extra = 0
    autocomplete_fields = ("person", "court")


class CaseRoleInline(ClearanceInline):
    model = m.CaseRole
    extra = 0
    autocomplete_fields = ("official",)


@admin.register(m.Case)
class CaseAdmin(ClearanceAdmin):
    list_display = ("__str__", "jurisdiction", "kind", "court", "opened", "synthetic")
    list_filter = ("jurisdiction", "kind", "synthetic")
    search_fields = ("case_number", "description")
    autocomplete_fields = ("court", "defendants")
    inlines = [ChargeInline, SentenceInline, CaseRoleInline]


@admin.register(m.Sentence)
class SentenceAdmin(ClearanceAdmin):
    list_display = ("__str__", "person", "case", "kind", "term_days")
    search_fields = ("person__names__name", "case__case_number")
    autocomplete_fields = ("person", "case", "court")


@admin.register(m.Facility)
class FacilityAdmin(ClearanceAdmin):
    list_display = ("name", "kind", "country", "region", "synthetic")
    list_filter = ("kind", "country", "synthetic")
    search_fields = ("name", "name_local", "postal_address")


@admin.register(m.Organization)
class OrganizationAdmin(ClearanceAdmin):
    list_display = ("name", "code", "kind", "country")
    list_filter = ("kind", "country")
    search_fields = ("name", "code")


@admin.register(m.Source)
class SourceAdmin(ClearanceAdmin):
    list_display = ("__str__", "publisher", "published")
    search_fields = ("title", "url", "publisher")


class OfficialNameInline(ClearanceInline):
    model = m.OfficialName
    extra = 1


class PositionInline(ClearanceInline):
    model = m.Position
    extra = 0
    autocomplete_fields = ("institution", "facility")


class SanctionInline(ClearanceInline):
    model = m.Sanction
    extra = 0


@admin.register(m.Official)
class OfficialAdmin(ClearanceAdmin):
    list_display = ("__str__", "country", "synthetic")
    list_filter = ("country", "synthetic")
    search_fields = ("names__name",)
    inlines = [OfficialNameInline, PositionInline, SanctionInline]


class DealReleaseInline(ClearanceInline):
    model = m.DealRelease
    extra = 0
    autocomplete_fields = ("person",)


class ConcessionInline(ClearanceInline):
    model = m.Concession
    extra = 0


@admin.register(m.Deal)
class DealAdmin(ClearanceAdmin):
    list_display = ("name", "date", "kind", "synthetic")
    list_filter = ("kind", "synthetic")
    search_fields = ("name", "description")
    inlines = [DealReleaseInline, ConcessionInline]


class ExchangeListEntryInline(ClearanceInline):
    model = m.ExchangeListEntry
    extra = 0
    autocomplete_fields = ("matched_person",)


@admin.register(m.ExchangeList)
class ExchangeListAdmin(ClearanceAdmin):
    list_display = ("title", "submitted_by", "submitted_on")
    inlines = [ExchangeListEntryInline]


@admin.register(m.AggregateDetention)
class AggregateDetentionAdmin(ClearanceAdmin):
    list_display = ("date", "country", "city", "occasion", "detained_count")
    list_filter = ("country",)
    search_fields = ("occasion", "city", "place")


@admin.register(m.ReportedFigure)
class ReportedFigureAdmin(ClearanceAdmin):
    list_display = ("organization", "country", "kind", "value", "as_of", "period_start", "period_end")
    list_filter = ("country", "kind", "organization")
    raw_id_fields = ("source",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # A raw id widget labels its row with the source's title, read past every filter: a
        # figure citing a source above the user's clearance is not shown to them at all.
        viewer = viewer_of(request)
        return super().get_queryset(request).filter(source__in=visible_records(m.Source.objects.all(), viewer))


@admin.register(m.Recognition)
class RecognitionAdmin(ClearanceAdmin):
    list_display = ("__str__", "statement_url")
    raw_id_fields = ("event",)


@admin.register(m.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "profile", "actor", "started_at", "status")
    readonly_fields = [f.name for f in m.ImportBatch._meta.fields]

    def get_exclude(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Rejected rows quote the file's values, which may name people imported as confidential.
        return [] if viewer_of(request).sees_private_fields else ["rejected"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [name for name in self.readonly_fields if name not in self.get_exclude(request, obj)]


@admin.register(m.Tag)
class TagAdmin(ClearanceAdmin):
    search_fields = ("code", "label")


@admin.register(m.HistoryPurge)
class HistoryPurgeAdmin(RecordOnlyAdmin):
    """What was purged from history (never the value): made with `politzek history purge`."""

    list_display = ("purged_at", "model", "record_id", "field", "versions", "actor", "reason")
