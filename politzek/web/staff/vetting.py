"""The staff pages of the bargaining ledger: vet an uploaded exchange list (the same vetting
as `politzek vet`, at the clearance of the signed-in user), keep its verdicts and read kept
lists again; record a deal from an uploaded deal file (as `politzek deals add`)."""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from politzek.bargaining.deal_file import DealFileError, record_deal
from politzek.bargaining.exchange_list import save, vet_list
from politzek.bargaining.vetting import FLAG_LABELS, VERDICT_LABELS
from politzek.bargaining.vetting_report import render_bytes
from politzek.names.lists import ListError, read_list_skipping
from politzek.registry.models import ExchangeList
from politzek.registry.visibility import Viewer, visible_records
from politzek.web.downloads import attachment
from politzek.web.models import VettingJob
from politzek.web.staff import vetting_jobs
from politzek.web.staff.access import staff_required

MAX_BYTES = 5 * 1024 * 1024
# The session key of a deal file checked ("check only") and not yet recorded.
CHECKED_DEAL = "checked-deal-file"
VIEW = "registry.view_exchangelist"
ADD = "registry.add_exchangelist"
# The report formats a vetter downloads, and their content types.
DOWNLOADS = {"md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
             "html": "text/html; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _saved_upload(upload: Any, folder: str, suffix: str) -> Path:
    """The upload written into `folder` under its own name made safe (errors then name the
    file the user chose), ending in `suffix`."""
    stem = re.sub(r"[^\w.-]+", "_", Path(upload.name or "").name)[:100]
    path = Path(folder) / (stem if stem.lower().endswith(suffix) else f"{stem or 'upload'}{suffix}")
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@staff_required(VIEW)
def vet(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"can_save": request.user.has_perm(ADD), "verdict_labels": VERDICT_LABELS,
                               "flag_labels": FLAG_LABELS}
    if request.method != "POST":
        return render(request, "staff/vet.html", context)
    upload = request.FILES.get("list")
    country = request.POST.get("country", "").strip().upper() or None
    if upload is None:
        context["error"] = "Choose a CSV file to vet."
        return render(request, "staff/vet.html", context, status=400)
    if upload.size and upload.size > MAX_BYTES:
        context["error"] = f"{upload.name}: {upload.size:,} bytes; lists up to {MAX_BYTES:,} bytes are vetted here."
        return render(request, "staff/vet.html", context, status=400)
    if country and not (len(country) == 2 and country.isalpha()):
        context["error"] = f"country: {country!r} is not a two-letter code such as BY."
        return render(request, "staff/vet.html", context, status=400)
    keep = request.POST.get("save") == "on"
    if keep and not request.user.has_perm(ADD):
        context["error"] = "Your role may vet lists but not keep them."
        return render(request, "staff/vet.html", context, status=403)
    with tempfile.TemporaryDirectory() as folder:
        path = _saved_upload(upload, folder, ".csv")
        try:
            entries, problems = read_list_skipping(path)
        except ListError as error:
            context["error"] = str(error).replace(f"{folder}/", "")
            return render(request, "staff/vet.html", context, status=400)
        if len(entries) + len(problems) > settings.VET_INLINE_ENTRIES:
            # Too long to vet within a web request: vetted on a thread, followed on its page.
            try:
                job = vetting_jobs.start(request.user, Viewer.for_user(request.user), path.name, path.read_bytes(), {
                    "country": country, "skip_invalid": request.POST.get("skip_invalid") == "on", "keep": keep,
                    "title": request.POST.get("title", "").strip()[:300],
                    "submitted_by": request.POST.get("submitted_by", "").strip()[:300]})
            except vetting_jobs.TooManyJobs:
                context["error"] = _("Two of your lists are being vetted already: wait for one to finish.")
                return render(request, "staff/vet.html", context, status=429)
            return redirect("staff:vet_job", job_id=job.pk)
        try:
            result = vet_list(path, Viewer.for_user(request.user), country=country,
                              skip_invalid=request.POST.get("skip_invalid") == "on")
        except ListError as error:
            context["error"] = str(error).replace(f"{folder}/", "")
            return render(request, "staff/vet.html", context, status=400)
        result.path = path.name
    if request.POST.get("download") in DOWNLOADS:
        form = request.POST["download"]
        response = HttpResponse(render_bytes(result, form), content_type=DOWNLOADS[form])
        response["Content-Disposition"] = attachment(f"{Path(result.path).stem}-vetting.{form}")
        return response
    if keep:
        title = request.POST.get("title", "").strip()[:300] or result.path
        saved = save(result, title, submitted_by=request.POST.get("submitted_by", "").strip()[:300])
        messages.success(request, f"Kept as exchange list {saved.pk}.")
        return redirect("staff:exchange_list", list_id=saved.pk)
    context.update({"result": result, "entries": [item.as_dict() for item in result.entries]})
    return render(request, "staff/vet.html", context)


@staff_required(VIEW)
def vet_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    return render(request, "staff/vet_job.html", {"job": job, "status": vetting_jobs.status_of(job)})


@staff_required(VIEW)
def vet_job_report(request: HttpRequest, job_id: int, form: str) -> HttpResponse:
    job = _own_job(request, job_id)
    if form not in ("md", "csv") or job.status != VettingJob.Status.DONE:
        raise Http404("no such report")
    response = HttpResponse(job.report_md if form == "md" else job.report_csv, content_type=DOWNLOADS[form])
    response["Content-Disposition"] = attachment(f"{Path(job.file_name).stem}-vetting.{form}")
    return response


def _own_job(request: HttpRequest, job_id: int) -> VettingJob:
    """The user's own job, while they hold the clearance it was vetted at (else not found)."""
    job = VettingJob.objects.filter(pk=job_id, user=request.user).first()
    if job is None or Viewer.for_user(request.user).clearance < job.clearance:
        raise Http404("no such vetting")
    return job


@staff_required(VIEW)
def exchange_lists(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/exchange_lists.html", {"lists": ExchangeList.objects.order_by("-created_at")[:200]})


@staff_required(VIEW)
def exchange_list(request: HttpRequest, list_id: int) -> HttpResponse:
    kept = ExchangeList.objects.filter(pk=list_id).first()
    if kept is None:
        raise Http404("no such list")
    viewer = Viewer.for_user(request.user)
    entries = kept.entries.order_by("row_number")
    # A kept verdict may rest on records this reader may not see: the whole entry (its name
    # too, which would tell whom the list means) is then withheld.
    readable = set(visible_records(entries, viewer).values_list("pk", flat=True))
    rows = []
    for entry in entries:
        if entry.pk not in readable:
            rows.append({"row": entry.row_number, "hidden": True})
            continue
        rows.append({"row": entry.row_number, "name": entry.raw_name, "side": entry.side,
                     "verdict": entry.verdict, "verdict_label": VERDICT_LABELS.get(entry.verdict, entry.verdict),
                     "person_id": entry.matched_person_id, "match_score": entry.match_score, "hidden": False,
                     "reasons": entry.reasons, "flags": entry.flags})
    return render(request, "staff/exchange_list.html", {"kept": kept, "entries": rows})


@staff_required("registry.add_deal")
def add_deal(request: HttpRequest) -> HttpResponse:
    """A deal from an uploaded TOML file (docs/bargaining.md), checked whole, people linked
    through the matcher at the user's clearance; "check only" writes nothing."""
    context: dict[str, Any] = {"checked_file": request.session.get(CHECKED_DEAL, {}).get("name")}
    if request.method != "POST":
        return render(request, "staff/add_deal.html", context)
    upload = request.FILES.get("deal")
    checked = request.session.get(CHECKED_DEAL) if upload is None and request.POST.get("use_checked") else None
    if checked is None and (upload is None or (upload.size or 0) > MAX_BYTES):
        context["error"] = _("Choose a deal file (TOML, up to 5 MB).")
        return render(request, "staff/add_deal.html", context, status=400)
    check_only = request.POST.get("check_only") == "on"
    with tempfile.TemporaryDirectory() as folder:
        if checked is not None:  # the file checked before: not chosen again
            path = Path(folder) / Path(checked["name"]).name
            path.write_bytes(base64.b64decode(checked["content"]))
        else:
            path = _saved_upload(upload, folder, ".toml")
        try:
            deal, linked = record_deal(path, f"web:{request.user.get_username()}", Viewer.for_user(request.user),
                                       dry_run=check_only, events=request.POST.get("no_events") != "on",
                                       merge_duplicates=request.POST.get("merge_duplicates") == "on")
        except DealFileError as error:
            context["error"] = str(error).replace(f"{folder}/", "")
            return render(request, "staff/add_deal.html", context, status=400)
        if check_only:  # kept for the next press of "Record", so the file need not be chosen again
            request.session[CHECKED_DEAL] = {"name": path.name,
                                             "content": base64.b64encode(path.read_bytes()).decode("ascii")}
        else:
            request.session.pop(CHECKED_DEAL, None)
    context["checked_file"] = request.session.get(CHECKED_DEAL, {}).get("name")
    context.update({"deal": deal, "linked": linked.linked, "unlinked": linked.unlinked, "checked": deal is None,
                    "events": linked.events, "no_event": linked.no_event, "merged": linked.merged})
    return render(request, "staff/add_deal.html", context)
