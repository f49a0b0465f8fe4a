"""The everyday forms: a new person with their first event, an event, a source. Every form
asks why (the history reason) and is checked by the models' own validation (partial dates,
impossible timelines) before anything is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from politzek.registry.event_kinds import event_kind_choices
from politzek.registry.fields import web_address_input
from politzek.registry.form_fields import DATE_HELP, CountryField, MultilineTextField, WrittenDateField
from politzek.registry.models import Event, Facility, Organization, Person, PersonName, Source
from politzek.registry.models.base import Visibility
from politzek.registry.models.people import Consent, Gender

LANGUAGES = [("", "—"), ("be", _("Belarusian")), ("ru", _("Russian")), ("uk", _("Ukrainian")), ("en", _("English"))]
REASON_HELP = _("Why: the source or the request behind this change. Kept in the history.")


def event_kinds_in_language() -> list[tuple[str, Any]]:
    """The event kinds with labels read in the page's language when the form is shown."""
    from politzek.web.public.labels import event_label

    return [(code, lazy(event_label, str)(code)) for code, _label in event_kind_choices()]


class FacilityChoiceField(forms.ModelChoiceField):
    """Facilities by the name a reader of the page knows: the local official name (ИК-4,
    СИЗО-1…) first on a Russian, Belarusian or Ukrainian page, the English one on an English page."""

    def label_from_instance(self, obj: Any) -> str:
        if obj.name_local and (get_language() or "en").split("-")[0] != "en":
            return f"{obj.name_local} · {obj.name}" if obj.name and obj.name != obj.name_local else obj.name_local
        return str(obj)


class CaseChoiceField(forms.ModelChoiceField):
    """A case by its country's name in the page's language and its number ("Россия, 1-1/2022"),
    not the model's English "RU case 1-1/2022"."""

    def label_from_instance(self, obj: Any) -> str:
        from politzek.registry.countries import country_name

        return f"{country_name(obj.jurisdiction)}, {obj.case_number or f'#{obj.pk}'}"


class PersonWithEventForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the name"), choices=LANGUAGES, required=False)
    other_name = forms.CharField(label=_("The name in another script (optional)"), max_length=300, required=False)
    country = CountryField(label=_("Country of persecution"),
                           help_text=_("Its name or two-letter code, e.g. Беларусь, Belarus or BY."))
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    birth_date = WrittenDateField(label=_("Born"), required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=300, required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices, initial=Visibility.RESTRICTED)
    consent = forms.ChoiceField(label=_("Consent to publication"), choices=Consent.choices, initial=Consent.UNKNOWN)
    event_kind = forms.ChoiceField(label=_("First event"), choices=event_kinds_in_language, initial="detained")
    event_date = WrittenDateField(label=_("Date of the event"), required=False)
    # Names of places and organizations are data: shown as written (translate="no").
    facility = FacilityChoiceField(label=_("Facility"), queryset=Facility.objects.order_by("name"), required=False,
                                   widget=forms.Select(attrs={"translate": "no"}))
    organization = forms.ModelChoiceField(label=_("Organization (for a recognition)"),
                                          queryset=Organization.objects.order_by("name"), required=False,
                                          widget=forms.Select(attrs={"translate": "no"}))
    description = MultilineTextField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    source_url = forms.URLField(label=_("Source URL"), max_length=1000, required=False, assume_scheme="https",
                                widget=web_address_input())
    source_title = forms.CharField(label=_("Source title"), max_length=500, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=100, help_text=REASON_HELP)


class EventForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), max_length=100, help_text=REASON_HELP)

    class Meta:
        model = Event
        fields = ["kind", "date", "case", "facility", "organization", "register", "description", "visibility"]
        labels = {"kind": _("Kind"), "date": _("Date"), "case": _("Case"), "facility": _("Facility"),
                  "organization": _("Organization"), "register": _("Register"), "description": _("Description"),
                  "visibility": _("Visibility")}
        field_classes = {"description": MultilineTextField, "facility": FacilityChoiceField, "case": CaseChoiceField}
        help_texts = {"date": DATE_HELP, "register": _("For an addition to a register: which list."),
                      "organization": _("For recognitions: the organization recognizing; for registers: the keeper.")}

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *event_kinds_in_language()]
        for name in ("case", "facility", "organization"):  # records' names are data, shown as written
            self.fields[name].widget.attrs["translate"] = "no"
        # Only this person's cases: a select of every case in the registry would be huge.
        self.fields["case"].queryset = person.cases.all() if person is not None else self.fields["case"].queryset.none()
        if person is not None:
            self.instance.person = person


