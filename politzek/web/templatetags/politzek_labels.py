"""Template filters that turn codes and records into words of the page's language:
`{{ person|page_name }}`, `{{ "BY"|country }}`, `{{ "colony"|sentence_kind }}`,
`{{ value|data_label:"region" }}` (politzek/web/data/values.toml)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from politzek.registry import models as m
from politzek.web.public import labels
from politzek.web.public.name_order import reading_order
from politzek.web.public.values import value_label

register = template.Library()


@register.filter
def page_name(person: Any) -> str:
    """A person's (or an official's) name to show first on this page (name_order.py): Зайцев
    Олег Николаевич on /ru/, Oleg Zaitsev on the English page; names are prefetched."""
    names = list(person.names.all())
    if not names:
        return f"#{person.pk}"
    names.sort(key=lambda name: (not name.is_primary, name.pk or 0))
    return reading_order(names, lambda n: n.name, lambda n: n.script, lambda n: n.language)[0].name


@register.filter
def country(code: str) -> str:
    return labels.country_name(code)


@register.filter
def country_or_text(text: str) -> str:
    """A recorded text that names a country (a deal's mediator, "Türkiye") by the country's name
    in the page's language (Турция); any other text as written."""
    from politzek.registry.countries import country_code

    code = country_code(text or "")
    return labels.country_name(code) if code else text


@register.filter
def authority(code: str) -> str:
    """A sanctioning authority: a country or union by its name in the page's language ("UK" as
    the lists write the United Kingdom); any other authority ("OFAC") as written, as data."""
    from django.utils.html import format_html

    key = {"UK": "GB"}.get(str(code).upper(), str(code).upper())
    name = labels.country_name(key)
    return name if name != key else format_html('<span translate="no">{}</span>', code)


@register.filter
def data_label(value: str, kind: str) -> str:
    return value_label(kind, value)


def _choice(choices: Any, code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


@register.filter
def sentence_kind(code: str) -> str:
    return _choice(m.Sentence.Kind, code)


@register.filter
def charge(text: Any) -> str:
    """A stored charge ("BY-CC 342 part 2") in the page's language (charge_words.py)."""
    from politzek.web.public.charge_words import charge_name

    return charge_name(str(text))


@register.filter
def charge_full(charge: Any) -> str:
    """A charge with its article's published title and the file's own label."""
    from politzek.web.public.charge_words import charge_with_title

    return charge_with_title(str(charge), getattr(charge, "label", ""))


@register.filter
def value_basis(code: str) -> str:
    """What a concession's value measures ("unstated" when a file did not say)."""
    return _("not stated") if code == "unstated" else _choice(m.Concession.Basis, code)


@register.filter
def case_kind(code: str) -> str:
    return _choice(m.Case.Kind, code)


@register.filter
def case_role(code: str) -> str:
    """A role in a case, or an official's position (head of a facility) when it is one."""
    label = _choice(m.CaseRole.Role, code)
    return _choice(m.Position.Role, code) if label == code else label


@register.filter
def facility_kind(code: str) -> str:
    return _choice(m.Facility.Kind, code)


@register.filter
def proposal_status(code: str) -> str:
    return _choice(m.SanctionProposal.Status, code).lower()


@register.filter
def event_kind(code: str) -> str:
    return labels.event_label(code)


@register.filter
def term(days: int | None) -> str:
    """A term in days as years, months and days in the page's language ("14 лет 11 месяцев");
    a year is 365 days and a month 30, as terms are entered."""
    if not days:
        return ""
    years, rest = divmod(int(days), 365)
    months, rest = divmod(rest, 30)
    parts = []
    if years:
        parts.append(ngettext("%(n)d year", "%(n)d years", years) % {"n": years})
    if months:
        parts.append(ngettext("%(n)d month", "%(n)d months", months) % {"n": months})
    if rest and not years:
        parts.append(ngettext("%(n)d day", "%(n)d days", rest) % {"n": rest})
    return " ".join(parts)


@register.filter
def pdate(value: Any) -> str:
    """A date known to the day, month or year, in the page's language through CLDR (Babel):
    "3 снежня 2026 г.", "снежань 2026", "2026"; "?" when unknown."""
    import datetime as dt

    from babel.dates import format_date
    from django.utils.translation import get_language

    from politzek.registry.partial_date import PartialDate, PartialDateError, Precision

    if value in (None, ""):
        return "?"
    try:
        known = value if isinstance(value, PartialDate) else (
            PartialDate.from_date(value) if isinstance(value, dt.date) else PartialDate.parse(str(value)))
    except PartialDateError:
        return str(value)
    locale = (get_language() or "en").split("-")[0]
    if known.precision == Precision.DAY:
        return format_date(known.earliest, "long", locale=locale)
    if known.precision == Precision.MONTH:
        return format_date(known.earliest, "LLLL y", locale=locale)
    return str(known.earliest.year)


# Vetting's verdicts, flags and what a reason cites, in the page's language (the words of
# bargaining/vetting.py's VERDICT_LABELS, FLAG_LABELS and CITES, which reports in files keep).
VERDICTS = {
    "recognized": pgettext_lazy("vetting verdict", "recognized political prisoner"),
    "meets_criteria": pgettext_lazy("vetting verdict", "meets the criteria on the record, not recognized"),
    "does_not_meet": pgettext_lazy("vetting verdict", "does not meet the criteria"),
    "not_documented": pgettext_lazy("vetting verdict", "not documented"),
    "ambiguous": pgettext_lazy("vetting verdict", "ambiguous: several people in the registry fit"),
    "sent_to_regime": pgettext_lazy("vetting verdict", "sent to the regime (the other side of the exchange)"),
}
FLAGS = {
    "violence": pgettext_lazy("vetting flag", "violence against persons (charged, convicted or said in the list)"),
    "combatant": pgettext_lazy("vetting flag", "combatant or prisoner of war"),
    "state_label": pgettext_lazy("vetting flag", "held as a spy, traitor, terrorist or extremist"),
    "duplicate": pgettext_lazy("vetting flag", "listed more than once"),
    "not_in_custody": pgettext_lazy("vetting flag", "not in custody according to the record"),
    "foreign_citizen": pgettext_lazy("vetting flag", "citizen of another country"),
    "side_conflict": pgettext_lazy("vetting flag", "check the list: this reads as sending a political prisoner back"),
}
CITED = {"record": pgettext_lazy("vetting reason", "The registry"),
         "recognition": pgettext_lazy("vetting reason", "Recognition"),
         "list": pgettext_lazy("vetting reason", "The list")}


@register.filter
def verdict_label(code: str) -> str:
    return str(VERDICTS.get(code, code))


@register.filter
def flag_label(code: str) -> str:
    return str(FLAGS.get(code, code))


@register.filter
def cited(reason: dict[str, Any]) -> str:
    """What a vetting reason cites: a criterion by its name, or the record, recognition or list."""
    return str(CITED[reason["criterion"]]) if reason.get("criterion") in CITED else reason.get("cites", "")


@register.filter
def one_full_stop(text: str) -> str:
    """A sentence ending in a date with its own abbreviation ("2026 г.") keeps one full stop."""
    from politzek.punctuation import one_full_stop as collapse

    return collapse(str(text))


@register.filter
def rate_ratio(rate: Any) -> str:
    """A deal window's rate ratio with its interval, in the page's numbers (0,50 in Russian)."""
    from politzek.bargaining.impact_report import interval

    return interval(rate)


@register.filter
def place_name(place: Any) -> str:
    """A facility's or a court's name as this page reads it (name_order.in_page_script)."""
    from politzek.web.public.name_order import in_page_script

    if place is None:
        return ""
    local = getattr(place, "local_name", None)
    if local is None:
        local = getattr(place, "name_local", "")
    return in_page_script(place.name, local)
