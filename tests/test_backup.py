"""Backups: a restored registry equals the original, history included, on both databases."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from politzek.database import database_settings
from tests.commands import run_politzek
from tests.databases import new_database

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def table_digests(url: str) -> dict[str, str]:
    """A digest of every row of every table, so two databases can be compared exactly."""
    settings = database_settings(url)
    if settings["ENGINE"].endswith("sqlite3"):
        connection = sqlite3.connect(settings["NAME"])
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                   "AND name NOT LIKE 'sqlite_%'")]
    else:
        import psycopg

        connection = psycopg.connect(dbname=settings["NAME"], host=settings["HOST"], port=settings["PORT"],
                                     user=settings["USER"], password=settings["PASSWORD"] or None)
        tables = [r[0] for r in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
    digests = {}
    for table in sorted(tables):
        rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
        digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
        digests[table] = f"{len(rows)}:{digest}"
    connection.close()
    return digests


@pytest.fixture(scope="module")
def demo_registry(tmp_path_factory, database_vendor):
    with new_database(tmp_path_factory.mktemp("backup-demo"), migrated=True) as url:
        made = run_politzek("demo", "--people", "25", "--seed", "9", db=url)
        assert made.returncode == 0, made.stderr
        yield url


@pytest.fixture
def registry(demo_registry, tmp_path):
    """A copy of the demo registry of 25 people, for a test that may change it."""
    with new_database(tmp_path, copy_of=demo_registry) as url:
        yield url


def test_restored_registry_equals_the_original_history_included(registry, tmp_path):
    before = table_digests(registry)
    assert int(before["registry_historicalperson"].split(":")[0]) == 25
    out = tmp_path / "snapshot.backup"
    made = run_politzek("backup", str(out), db=registry)
    assert made.returncode == 0, made.stderr
    assert out.is_file() and not Path(str(out) + ".partial").exists()
    assert out.stat().st_mode & 0o777 == 0o600  # a backup holds every confidential record

    changed = run_politzek("demo", "--people", "5", "--replace", db=registry)
    assert changed.returncode == 0, changed.stderr
    assert table_digests(registry) != before

    refused = run_politzek("restore", str(out), db=registry)
    assert refused.returncode == 2
    assert "--replace" in refused.stderr
    restored = run_politzek("restore", str(out), "--replace", db=registry)
    assert restored.returncode == 0, restored.stderr
    assert table_digests(registry) == before
    stats = run_politzek("stats", "--json", db=registry)
    assert '"people": 25' in stats.stdout


def test_restore_into_an_empty_database(registry, tmp_path):
    out = tmp_path / "snapshot.backup"
    assert run_politzek("backup", str(out), db=registry).returncode == 0
    (tmp_path / "second").mkdir()
    with new_database(tmp_path / "second") as empty:
        restored = run_politzek("restore", str(out), db=empty)
        assert restored.returncode == 0, restored.stderr
        assert table_digests(empty) == table_digests(registry)


def test_backup_never_overwrites(registry, tmp_path):
    out = tmp_path / "exists.backup"
    out.write_text("keep me")
    result = run_politzek("backup", str(out), db=registry)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert out.read_text() == "keep me"


def test_restore_refuses_files_that_are_not_backups(registry, tmp_path):
    bogus = tmp_path / "people.csv"
    bogus.write_text("name,arrested\nSomeone,2021-01-01\n")
    result = run_politzek("restore", str(bogus), "--replace", db=registry)
    assert result.returncode == 2
    assert str(bogus) in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_politzek("restore", str(tmp_path / "nothing.db"), db=registry)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_sqlite_backup_while_another_connection_is_writing(registry, tmp_path):
    settings = database_settings(registry)
    if not settings["ENGINE"].endswith("sqlite3"):
        pytest.skip("pg_dump's consistency is PostgreSQL's own (one repeatable-read transaction)")
    writer = sqlite3.connect(settings["NAME"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO registry_tag (code, label) VALUES ('uncommitted', 'not yet')")
    try:
        out = tmp_path / "live.backup"
        result = run_politzek("backup", str(out), db=registry, timeout=60)
        assert result.returncode == 0, result.stderr
    finally:
        writer.execute("COMMIT")
        writer.close()
    with sqlite3.connect(out) as snapshot:
        codes = {row[0] for row in snapshot.execute("SELECT code FROM registry_tag")}
        assert "uncommitted" not in codes
        assert snapshot.execute("SELECT COUNT(*) FROM registry_person").fetchone()[0] == 25
        assert snapshot.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
