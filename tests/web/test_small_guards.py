"""Small guards of the staff side: staff pages and pages read by signed-in users are never
cached; a refused request is logged in one line; old chart folders are cleared; a SQLite
registry file is readable by its owner alone."""

from __future__ import annotations

import logging
import os
import time

import pytest

from politzek.web.log_filters import OneLineForClientErrors
from politzek.web.public.statistics import CHART_FOLDER_DAYS, prune_charts
from tests.commands import run_politzek
from tests.databases import sqlite_path
from tests.registry.factories import staff


@pytest.mark.django_db
def test_staff_pages_and_signed_in_reading_are_never_stored(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(staff("vera", "viewer"))
    for path in ("/staff/", "/admin/", "/"):
        control = client.get(path)["Cache-Control"]
        assert "no-store" in control and "private" in control, path


@pytest.mark.django_db
def test_a_refused_request_is_logged_in_one_line(client, caplog):
    client.force_login(staff("vera", "viewer"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/staff/proposals/run/").status_code in (403, 405)
        assert client.post("/staff/proposals/run/").status_code == 403
    record = next(r for r in caplog.records if getattr(r, "status_code", None) == 403)
    handlers = [h for h in logging.getLogger().handlers
                if any(isinstance(f, OneLineForClientErrors) for f in h.filters)]
    assert handlers, "the configured console handler carries the filter"
    # Django attached the PermissionDenied traceback; the handler's filter took it off.
    assert record.exc_info is None
    line = handlers[0].format(record)
    assert "Traceback" not in line and "\n" not in line


def test_the_filter_keeps_tracebacks_of_server_errors():
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        import sys

        info = sys.exc_info()
    for status, kept in ((403, False), (404, False), (500, True)):
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), info)
        record.status_code = status
        assert OneLineForClientErrors().filter(record)
        assert (record.exc_info is not None) == kept


def test_chart_folders_untouched_for_days_are_cleared(tmp_path):
    old, fresh = tmp_path / "old-state", tmp_path / "today-state"
    for folder in (old, fresh):
        folder.mkdir()
        (folder / "chart.svg").write_text("<svg/>")
    past = time.time() - (CHART_FOLDER_DAYS + 1) * 86400
    os.utime(old, (past, past))
    assert prune_charts(tmp_path) == 1
    assert not old.exists() and (fresh / "chart.svg").exists()


def test_a_sqlite_registry_is_readable_by_its_owner_alone(migrated_database_url, database_vendor):
    if database_vendor != "sqlite":
        pytest.skip("file modes are SQLite's; a PostgreSQL server keeps its own files")
    path = sqlite_path(migrated_database_url)
    os.chmod(path, 0o644)
    assert run_politzek("stats", db=migrated_database_url).returncode == 0
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db
def test_only_cleared_staff_read_the_history_of_a_deleted_record(client):
    from tests.registry.factories import person

    gone = person("Deleted Later", visibility="public")
    gone_id = gone.pk
    gone.delete()
    client.force_login(staff("kira", "admin", confidential=True))
    assert client.get(f"/admin/registry/person/{gone_id}/history/").status_code == 200
    client.force_login(staff("ada", "admin"))
    assert client.get(f"/admin/registry/person/{gone_id}/history/").status_code == 404


@pytest.mark.parametrize("path", ["/people/99999999999999999999/", "/people/99999999999999999999/letter/",
                                  "/ru/people/99999999999999999999/", "/cases/99999999999999999999/",
                                  "/staff/people/99999999999999999999/history/",
                                  "/api/people/99999999999999999999"])
@pytest.mark.django_db
def test_an_id_too_long_for_any_record_is_not_found(client, path):
    if path.startswith("/staff/"):
        client.force_login(staff("vera", "viewer"))
    assert client.get(path).status_code in (404, 422)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "editor", "admin"])
def test_a_tags_history_page_answers(client, role):
    """Tags are kept without versions: their history page lists the admin's log entries
    (issue 33: it answered 500 for every role)."""
    from politzek.registry import models as m

    tag = m.Tag.objects.create(code="journalist", label="Journalist")
    client.force_login(staff(f"{role}-user", role, superuser=role == "admin"))
    assert client.get(f"/admin/registry/tag/{tag.pk}/history/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("authority", ['EU"\r\nSet-Cookie: x=1', "EU\nX", 'E"U'])
def test_an_authority_that_could_break_a_header_is_refused(client, authority):
    client.force_login(staff("rita", "reviewer"))
    answer = client.get("/staff/proposals/export.csv", {"authority": authority})
    assert answer.status_code == 400 and "Set-Cookie" not in answer.headers


def test_a_download_name_never_breaks_its_header():
    from django.http import HttpResponse

    from politzek.web.downloads import attachment

    for name in ('list"\r\nSet-Cookie: a=b.csv', "Спіс палітвязняў.csv", "a\\b.csv", "\x00"):
        response = HttpResponse()
        response["Content-Disposition"] = attachment(name)  # a newline here would raise
        assert "\n" not in response["Content-Disposition"] and "\r" not in response["Content-Disposition"]
    assert attachment("Спіс.csv") == "attachment; filename*=utf-8''%D0%A1%D0%BF%D1%96%D1%81.csv"
