"""Staff pages: sign-in, the dashboard, the everyday forms and a person's history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from politzek.registry import corrections
from politzek.registry.history import recorded_change
from politzek.registry.models import Event, Person, PersonName, Source
from politzek.registry.visibility import Viewer, hidden_event_ids, visible_events, visible_people, visible_records
from politzek.registry.writes import keep_what_is_hidden, reuse_or_create
from politzek.web.staff import history
from politzek.web.staff.access import staff_required
from politzek.web.staff.forms import (
    EventCorrectionForm,
    EventForm,
    NameFormSet,
    PersonForm,
    PersonWithEventForm,
    SourceForm,
    StaffAuthenticationForm,
    WithdrawalForm,
)


class LoginView(auth_views.LoginView):
    """Username and password, and the TOTP code for users who set up a device; then the page
    asked for, else the workspace in the sign-in page's language (/ru/staff/login/ leads to
    /ru/staff/)."""

    template_name = "staff/login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self) -> str:
        return reverse("staff:dashboard")


class LogoutView(auth_views.LogoutView):
    """Signing out leads to the public list in the page's language."""

    def get_success_url(self) -> str:
        return reverse("people")


def _person(request: HttpRequest, person_id: int) -> Person:
    person = visible_people(Person.objects.filter(pk=person_id), Viewer.for_user(request.user)).first()
    if person is None:
        raise Http404("no such person")
    return person


def _actor(request: HttpRequest) -> str:
    return f"web:{request.user.get_username()}"


@staff_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    mine = Person.history.filter(history_user=request.user).order_by("-history_date")[:20]
    return render(request, "staff/dashboard.html", {"recent": mine})


def _script(text: str) -> str:
    return "Cyrl" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "Latn"


@staff_required("registry.add_person")
def add_person(request: HttpRequest) -> HttpResponse:
    form = PersonWithEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = Person(country=data["country"].upper(), region=data["region"], gender=data["gender"],
                        birth_date=data["birth_date"] or None, occupation=data["occupation"],
                        visibility=data["visibility"], consent=data["consent"])
        names = [PersonName(person=person, name=text, script=_script(text), is_primary=primary,
                            language=data["language"] if primary else "")
                 for text, primary in ((data["name"], True), (data["other_name"], False)) if text]
        event = Event(person=person, kind=data["event_kind"], date=data["event_date"] or None,
                      facility=data["facility"], organization=data["organization"],
                      description=data["description"], visibility="public")
        # Every record checked before any is saved, so all mistakes are shown at once.
        problems = _problems(person, [], *((name, ["person"]) for name in names), (event, ["person"]))
        if not problems:
            try:
                with transaction.atomic(), recorded_change(_actor(request), data["reason"]):
                    person.save()
                    for name in names:
                        name.person = person
                        name.save()
                    event.person = person
                    event.full_clean()  # the timeline, now that the person exists
                    event.save()
                    if data["source_url"]:
                        source, _created = reuse_or_create(Source, Viewer.for_user(request.user),
                                                           {"url": data["source_url"]},
                                                           {"title": data["source_title"]})
                        person.sources.add(source)
                        event.sources.add(source)
            except ValidationError as invalid:
                problems = invalid.message_dict
        for field, errors in problems.items():
            target = {"date": "event_date", "kind": "event_kind", "name": "name"}.get(field, field)
            form.add_error(target if target in form.fields else None, errors)
        if not problems:
            messages.success(request, _("Added %(name)s.") % {"name": person.display_name})
            return redirect("person", person.pk)
    return render(request, "staff/form.html", {"form": form, "title": _("Add a person with their first event")})


def _problems(first: Any, first_exclude: list[str], *others: tuple[Any, list[str]]) -> dict[str, list[str]]:
    """Every model check's errors of these unsaved records, by field."""
    problems: dict[str, list[str]] = {}
    for record, exclude in ((first, first_exclude), *others):
        try:
            record.full_clean(exclude=exclude)
        except ValidationError as invalid:
            for field, errors in invalid.message_dict.items():
                problems.setdefault(field, []).extend(errors)
    return problems


