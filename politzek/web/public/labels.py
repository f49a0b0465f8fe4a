"""Words the public pages show for codes (facets, sorts, event kinds), translated. Status
labels are registry/queries.py's STATUS_LABELS."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from politzek.registry.countries import country_name  # noqa: F401  (the pages' name for it)
from politzek.registry.event_kinds import event_kinds
from politzek.registry.queries import last_known

FACETS = {
    "country": _("Country"),
    "status": _("Status"),
    "article": _("Charge article"),
    "region": _("Region"),
    "tag": _("Tag"),
    "year": _("Year of arrest"),
    "organization": _("Recognized by"),
}
SORTS = {
    "relevance": _("best match"),  # offered for a search only
    "name": _("name"),
    "-arrested": _("latest arrest first"),
    "arrested": _("earliest arrest first"),
    "-since": _("latest change first"),
}


WOMAN = "event of a woman"
# The event kinds' labels of registry/data/event_kinds.toml, named here so that makemessages
# collects them for translation (a registry's own kinds stay as their file writes them).
# tests/web/test_public_pages.py fails when a bundled kind has no translation.
EVENT_KIND_LABELS = (
    gettext_noop("Abducted or taken hostage"), gettext_noop("Detained"), gettext_noop("Remanded in custody"),
    gettext_noop("Placed under house arrest"), gettext_noop("Charged"), gettext_noop("Released pending trial"),
    gettext_noop("Hearing scheduled"), gettext_noop("Sentenced"), gettext_noop("Appeal decided"),
    gettext_noop("Transferred"), gettext_noop("Placed in a punishment cell"), gettext_noop("Hunger strike"),
    gettext_noop("Held incommunicado"), gettext_noop("Torture or ill-treatment reported"),
    gettext_noop("Added to a register (extremist, terrorist, foreign agent)"),
    gettext_noop("Recognized as a political prisoner"), gettext_noop("Recognition withdrawn"),
    gettext_noop("Released at the end of the term"), gettext_noop("Released by pardon"),
    gettext_noop("Released in an exchange"), gettext_noop("Released (other)"), gettext_noop("Deported"),
    gettext_noop("Disappeared"), gettext_noop("Died in custody"), gettext_noop("Executed"), gettext_noop("Killed"),
    gettext_noop("Body returned to the family"),
)


# The bundled cost policy's measures (accountability/data/cost-policy.toml), for makemessages;
# a registry's own policy text is shown as written.
COST_MEASURES = (
    gettext_noop("Personal sanctions (asset freeze, entry ban) on the judge, prosecutor and investigator of a "
                 "politically motivated case"),
    gettext_noop("Personal sanctions on the head of the facility where torture or a death in custody was reported"),
)


# A woman's form of the labels that agree with the person in Russian, Belarusian and Ukrainian
# ("Задержана", "Затрыманая", "Затримана"): the labels above read as a man's or anyone's.
# event_label asks pgettext(WOMAN, label) for these.
EVENT_KIND_LABELS_OF_A_WOMAN = (  # written out, so that makemessages collects them
    pgettext_lazy("event of a woman", "Abducted or taken hostage"),
    pgettext_lazy("event of a woman", "Detained"),
    pgettext_lazy("event of a woman", "Remanded in custody"),
    pgettext_lazy("event of a woman", "Placed under house arrest"),
    pgettext_lazy("event of a woman", "Released pending trial"),
    pgettext_lazy("event of a woman", "Sentenced"),
    pgettext_lazy("event of a woman", "Transferred"),
    pgettext_lazy("event of a woman", "Placed in a punishment cell"),
    pgettext_lazy("event of a woman", "Added to a register (extremist, terrorist, foreign agent)"),
    pgettext_lazy("event of a woman", "Recognized as a political prisoner"),
    pgettext_lazy("event of a woman", "Released at the end of the term"),
    pgettext_lazy("event of a woman", "Released by pardon"),
    pgettext_lazy("event of a woman", "Released in an exchange"),
    pgettext_lazy("event of a woman", "Released (other)"),
    pgettext_lazy("event of a woman", "Deported"),
    pgettext_lazy("event of a woman", "Disappeared"),
    pgettext_lazy("event of a woman", "Died in custody"),
    pgettext_lazy("event of a woman", "Executed"),
    pgettext_lazy("event of a woman", "Killed"),
)


def event_label(code: str, gender: str = "") -> str:
    """The event kind's label from the kinds data (English); translated where a translation
    exists, in a woman's form for a woman where the language has one."""
    kinds = event_kinds()
    if code not in kinds:
        return code
    label = kinds[code].label
    if gender == "female" and (hers := pgettext(WOMAN, label)) != label:
        return hers
    return gettext(label)


