"""Long exchange lists vetted in the background. Matching takes about a tenth of a second an
entry on a large registry, so a list of a thousand names would outlast any web worker's
timeout: lists longer than settings.VET_INLINE_ENTRIES become a VettingJob, run on a thread
of the server, whose page shows progress (it reloads itself, no JavaScript) and then the
result. The result is kept for the user who asked, read only while they still hold the
clearance it was vetted at."""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import close_old_connections, connection
from django.template.loader import render_to_string
from django.utils import timezone

from politzek.bargaining.exchange_list import save, vet_list
from politzek.bargaining.vetting import FLAG_LABELS, VERDICT_LABELS
from politzek.bargaining.vetting_report import render as render_report
from politzek.names.lists import ListError
from politzek.registry.history import recorded_change
from politzek.registry.visibility import Clearance, Viewer
from politzek.web.models import VettingJob

log = logging.getLogger("politzek.web")
# A running job whose thread has not reported for this long died with its server process.
STALE_AFTER = timedelta(minutes=10)
PROGRESS_EVERY_SECONDS = 1.0
# What a user may hold: each job keeps its upload and its reports, so without a bound any
# staff member (a viewer too) could grow the database without limit. The oldest go first.
KEPT_PER_USER = 10
KEPT_DAYS = 7
RUNNING_PER_USER = 2


class TooManyJobs(Exception):
    """The user already has RUNNING_PER_USER lists being vetted."""


def start(user: Any, viewer: Viewer, file_name: str, upload: bytes, options: dict[str, Any]) -> VettingJob:
    """Keep the upload as a job and start vetting it on a thread of this process; forget the
    user's jobs past KEPT_PER_USER and everyone's older than KEPT_DAYS."""
    running = VettingJob.objects.filter(user=user, status=VettingJob.Status.RUNNING,
                                        updated_at__gte=timezone.now() - STALE_AFTER)
    if running.count() >= RUNNING_PER_USER:
        raise TooManyJobs
    job = VettingJob.objects.create(user=user, clearance=int(viewer.clearance), file_name=file_name,
                                    upload=upload, options=options)
    kept = VettingJob.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)
    VettingJob.objects.filter(user=user, pk__in=list(kept[KEPT_PER_USER:])).delete()
    VettingJob.objects.filter(created_at__lt=timezone.now() - timedelta(days=KEPT_DAYS)).delete()
    threading.Thread(target=run, args=(job.pk,), name=f"vetting-{job.pk}", daemon=True).start()
    return job


def run(job_id: int) -> None:
    """Vet the job's list; record the result, or the reason it could not be vetted."""
    close_old_connections()
    job = VettingJob.objects.get(pk=job_id)
    last_report = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last_report
        now = time.monotonic()
        if now - last_report >= PROGRESS_EVERY_SECONDS or done == total:
            last_report = now
            VettingJob.objects.filter(pk=job_id).update(done=done, total=total, updated_at=timezone.now())

    options = job.options
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / job.file_name
            path.write_bytes(bytes(job.upload))
            try:
                result = vet_list(path, Viewer(Clearance(job.clearance)), country=options.get("country"),
                                  skip_invalid=bool(options.get("skip_invalid")), progress=progress)
            except ListError as error:
                _finish(job_id, VettingJob.Status.FAILED, error=str(error).replace(f"{folder}/", ""))
                return
            result.path = job.file_name
        kept = None
        if options.get("keep"):
            with recorded_change(f"web:{job.user.get_username()}", f"vetted list {job.file_name}"):
                kept = save(result, options.get("title") or job.file_name, options.get("submitted_by", ""))
        html = render_to_string("staff/_vet_result.html", {
            "result": result, "entries": [item.as_dict() for item in result.entries],
            "verdict_labels": VERDICT_LABELS, "flag_labels": FLAG_LABELS})
        _finish(job_id, VettingJob.Status.DONE, result_html=html, report_md=render_report(result, "md"),
                report_csv=render_report(result, "csv"), kept_list_id=kept.pk if kept else None)
    except Exception:
        log.exception("vetting job %s failed", job_id)
        _finish(job_id, VettingJob.Status.FAILED, error="the list could not be vetted (an internal error, logged)")
    finally:
        connection.close()


def _finish(job_id: int, status: str, **fields: Any) -> None:
    VettingJob.objects.filter(pk=job_id).update(status=status, updated_at=timezone.now(), **fields)


def status_of(job: VettingJob) -> str:
    """The job's status, "failed" for a running job whose thread stopped reporting."""
    if job.status == VettingJob.Status.RUNNING and timezone.now() - job.updated_at > STALE_AFTER:
        return VettingJob.Status.FAILED
    return job.status
