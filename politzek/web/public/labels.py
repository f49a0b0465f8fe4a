"""Words the public pages show for codes (facets, sorts, event kinds), translated. Status
labels are registry/queries.py's STATUS_LABELS."""

from __future__ import annotations

from django.utils.translation import gettext
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


def event_label(code: str) -> str:
    """The event kind's label from the kinds data (English); translated where a translation exists."""
    kinds = event_kinds()
    return gettext(kinds[code].label) if code in kinds else code
