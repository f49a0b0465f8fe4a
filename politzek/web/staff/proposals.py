"""Staff pages of the automatic cost: the kept proposals with their evidence, a status form on
each (submitted, adopted, rejected, with a note kept in history), running the policy now, the
submission per authority (CSV, printable HTML); and the review of sanctions-list entries the
matcher could not tell from a registry official."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from politzek.accountability.linking import ReviewError, decide_official_match
from politzek.accountability.policy import authority_table, default_policy
from politzek.accountability.proposals import STATUSES, ProposalError, proposal_rows, set_status
from politzek.accountability.run import run_cost
from politzek.accountability.submission import submission_csv, submission_html
from politzek.registry.models import OfficialMatch, SanctionProposal
from politzek.registry.visibility import Viewer
from politzek.web.downloads import attachment
from politzek.web.staff.access import staff_required

# An authority's code as the cost policy writes them (EU, US, UK, CA, US-OFAC…).
AUTHORITY = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,39}")

SHOWN = 200


def _actor(request: HttpRequest) -> str:
    return f"web:{request.user.get_username()}"


@staff_required("registry.view_sanctionproposal")
def proposals(request: HttpRequest) -> HttpResponse:
    authority = (request.GET.get("authority") or "").upper() or None
    status = request.GET.get("status") or None
    if status not in (None, *STATUSES):
        status = None
    rows = proposal_rows(Viewer.for_user(request.user), authority, status)
    return render(request, "staff/proposals.html", {
        "rows": rows[:SHOWN], "count": len(rows), "authority": authority or "", "status": status or "",
        "statuses": SanctionProposal.Status.choices, "authorities": sorted(authority_table()),
        "policy": default_policy(), "shows_synthetic": any(r.synthetic for r in rows),
    })


@require_POST
@staff_required("registry.add_sanctionproposal")
def run(request: HttpRequest) -> HttpResponse:
    result = run_cost(default_policy(), _actor(request))
    recorded = result.recorded
    assert recorded is not None  # not a dry run
    messages.success(request, f"Policy applied: {recorded.created} new proposals, {recorded.evidence_added} new "
                              f"pieces of evidence, {recorded.unchanged} unchanged.")
    return redirect("staff:proposals")


@require_POST
@staff_required("registry.review")  # a proposal's status is a reviewer's decision (docs/accountability.md)
def change_status(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        proposal = set_status(proposal_id, request.POST.get("status", ""), request.POST.get("note", "").strip(),
                              _actor(request))
    except ProposalError as error:
        messages.error(request, str(error))
        return redirect("staff:proposals")
    messages.success(request, f"Proposal {proposal.pk} is now {proposal.get_status_display().lower()}.")
    return redirect("staff:proposals")


@staff_required("registry.view_sanctionproposal")
def export(request: HttpRequest, form: str) -> HttpResponse:
    if form not in ("csv", "html"):
        raise Http404("no such format")
    authority = (request.GET.get("authority") or "").strip().upper()
    if not AUTHORITY.fullmatch(authority):
        return HttpResponse(f"authority={authority[:40]!r}: name the authority by its code (EU, US, UK, CA…)",
                            status=400, content_type="text/plain; charset=utf-8")
    viewer = Viewer.for_user(request.user)
    if form == "csv":
        text, _count = submission_csv(authority, viewer)
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = attachment(f"proposals-{authority}.csv")
        return response
    text, _count = submission_html(authority, viewer)
    return HttpResponse(text, content_type="text/html; charset=utf-8")


@staff_required("registry.review")
def official_matches(request: HttpRequest) -> HttpResponse:
    pending = OfficialMatch.objects.filter(decision="").select_related("existing", "imported").prefetch_related(
        "existing__names", "imported__names", "existing__positions", "imported__positions").order_by("-score", "id")
    return render(request, "staff/official_matches.html", {"pending": pending})


@require_POST
@staff_required("registry.review")
def decide_match(request: HttpRequest, match_id: int) -> HttpResponse:
    try:
        match = decide_official_match(match_id, request.POST.get("decision", ""), _actor(request),
                                      request.POST.get("reason", "").strip())
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("staff:official_matches")
    messages.success(request, f"Recorded: {match.decision}.")
    return redirect("staff:official_matches")
