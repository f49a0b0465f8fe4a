"""Crowds and contention, a full disk, a read-only database: one line on the command line,
503 on the web (JSON on the API, with Retry-After when waiting helps), never a traceback or a
500. The conditions are real: another connection holding the write lock, SQLite's page
ceiling (its "database or disk is full"), PostgreSQL's read-only transactions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection

from politzek.web.models import ApiToken
from tests.commands import run_politzek
from tests.databases import sqlite_path
from tests.ingest.test_importer import ROWS, write
from tests.registry.factories import staff

pytestmark = pytest.mark.django_db(transaction=True)
NEW_PERSON = {"name": "Locked Out", "country": "BY", "first_event_kind": "detained", "reason": "test"}


def _token() -> str:
    return ApiToken.issue(staff("writer", "editor"), "test")[1]


def _post_person(client, token: str):
    return client.post("/api/people", NEW_PERSON, content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"})


class _OtherWriter:
    """Another connection holding the database's write lock (an import in progress)."""

    def __enter__(self):
        if connection.vendor == "sqlite":
            self.other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
            self.other.execute("BEGIN IMMEDIATE")
            connection.ensure_connection()
            connection.connection.execute("PRAGMA busy_timeout = 100")
        else:
            import psycopg

            settings = connection.settings_dict
            self.other = psycopg.connect(dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"],
                                         port=settings["PORT"], password=settings["PASSWORD"] or None)
            self.other.execute("LOCK TABLE registry_person IN ACCESS EXCLUSIVE MODE")
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '100ms'")
        return self

    def __exit__(self, *exc):
        self.other.rollback() if connection.vendor == "postgresql" else self.other.execute("ROLLBACK")
        self.other.close()
        connection.close()  # the pragma or setting ends with the connection


def test_an_api_write_meeting_a_lock_answers_json_503_with_retry_after(client):
    token = _token()
    with _OtherWriter():
        response = _post_person(client, token)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "the database is busy with another import or write; try again when it "
                                         "has finished"}
    assert response["Retry-After"] == "30"
    assert _post_person(client, token).status_code == 201  # and once the lock is gone, it is written


def test_a_full_disk_answers_503_not_a_traceback(client, database_vendor):
    if database_vendor != "sqlite":
        pytest.skip("a full disk is made with SQLite's page ceiling; PostgreSQL has no such switch")
    token = _token()
    someone = _post_person(client, token).json()["id"]
    client.force_login(User.objects.get(username="writer"))
    # A long description needs new pages, which the ceiling below refuses: the disk is "full".
    long_text = "x" * 300_000
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        cursor.execute(f"PRAGMA max_page_count = {cursor.fetchone()[0]}")
    try:
        api = client.post(f"/api/people/{someone}/events", {"kind": "detained", "description": long_text,
                                                             "reason": "test"},
                          content_type="application/json", headers={"Authorization": f"Bearer {token}"})
        page = client.post(f"/staff/people/{someone}/events/new/",
                           {"kind": "detained", "description": long_text, "visibility": "public", "reason": "test"},
                           )
    finally:
        connection.close()  # the page ceiling ends with the connection
    assert api.status_code == 503 and "disk holding the database is full" in api.json()["detail"]
    assert "Retry-After" not in api
    assert page.status_code == 503 and "no-store" in page["Cache-Control"]
    assert "the disk holding the database is full" in page.content.decode()


def test_the_503_page_speaks_the_readers_language(rf):
    from django.utils import translation

    from politzek.database_errors import database_trouble
    from politzek.web.database_trouble import unavailable

    trouble = database_trouble(OperationalError("database is locked"))
    request = rf.get("/ru/")
    request.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        page = unavailable(request, trouble)
    text = page.content.decode()
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert 'lang="ru"' in text and "база данных занята другим импортом или записью" in text


def test_a_read_only_database_answers_503(client, database_vendor):
    token = _token()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = 1" if database_vendor == "sqlite"
                       else "SET default_transaction_read_only = on")
    try:
        response = _post_person(client, token)
    finally:
        connection.close()
    assert response.status_code == 503 and "read-only" in response.json()["detail"]


def test_an_import_while_another_writes_says_so_in_one_line(migrated_database_url, tmp_path, database_vendor):
    """SQLite: the second writer waits POLITZEK_BUSY_TIMEOUT, then one line, exit 1. PostgreSQL:
    a second import waits for the first (advisory lock) and then runs."""
    path = write(tmp_path, ROWS)
    if database_vendor == "sqlite":
        other = sqlite3.connect(sqlite_path(migrated_database_url), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            result = run_politzek("import", "politzek-csv", str(path), db=migrated_database_url,
                                  env={"POLITZEK_BUSY_TIMEOUT": "0.2"})
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert result.returncode == 1, result.stderr
        assert result.stderr.strip() == ("politzek: error: the database is busy with another import or write; "
                                         "try again when it has finished")
        return
    import psycopg

    with psycopg.connect(migrated_database_url, autocommit=False) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", [0x706F6C69])  # the importer's lock
        second = subprocess.Popen([sys.executable, "-m", "politzek", "--db", migrated_database_url, "import",
                                   "politzek-csv", str(path)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with psycopg.connect(migrated_database_url, autocommit=True) as watcher:
            waiting = 0
            for _attempt in range(600):  # until the import is seen waiting on the lock (any speed)
                waiting = watcher.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                                          "AND NOT granted").fetchone()[0]
                if waiting or second.poll() is not None:
                    break
                time.sleep(0.1)
        assert waiting == 1 and second.poll() is None
        other.rollback()
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err


@pytest.mark.parametrize("message, says", [
    ("disk I/O error", "cannot be read or written"),
    ("unable to open database file", "cannot be opened"),
])
def test_trouble_met_before_any_view_answers_503_in_the_readers_language(monkeypatch, message, says):
    """The page cache reads the data's version and the API looks its token up before any view
    runs; trouble there is the same 503 (issue 33: it was a 500 everywhere)."""
    from django.test import Client

    from politzek.flows import data_state
    from politzek.web.api import auth

    def failing(*args, **kwargs):
        raise OperationalError(message)

    monkeypatch.setattr(data_state, "current", failing)
    visitor = Client(raise_request_exception=False)
    for path, words in (("/", says), ("/ru/", "")):
        page = visitor.get(path)
        assert page.status_code == 503 and "no-store" in page["Cache-Control"], path
        assert words in page.content.decode() and "Traceback" not in page.content.decode()
    assert 'lang="ru"' in visitor.get("/ru/").content.decode()
    api = visitor.get("/api/people")
    assert api.status_code == 503 and says in api.json()["detail"]
    monkeypatch.undo()
    monkeypatch.setattr(auth.ApiToken, "user_for", failing)
    token = visitor.get("/api/people", headers={"Authorization": "Bearer pz_anything"})
    assert token.status_code == 503 and says in token.json()["detail"]


def test_new_troubles_read_in_russian(rf):
    from django.utils import translation

    from politzek.database_errors import database_trouble
    from politzek.web.database_trouble import unavailable

    request = rf.get("/ru/")
    request.LANGUAGE_CODE = "ru"
    with translation.override("ru"):
        text = unavailable(request, database_trouble(OperationalError("disk I/O error"))).content.decode()
    assert "ошибка ввода-вывода" in text
