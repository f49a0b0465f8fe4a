"""Form fields every registry form uses (admin, staff pages): a date as people write it, and
text whose line ends are read as stored. Both compare a submitted value with the shown one as
the user sees it, so an untouched form is an unchanged form (nothing recorded that nobody
meant: issue 33)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from politzek.registry.countries import country_code
from politzek.registry.partial_date import PartialDate, PartialDateError
from politzek.registry.written_dates import read_written_date

DATE_HELP = _("For example 12.04.1991, 04.1991, 1991, 12 April 1991 or 1991-04-12; empty when unknown.")


class WrittenDateField(forms.CharField):
    """A date known to the day, month or year, typed as the user writes it
    (registry/written_dates.py); cleaned to a PartialDate, shown as YYYY[-MM[-DD]]."""

    default_error_messages = {
        "invalid_date": _("“%(value)s” is not a date we can read. Write it as 12.04.1991, 04.1991, 1991, "
                          "12 April 1991 or 1991-04-12."),
        "impossible_date": _("“%(value)s” is not a possible date (no such day, or a year before 1900)."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> PartialDate | None:  # type: ignore[override]
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        try:
            return read_written_date(text)
        except PartialDateError as error:
            code = "impossible_date" if ":" in str(error) else "invalid_date"
            raise ValidationError(self.error_messages[code], code=code, params={"value": text}) from None

    def run_validators(self, value: Any) -> None:
        return None  # a PartialDate is valid once read; a text too long is no date at all

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, PartialDate) else value

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            submitted = self.to_python(data)
        except ValidationError:
            return True
        try:
            shown = PartialDate.coerce(initial)
        except PartialDateError:
            return True
        return submitted != shown


class CountryField(forms.CharField):
    """A country typed as its code or its name in Russian, Belarusian, Ukrainian or English
    (registry/countries.py); cleaned to the two-letter code."""

    default_error_messages = {
        "unknown_country": _("“%(value)s” is not a country we know. Write its name (Беларусь, Belarus) or its "
                             "two-letter code (BY)."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        if not text:
            return text
        code = country_code(text)
        if code is None:
            raise ValidationError(self.error_messages["unknown_country"], code="unknown_country",
                                  params={"value": text})
        return code


class MultilineTextField(forms.CharField):
    """Text from a textarea: browsers send its line ends as CRLF, which is kept as LF, as
    everything else in the registry writes it."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) else text
