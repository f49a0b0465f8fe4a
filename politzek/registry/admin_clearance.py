"""The admin at the signed-in user's clearance: every list, choice, filter, inline, delete
confirmation and history goes through visibility.visible_records, so the admin shows a staff
member nothing the staff pages would not.

- Querysets, foreign-key and many-to-many choices (autocompletes read the related admin's
  queryset) hold only visible rows.
- Saving a form never drops hidden many-to-many links the user could not see.
- Related-field filters offer only values used by visible rows.
- A delete that would cascade to rows above the user's clearance is refused, and those rows
  are not named on the confirmation page.
- History lists only versions the user may read (visibility.visible_versions); reverting
  from the admin is off: the staff restore (web/staff/history.py) is the one that cannot
  overwrite what its user cannot see.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from politzek.registry.form_fields import MultilineTextField
from politzek.registry.visibility import Clearance, Viewer, visible_records, visible_versions

ABOVE_CLEARANCE = "records above your clearance"


def viewer_of(request: Any) -> Viewer:
    return Viewer.for_user(request.user)


class ChangeReasonForm(forms.ModelForm):
    """Asks why, and keeps the answer in the history row (the user comes from the login)."""

    change_reason = forms.CharField(
        required=False, max_length=100,
        help_text="Why this change (e.g. 'verdict published', 'source corrected'); kept in the history.",
    )
    redaction = forms.BooleanField(
        required=False,
        help_text="This change removes text that endangers someone: earlier versions are then shown "
                  "only to staff with confidential clearance.",
    )

    def save(self, commit: bool = True) -> Any:
        self.instance._change_reason = self.cleaned_data.get("change_reason") or ""
        self.instance._history_redaction = bool(self.cleaned_data.get("redaction"))
        return super().save(commit)


class VisibleChoices:
    """Choices of related rows (selects, autocompletes' validation, filter widgets) limited to
    what the user may see. Text areas read a browser's CRLF line ends as stored (LF), so an
    untouched text is an unchanged one."""

    formfield_overrides = {models.TextField: {"form_class": MultilineTextField}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = visible_records(field.queryset, viewer_of(request))
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and hasattr(field, "queryset"):
            field.queryset = visible_records(field.queryset, viewer_of(request))
        return field

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return visible_records(super().get_queryset(request), viewer_of(request))  # type: ignore[misc]


class ClearanceInline(VisibleChoices, admin.TabularInline):
    """An inline that lists only visible rows; the formset never touches the others."""


class ClearanceStackedInline(VisibleChoices, admin.StackedInline):
    pass


class ClearanceAdmin(VisibleChoices, SimpleHistoryAdmin):
    form = ChangeReasonForm

    # --- saving ---------------------------------------------------------------------------
    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        # A many-to-many field's choices hold only visible rows, so saving the form would
        # unlink every hidden one (a source of a confidential person, say): put them back.
        hidden: dict[str, list[Any]] = {}
        viewer = viewer_of(request)
        if change:
            for field in form.instance._meta.many_to_many:
                if field.name in form.cleaned_data:
                    current = getattr(form.instance, field.name).all()
                    hidden[field.name] = list(current.exclude(
                        pk__in=visible_records(field.related_model._default_manager.all(), viewer)))
        super().save_related(request, form, formsets, change)
        for name, rows in hidden.items():
            getattr(form.instance, name).add(*rows)

    # --- lists ----------------------------------------------------------------------------
    def get_ordering(self, request):  # type: ignore[no-untyped-def]
        return super().get_ordering(request) or ("-pk",)  # pages of a list in a stable order

    def get_list_filter(self, request):  # type: ignore[no-untyped-def]
        # A related-field filter lists every row of the related model; this one lists only
        # those used by the (visible) rows of this list.
        filters = []
        for spec in super().get_list_filter(request):
            if isinstance(spec, str) and self._is_relation(spec):
                filters.append((spec, admin.RelatedOnlyFieldListFilter))
            else:
                filters.append(spec)
        return filters

    def _is_relation(self, name: str) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except Exception:  # a lookup through relations: leave it to Django
            return False
        return bool(field.is_relation)

    # --- deleting -------------------------------------------------------------------------
    def get_deleted_objects(self, objs, request):  # type: ignore[no-untyped-def]
        return deleted_objects(objs, request, self.admin_site)

    # --- history --------------------------------------------------------------------------
    def get_history_queryset(self, request, history_manager, pk_name, object_id):  # type: ignore[no-untyped-def]
        rows = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return visible_versions(rows, self.model, unquote(object_id), viewer_of(request))

    def _require_visible(self, request: Any, object_id: str) -> None:
        # simple-history falls back to the latest historical row when the object is not in
        # get_queryset(); a record the user may not see has no history for them. Cleared
        # staff may also read the history of deleted records.
        if viewer_of(request).clearance >= Clearance.CONFIDENTIAL:
            return
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):  # type: ignore[no-untyped-def]
        self._require_visible(request, object_id)
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            # A model kept without versions (tags): Django's own page of the admin's log entries.
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):  # type: ignore[no-untyped-def]
        if request.method == "POST":
            raise PermissionDenied("revert from the staff history page, which keeps what you may not see")
        self._require_visible(request, object_id)
        rows = visible_versions(self.model.history.filter(**{self.model._meta.pk.attname: unquote(object_id)}),
                                self.model, unquote(object_id), viewer_of(request))
        if not rows.filter(history_id=version_id).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):  # type: ignore[no-untyped-def]
        return True

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


class RecordOnlyAdmin(admin.ModelAdmin):
    """A log to read in the admin (account changes, history purges): rows are written by the
    code that makes the change, never added, changed or deleted by hand."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


def deleted_objects(objs: Any, request: Any, admin_site: Any) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
    """Django's delete confirmation (what else would be deleted), at the user's clearance:
    rows above it are not named, and their presence refuses the delete."""
    try:
        first = objs[0]
    except IndexError:
        return [], {}, set(), []
    viewer = viewer_of(request)
    collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
    collector.collect(objs)
    seen: set[tuple[type[models.Model], Any]] = set()
    for model, rows in collector.model_objs.items():
        ids = [row.pk for row in rows]
        seen |= {(model, pk) for pk in visible_records(model._default_manager.filter(pk__in=ids), viewer)
                 .values_list("pk", flat=True)}
    perms_needed: set[str] = set()

    def label(obj: Any) -> str:
        opts = obj._meta
        if (type(obj), obj.pk) not in seen:
            perms_needed.add(ABOVE_CLEARANCE)
            return f"{capfirst(opts.verbose_name)}: (above your clearance)"
        if not admin_site.is_registered(type(obj)):
            return f"{capfirst(opts.verbose_name)}: {obj}"
        if not admin_site.get_model_admin(type(obj)).has_delete_permission(request, obj):
            perms_needed.add(str(opts.verbose_name))
        try:
            url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", None, (quote(obj.pk),))
        except NoReverseMatch:
            return f"{capfirst(opts.verbose_name)}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = collector.nested(label)
    protected = [label(obj) for obj in collector.protected]
    counts = {model._meta.verbose_name_plural: sum((model, row.pk) in seen for row in rows)
              for model, rows in collector.model_objs.items()}
    return to_delete, {name: count for name, count in counts.items() if count}, perms_needed, protected


def record_only_what_changed(site: admin.AdminSite) -> None:
    """Every admin of `site` (ours and those of Django, axes and otp) saves a record only when
    its form changed, and writes no "changed nothing" log entry. Django saves the record on
    every valid submit: an untouched page would write a history version, and a log entry,
    under the user's name. Nothing is recorded that nobody meant."""
    for model_admin in site._registry.values():
        _save_only_changes(model_admin)


def _save_only_changes(model_admin: admin.ModelAdmin) -> None:
    save_model, log_change = model_admin.save_model, model_admin.log_change

    def save_if_changed(request: Any, obj: Any, form: Any, change: bool) -> None:
        if change and not form.has_changed():
            return
        save_model(request, obj, form, change)

    def log_if_changed(request: Any, obj: Any, message: Any) -> Any:
        if not message:  # construct_change_message found no change on the page or its inlines
            return None
        return log_change(request, obj, message)

    model_admin.save_model = save_if_changed  # type: ignore[method-assign]
    model_admin.log_change = log_if_changed  # type: ignore[method-assign]
