"""The registry's own Django fields: a PartialDate stored as the text it was written as, and web
addresses that forms read as https when no scheme is typed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from politzek.registry.partial_date import PartialDate, PartialDateError


class _PartialDateDescriptor:
    """Turns a string assigned to the attribute into a PartialDate at once, so code reading
    `event.date.earliest` never meets a str. An invalid string is kept as given, for
    full_clean() to report with the field's name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        return instance.__dict__.get(self.name)

    def __set__(self, instance: Any, value: Any) -> None:
        try:
            value = PartialDate.coerce(value)
        except PartialDateError:
            pass
        instance.__dict__[self.name] = value


class PartialDateField(models.CharField):
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` in a text column; Python sees a PartialDate.

    The text sorts in time order ("2024" < "2024-05" < "2024-05-03"), so ORDER BY on the
    column is meaningful; range queries use a separate indexed earliest-day column where one
    is needed (Event.date_earliest).
    """

    description = "A date known to the year, month or day"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, *args: Any, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        setattr(cls, self.attname, _PartialDateDescriptor(self.attname))

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> PartialDate | None:
        return None if value in (None, "") else PartialDate.parse(value)

    def to_python(self, value: Any) -> PartialDate | None:
        try:
            return PartialDate.coerce(value)
        except PartialDateError as error:
            raise ValidationError(str(error), code="invalid_partial_date") from None

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        return None if value is None else str(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        # CharField's max_length validator would receive a PartialDate; the value is already
        # valid once to_python has built it.
        if value is None and not self.null:
            raise ValidationError(self.error_messages["null"], code="null")

    def run_validators(self, value: Any) -> None:
        return None

    def formfield(self, **kwargs: Any) -> Any:
        from politzek.registry.form_fields import DATE_HELP, WrittenDateField

        # Typed as people write dates ("12.04.1991", "12 апреля 1991", "1991-04-12").
        defaults: dict[str, Any] = {"form_class": WrittenDateField, "help_text": DATE_HELP}
        defaults.update(kwargs)
        return super(models.CharField, self).formfield(**defaults)


WEB_SCHEMES = ("http", "https")


def is_web_address(value: str | None) -> bool:
    """An http(s) address with a host: the only kind the registry stores and links. Others
    (`javascript:`, `data:`, `file:`) would run or open something in a reader's browser."""
    from urllib.parse import urlsplit

    if not value:
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def web_address_input() -> Any:
    """A text box for a web address: a browser refuses to send an `<input type="url">` holding
    an address typed without its scheme ("spring96.org/…"), which the form would read as https."""
    from django import forms

    return forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"})


class WebAddressField(models.URLField):
    """A URLField for http(s) addresses only, whose form fields (admin, staff forms) read an
    address typed without a scheme as https://, as Django 6 will; the column is Django's
    URLField's."""

    default_validators = [URLValidator(schemes=list(WEB_SCHEMES))]

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        field = super().formfield(**{"assume_scheme": "https", **kwargs})
        if isinstance(field, forms.URLField):
            field.widget = web_address_input()
            field.validators = [v for v in field.validators if not isinstance(v, URLValidator)]
            field.validators.append(URLValidator(schemes=list(WEB_SCHEMES)))
        return field

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        # Migrations record a plain URLField: the column and its validation are the same, and
        # the scheme a form assumes is no part of the schema.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class EventKindField(models.CharField):
    """An event kind's code. The kinds are data (registry/data/event_kinds.toml and a
    registry's own file, POLITZEK_EVENT_KINDS), so they are checked here and offered as the
    form's choices, but are no part of the schema: adding a kind needs no migration."""

    def validate(self, value: Any, model_instance: Any) -> None:
        from politzek.registry.event_kinds import event_kinds

        super().validate(value, model_instance)
        if value and value not in event_kinds():
            raise ValidationError(f"{value!r} is not an event kind; known kinds: {', '.join(event_kinds())}")

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        from politzek.registry.event_kinds import event_kind_choices

        # A blank first choice, as Django gives every choice field without a default: a
        # select showing a real kind would make an inline's empty extra form "changed", and
        # an untouched admin page would save an event nobody meant (issue 33).
        return forms.ChoiceField(choices=_with_blank_choice(event_kind_choices), required=not self.blank,
                                 label=kwargs.get("label") or self.verbose_name.capitalize(),
                                 help_text=kwargs.get("help_text") or self.help_text)


def _with_blank_choice(choices: Any) -> Any:
    from django.db.models.fields import BLANK_CHOICE_DASH

    return lambda: [*BLANK_CHOICE_DASH, *choices()]
