"""Words the public pages show for codes (facets, sorts, event kinds), translated. Status
labels are registry/queries.py's STATUS_LABELS."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from politzek.registry.event_kinds import event_kinds

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


def event_label(code: str) -> str:
    """The event kind's label from the kinds data (English); translated where a translation exists."""
    kinds = event_kinds()
    return gettext(kinds[code].label) if code in kinds else code
