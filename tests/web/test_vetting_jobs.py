"""Long exchange lists are vetted in the background: the upload answers at once with a page
that shows progress and then the result, kept for the user who asked at the clearance they
had; no web worker waits for a thousand names. The job runs on a real thread with its own
database connection, hence transactional tests."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from politzek.registry import models as m
from politzek.web.models import VettingJob
from tests.registry.factories import staff
from tests.web.test_bargaining_pages import LIST, _upload, make_deal

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deal():
    return make_deal()



def _finished(client, url: str) -> str:
    """The job page once the job is no longer running (however long the machine takes)."""
    for _attempt in range(1200):
        page = client.get(url).content.decode()
        if 'id="progress"' not in page:
            return page
        time.sleep(0.1)
    raise AssertionError("the vetting job did not finish in two minutes")


def test_a_long_list_is_vetted_in_the_background_and_kept(client, deal, settings):
    settings.VET_INLINE_ENTRIES = 2
    client.force_login(staff("erik", "editor"))
    twice = LIST + LIST.split("\n", 1)[1]  # the rows again, without the header
    answer = client.post("/staff/vet/", {"list": _upload(twice), "save": "on", "title": "Long list"})
    assert answer.status_code == 302
    job = VettingJob.objects.get()
    assert answer["Location"] == f"/staff/vet/jobs/{job.pk}/"
    page = _finished(client, answer["Location"])
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 6, 6)
    assert "Hanna Stsiapanava" in page and "verdict-recognized" in page
    kept = m.ExchangeList.objects.get(title="Long list")
    assert kept.pk == job.kept_list_id and kept.entries.count() == 6
    report = client.get(f"/staff/vet/jobs/{job.pk}/report.csv")
    assert report.status_code == 200
    assert report.content.decode().startswith("row,name,birth_date,side,direction,verdict")
    # Someone else, or the same person without the clearance it ran at, finds nothing there.
    client.force_login(staff("olga", "editor"))
    assert client.get(answer["Location"]).status_code == 404
    assert client.get(f"/staff/vet/jobs/{job.pk}/report.md").status_code == 404


def test_a_job_is_read_only_at_the_clearance_it_ran_at(client, deal, settings):
    settings.VET_INLINE_ENTRIES = 0
    user = staff("clara", "editor", confidential=True)
    client.force_login(user)
    url = client.post("/staff/vet/", {"list": _upload()})["Location"]
    _finished(client, url)
    user.user_permissions.clear()
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get(url).status_code == 404


def test_a_bad_list_and_a_stopped_job_are_said_so(client, deal, settings):
    settings.VET_INLINE_ENTRIES = 0
    client.force_login(staff("erik", "editor"))
    url = client.post("/staff/vet/", {"list": _upload("name\nAnna\n12345\n", "bad.csv")})["Location"]
    page = _finished(client, url)
    assert "bad.csv: row 3, column name: &#x27;12345&#x27; has no letters" in page
    stopped = VettingJob.objects.create(user=User.objects.get(username="erik"), clearance=1, file_name="x.csv",
                                        upload=b"name\nA\n", status="running")
    VettingJob.objects.filter(pk=stopped.pk).update(updated_at=timezone.now() - timezone.timedelta(hours=1))
    assert "vet the list again" in client.get(f"/staff/vet/jobs/{stopped.pk}/").content.decode()


def test_a_users_jobs_are_bounded_and_old_ones_forgotten(client, deal, settings, monkeypatch):
    """Each job keeps its upload and reports: any staff member (a viewer too) uploading again
    and again grew the database without limit (issue 33)."""
    from datetime import timedelta

    from politzek.web.staff import vetting_jobs

    class _NotStarted:  # the bound is under test, not the vetting itself
        def __init__(self, *args, **kwargs):
            pass

        def start(self):
            pass

    monkeypatch.setattr(vetting_jobs.threading, "Thread", _NotStarted)
    settings.VET_INLINE_ENTRIES = 2
    viewer = staff("vera", "viewer")
    other = staff("olga", "viewer")
    old = VettingJob.objects.create(user=other, clearance=0, file_name="old.csv", upload=b"x", status="done")
    VettingJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    for number in range(vetting_jobs.KEPT_PER_USER + 3):
        VettingJob.objects.create(user=viewer, clearance=0, file_name=f"{number}.csv", upload=b"x", status="done")
    client.force_login(viewer)
    assert client.post("/staff/vet/", {"list": _upload()}).status_code == 302
    assert VettingJob.objects.filter(user=viewer).count() == vetting_jobs.KEPT_PER_USER
    assert not VettingJob.objects.filter(pk=old.pk).exists()
    # Two running already (the one just started and another): a third waits.
    assert client.post("/staff/vet/", {"list": _upload()}).status_code == 302
    refused = client.post("/staff/vet/", {"list": _upload()})
    assert refused.status_code == 429 and "being vetted already" in refused.content.decode()