# One person's status, in the form that agrees with them: "освобождена", "освобождён", and a
# form that fits anyone where the gender is not recorded. STATUS_LABELS (registry/queries.py)
# names the groups of the list's facets ("released" people).
_PERSON_STATUS = {
    "pretrial_custody": (pgettext_lazy("status of a man", "in pre-trial custody"),
                         pgettext_lazy("status of a woman", "in pre-trial custody"),
                         pgettext_lazy("status of a person", "in pre-trial custody")),
    "house_arrest": (pgettext_lazy("status of a man", "under house arrest"),
                     pgettext_lazy("status of a woman", "under house arrest"),
                     pgettext_lazy("status of a person", "under house arrest")),
    "serving_sentence": (pgettext_lazy("status of a man", "serving a sentence"),
                         pgettext_lazy("status of a woman", "serving a sentence"),
                         pgettext_lazy("status of a person", "serving a sentence")),
    "in_custody": (pgettext_lazy("status of a man", "in custody"), pgettext_lazy("status of a woman", "in custody"),
                   pgettext_lazy("status of a person", "in custody")),
    "released": (pgettext_lazy("status of a man", "released"), pgettext_lazy("status of a woman", "released"),
                 pgettext_lazy("status of a person", "released")),
    "died": (pgettext_lazy("status of a man", "died"), pgettext_lazy("status of a woman", "died"),
             pgettext_lazy("status of a person", "died")),
    "disappeared": (pgettext_lazy("status of a man", "disappeared"), pgettext_lazy("status of a woman", "disappeared"),
                    pgettext_lazy("status of a person", "disappeared")),
    "not_detained": (pgettext_lazy("status of a man", "not detained"),
                     pgettext_lazy("status of a woman", "not detained"),
                     pgettext_lazy("status of a person", "not detained")),
    "unknown": (pgettext_lazy("status of a man", "status unknown"),
                pgettext_lazy("status of a woman", "status unknown"),
                pgettext_lazy("status of a person", "status unknown")),
}
RELEASE_MODES = {
    "pretrial": _("before trial"),
    "end_of_term": _("at the end of the term"),
    "pardon": _("by pardon"),
    "exchange": _("in an exchange"),
    "deported": _("deported"),
    "non_custodial_sentence": _("by a sentence without custody"),
    "other": _("other release"),
}


POLITICAL_PRISONER = (pgettext_lazy("of a man", "political prisoner"),
                      pgettext_lazy("of a woman", "political prisoner"),
                      pgettext_lazy("of a person", "political prisoner"))


def political_prisoner(gender: str = "") -> str:
    return str(POLITICAL_PRISONER[0 if gender == "male" else 1 if gender == "female" else 2])


def person_status(code: str, gender: str = "", release_mode: str | None = None) -> str:
    """A person's status in the page's language, agreeing with their gender where recorded."""
    forms = _PERSON_STATUS.get(code)
    if forms is None:
        return code
    text = str(forms[0] if gender == "male" else forms[1] if gender == "female" else forms[2])
    if release_mode:
        text += f" ({RELEASE_MODES.get(release_mode, release_mode)})"
    return text


def status_as_known(text: str, as_of: str | None) -> str:
    """A status told as what it is when its information is old: "last known: in custody (as of
    2014-08)" (registry/staleness.py); the status itself otherwise."""
    return last_known(text, dt.date.fromisoformat(as_of) if as_of else None)