class EventCorrectionForm(forms.Form):
    """An event's kind, date, description and visibility, as they are now, to correct."""

    kind = forms.ChoiceField(label=_("Kind"), choices=event_kinds_in_language)
    date = WrittenDateField(label=_("Date"), required=False)
    description = MultilineTextField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    reason = forms.CharField(label=_("Reason for the change"), max_length=100, help_text=REASON_HELP)

    def has_changed(self) -> bool:
        return any(name != "reason" for name in self.changed_data)


class WithdrawalForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=100, help_text=REASON_HELP)


class SourceForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), max_length=100, help_text=REASON_HELP)

    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "published", "archived_url", "reliability_note"]
        labels = {"url": _("Web address"), "title": _("Title"), "publisher": _("Publisher"),
                  "published": _("Published"), "archived_url": _("Archived copy"),
                  "reliability_note": _("Reliability note")}
        field_classes = {"reliability_note": MultilineTextField}
        help_texts = {"published": DATE_HELP, "archived_url": _("An archived copy.")}


class PersonForm(forms.ModelForm):
    """A person's facts, visibility and (for cleared staff) private notes, on one page in the
    user's language: what a documenter edits every day without the admin."""

    reason = forms.CharField(label=_("Reason for the change"), max_length=100, help_text=REASON_HELP)

    class Meta:
        model = Person
        fields = ["country", "region", "gender", "birth_date", "occupation", "visibility", "consent",
                  *Person.PRIVATE_FIELDS]
        field_classes = {"country": CountryField, **{name: MultilineTextField for name in Person.PRIVATE_FIELDS}}
        labels = {"country": _("Country of persecution"), "region": _("Region"), "gender": _("Gender"),
                  "birth_date": _("Born"), "occupation": _("Occupation"), "visibility": _("Visibility"),
                  "consent": _("Consent to publication"), "relatives_contacts": _("Relatives' contacts"),
                  "lawyer_contacts": _("Lawyer's contacts"), "health_notes": _("Health"),
                  "internal_notes": _("Internal notes")}
        help_texts = {"country": _("Its name or two-letter code, e.g. Беларусь, Belarus or BY."),
                      "birth_date": DATE_HELP,
                      "visibility": _("Public records are published; restricted and confidential ones are not."),
                      "consent": _("Consent to publication by the person or their family.")}
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in Person.PRIVATE_FIELDS}

    def __init__(self, *args: Any, sees_private_fields: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sees_private_fields:  # never shown, never written (writes.keep_what_is_hidden)
            for name in Person.PRIVATE_FIELDS:
                del self.fields[name]
        self.fields["country"].required = False

    def has_changed(self) -> bool:
        # The reason is asked with every change; alone it changes nothing.
        return any(name != "reason" for name in self.changed_data)


class NameForm(forms.ModelForm):
    class Meta:
        model = PersonName
        fields = ["name", "language", "kind", "is_primary"]
        labels = {"name": _("Name"), "language": _("Language of the name"), "kind": _("Kind of name"),
                  "is_primary": _("Shown first")}
        help_texts = {"name": _("The full name as written."), "is_primary": _("The name shown first."),
                      "language": _("ISO 639-1, e.g. be, ru, uk, en.")}


NameFormSet = forms.inlineformset_factory(Person, PersonName, form=NameForm, extra=1, can_delete=True)


class StaffAuthenticationForm(AuthenticationForm):
    """User name and password (checked through django-axes), then, for users who set up a
    TOTP device, its current code. Users without a device sign in with the password alone.

    Every refusal reads the same, whether the password or the code was wrong or missing:
    asking for the code only after a right password would confirm the password to whoever
    guessed it. A wrong or missing code counts as a failed sign-in for the lockout."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name, password or authentication code is not right. (The code is "
                           "asked once you have set up an authentication app.)"),
    }
    otp_token = forms.CharField(label=_("Authentication code (if you set one up)"), required=False, max_length=16,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        devices = list(devices_for_user(user, confirmed=True)) if user else []
        if not devices:
            return cleaned
        token = (cleaned.get("otp_token") or "").strip()
        for device in devices if token else ():
            allowed, _extra = device.verify_is_allowed()
            if allowed and device.verify_token(token):
                user.otp_device = device  # django-otp marks the session verified at login
                return cleaned
        user_login_failed.send(sender=__name__, credentials={"username": cleaned.get("username")},
                               request=self.request)
        self.user_cache = None
        raise self.get_invalid_login_error()