@staff_required("registry.change_person")
def edit_person(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's names, facts, visibility and notes in the user's language. Saves only what
    changed; private fields are neither shown to nor written by uncleared staff, and names
    above the user's clearance are not in the form (writes.keep_what_is_hidden)."""
    person = _person(request, person_id)
    viewer = Viewer.for_user(request.user)
    data = request.POST or None
    form = PersonForm(data, instance=person, sees_private_fields=viewer.sees_private_fields)
    names = NameFormSet(data, instance=person, queryset=visible_records(person.names.all(), viewer))
    if request.method == "POST" and form.is_valid() and names.is_valid():
        if form.has_changed() or names.has_changed():
            current = Person.objects.get(pk=person.pk)
            with transaction.atomic(), recorded_change(_actor(request), form.cleaned_data["reason"]):
                edited = form.save(commit=False)
                keep_what_is_hidden(current, edited, viewer)
                edited.save()
                names.save()
            messages.success(request, _("Saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("person", person.pk)
    return render(request, "staff/person_edit.html", {"form": form, "names": names, "person": person,
                                                      "title": _("Edit"), "title_name": person.display_name})


@staff_required("registry.change_event")
def edit_event(request: HttpRequest, event_id: int) -> HttpResponse:
    """Correct an event, or withdraw it (reviewers), with the reason in its history
    (registry/corrections.py: the command line's and the API's rule)."""
    viewer = Viewer.for_user(request.user)
    event = visible_events(Event.objects.filter(pk=event_id).select_related("person"), viewer).first()
    if event is None:
        raise Http404("no such event")
    person = event.person  # visible_events reads only events of people this viewer may see
    shown = {"kind": event.kind, "date": event.date, "description": event.description, "visibility": event.visibility}
    withdrawing = request.method == "POST" and request.POST.get("withdraw") == "on"
    form = EventCorrectionForm(None if withdrawing else (request.POST or None), initial=shown)
    withdrawal = WithdrawalForm(request.POST if withdrawing else None)
    may_withdraw = request.user.has_perm("registry.delete_event")
    try:
        if withdrawing and may_withdraw and withdrawal.is_valid():
            corrections.withdraw_event(event.pk, viewer, _actor(request), withdrawal.cleaned_data["reason"])
            messages.success(request, _("The event was withdrawn; it stays in the history."))
            return redirect("person", person.pk)
        if request.method == "POST" and not withdrawing and form.is_valid():
            if not form.has_changed():
                messages.info(request, _("Nothing was changed."))
                return redirect("person", person.pk)
            changed = {name: form.cleaned_data[name] for name in form.changed_data if name != "reason"}
            corrections.correct_event(event.pk, viewer, _actor(request), form.cleaned_data["reason"], **changed)
            messages.success(request, _("Saved."))
            return redirect("person", person.pk)
    except corrections.CorrectionError as refused:
        (withdrawal if withdrawing else form).add_error(None, str(refused))
    return render(request, "staff/event_edit.html", {
        "form": form, "withdrawal": withdrawal, "may_withdraw": may_withdraw, "event": event, "person": person,
        "title": _("Correct or withdraw an event"), "title_name": person.display_name})


def _form_page(request: HttpRequest, form: Any, title: str, person: Any) -> HttpResponse:
    """A form about one person: the title in the page's language, the name as written."""
    return render(request, "staff/form.html", {"form": form, "title": title, "title_name": person.display_name})


@staff_required("registry.add_event")
def add_event(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    form = EventForm(request.POST or None, person=person)
    # The timeline's refusals told at the user's clearance (a new person has no hidden event).
    form.instance.hidden_from_writer = hidden_event_ids(person.pk, Viewer.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), recorded_change(_actor(request), form.cleaned_data["reason"]):
            form.save()
        messages.success(request, _("Event added."))
        return redirect("person", person.pk)
    return _form_page(request, form, _("Add an event"), person)


@staff_required("registry.add_source")
def add_source(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    form = SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic(), recorded_change(_actor(request), form.cleaned_data["reason"]):
            source = form.save()
            person.sources.add(source)
        messages.success(request, _("Source attached."))
        return redirect("person", person.pk)
    return _form_page(request, form, _("Attach a source"), person)


@staff_required("registry.view_person")
def person_history(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    versions = history.person_history(person, Viewer.for_user(request.user))
    return render(request, "staff/history.html", {
        "person": person, "versions": versions,
        "can_restore": request.user.has_perm("registry.change_person"),
    })


@require_POST
@staff_required("registry.change_person")
def restore(request: HttpRequest, person_id: int, model: str, history_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if model not in history.TRACKED:
        raise Http404("no such history")
    viewer = Viewer.for_user(request.user)
    row = history.readable_version(model, history_id, person, viewer)
    if row is None:
        raise Http404("no such version of this person's records")
    reason = f"restored the version of {row.history_date:%Y-%m-%d %H:%M}"
    with transaction.atomic(), recorded_change(_actor(request), reason):
        history.restore(row, viewer)
    messages.success(request, "Restored.")
    return redirect("staff:history", person.pk)
