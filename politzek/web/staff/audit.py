"""The evidence audit on a staff page: the same counts and lists as `politzek audit`, the
lists at the reader's clearance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from politzek.registry.audit import COUNTS, MONTHS, run_audit
from politzek.registry.visibility import Viewer
from politzek.web.staff.access import staff_required


@staff_required("registry.view_person")
def audit(request: HttpRequest) -> HttpResponse:
    try:
        months = max(1, min(120, int(request.GET.get("months", MONTHS))))
    except ValueError:
        months = MONTHS
    result = run_audit(Viewer.for_user(request.user), months=months)
    # Plain rows: a Counter's `.items` in a template reads as the count of a key named "items".
    rows = [(country, [counts[key] for key in COUNTS]) for country, counts in result.per_country.items()]
    return render(request, "staff/audit.html", {"audit": result, "labels": list(COUNTS.values()), "months": months,
                                                "rows": rows, "overall": dict(result.overall),
                                                "findings": [(str(FINDINGS.get(kind, kind)), found)
                                                             for kind, found in result.findings.items()]})


# The headings of the lists, in the page's language.
FINDINGS = {
    "unsourced_events": _("Events citing no source"),
    "timeline_conflicts": _("Impossible timelines"),
    "stale_people": _("People whose latest information is older than the months asked"),
    "bad_source_urls": _("Source addresses that are not web addresses"),
    "unsourced_deals": _("Deals citing no source"),
    "unsourced_concessions": _("Concessions citing no source"),
}
# The count columns of registry/audit.py, named here for makemessages.
COUNT_LABELS = (gettext_noop("people"), gettext_noop("events"),
                gettext_noop("events citing no source (and no recognition statement)"),
                gettext_noop("people whose timeline has an impossible pair of events"),
                gettext_noop("people whose latest information is older than the months asked"))
