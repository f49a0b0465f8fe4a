"""Databases for the tests: which tests touch one (they run on SQLite and on PostgreSQL), and
new databases of the kind the suite runs on, empty, migrated or copied from another, for the
`politzek` command run in a subprocess."""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.commands import CommandResult, run_politzek

# What makes a test touch the database: pytest-django refuses database access to a test that
# asks for none of these, so a test without them runs the same code on every database.
# A fixture that makes its own database for the `politzek` command (new_database) requests
# `database_vendor`, and new_database refuses to run for a test that does not say so.
# (pytest-django's django_db_blocker is in every test's closure, so it says nothing; a fixture
# that unblocks the database with it must also request `database_vendor`.)
DATABASE_FIXTURES = frozenset({
    "db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server",
    "database_vendor",
})
# The test being set up (conftest's pytest_runtest_setup), for new_database's check.
running_test: list[pytest.Item] = []


def uses_database(item: pytest.Item) -> bool:
    """True when the test reads or writes a database (a Django one, or one it makes for the
    `politzek` command), directly or through any of its fixtures."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("database"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def postgres_settings() -> dict[str, object] | None:
    if connection.vendor != "postgresql":
        return None
    return connection.settings_dict


def postgres_url_and_params(name: str) -> tuple[str, dict[str, object]]:
    settings = postgres_settings()
    assert settings is not None
    params = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{name}", {k: v for k, v in params.items() if v}


def postgres_admin(statement: str) -> None:
    import psycopg

    _url, params = postgres_url_and_params("postgres")
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(statement)


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def copy_database(source_url: str, target_name: str, folder: Path) -> str:
    """A new database holding what `source_url` holds (no one may be connected to it): a file
    copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL; either takes a fraction of the
    seconds that `politzek init` (or a demo) spends building it again."""
    if postgres_settings() is None:
        target = folder / f"{target_name}.db"
        shutil.copyfile(sqlite_path(source_url), target)
        # A write-ahead log still beside the file holds part of the database (WAL mode).
        log = Path(f"{sqlite_path(source_url)}-wal")
        if log.exists():
            shutil.copyfile(log, f"{target}-wal")
        return f"sqlite:///{target}"
    source_name = source_url.rsplit("/", 1)[1]
    postgres_admin(f'CREATE DATABASE "{target_name}" TEMPLATE "{source_name}"')
    return postgres_url_and_params(target_name)[0]


def drop_database(url: str) -> None:
    if url.startswith("postgresql://"):
        postgres_admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        return
    path = sqlite_path(url)
    for companion in ("", "-wal", "-shm"):
        Path(f"{path}{companion}").unlink(missing_ok=True)
    if path.parent.name.startswith("politzek-") and not any(path.parent.iterdir()):
        path.parent.rmdir()  # the folders made by tempfile.mkdtemp here


# One migrated database for the whole run, made by the real `politzek init` and copied for
# every database a test needs: migrating takes several seconds (far more on a busy machine).
# Under pytest-xdist the controller makes it before the workers start (conftest.py) and hands
# it to them in this variable; a lone process makes its own when first asked.
TEMPLATE_VARIABLE = "POLITZEK_TEST_TEMPLATE"
_migrated_template: list[tuple[str, CommandResult]] = []


def make_migrated_template() -> tuple[str, CommandResult]:
    """A new database migrated by `politzek init`, and what the command said doing it; the
    caller drops it."""
    name = f"politzek_template_{uuid.uuid4().hex[:12]}"
    if postgres_settings() is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='politzek-template-')) / f'{name}.db'}"
    else:
        postgres_admin(f'CREATE DATABASE "{name}"')
        url = postgres_url_and_params(name)[0]
    made = run_politzek("init", db=url)
    assert made.returncode == 0, made.stderr
    return url, made


def handed_template(url: str, made: CommandResult) -> str:
    """The template as the environment variable carries it to the workers."""
    return json.dumps({"url": url, "init": dataclasses.asdict(made)})


def migrated_template() -> tuple[str, CommandResult]:
    """The run's migrated database and what `politzek init` said making it from empty."""
    if not _migrated_template:
        handed = os.environ.get(TEMPLATE_VARIABLE)
        if handed:
            data = json.loads(handed)
            _migrated_template.append((data["url"], CommandResult(**data["init"])))
        else:
            url, made = make_migrated_template()
            atexit.register(drop_database, url)
            _migrated_template.append((url, made))
    return _migrated_template[0]


def migrated_template_url() -> str:
    return migrated_template()[0]


@contextmanager
def new_database(folder: Path, migrated: bool = False, copy_of: str | None = None) -> Iterator[str]:
    """A URL to a new database of the kind the suite runs on, dropped afterwards: empty, or
    with the schema as `politzek init` leaves it (`migrated`), or a copy of the database at
    `copy_of` (which no one may be using)."""
    if running_test and not uses_database(running_test[0]):
        raise AssertionError(f"{running_test[0].nodeid} makes a database without saying so: request the "
                             "`database_vendor` fixture in the fixture that calls new_database")
    name = f"politzek_cli_{uuid.uuid4().hex[:12]}"
    source = copy_of or (migrated_template_url() if migrated else None)
    if source is not None:
        url = copy_database(source, name, folder)
    elif postgres_settings() is None:
        url = f"sqlite:///{folder / f'{name}.db'}"
    else:
        postgres_admin(f'CREATE DATABASE "{name}"')
        url = postgres_url_and_params(name)[0]
    try:
        yield url
    finally:
        drop_database(url)


def copy_template_as_test_database() -> str:
    """pytest-django's test database as a copy of the migrated template, named as Django will
    look for it; returns its URL (for drop_database)."""
    template = migrated_template_url()
    settings_dict = connection.settings_dict
    test_settings = settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        url = copy_database(template, "test_politzek", Path(tempfile.mkdtemp(prefix="politzek-test-db-")))
        test_settings["NAME"] = str(sqlite_path(url))
        return url
    # pytest-xdist's workers each have their own name (pytest-django adds the worker's suffix).
    name = test_settings.get("NAME") or f"test_{settings_dict['NAME']}"
    postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return copy_database(template, name, Path("."))


def query_value(url: str, sql: str) -> object:
    """The first column of the first row `sql` returns on the database at `url` (None if no
    row): for a test to look into a registry the `politzek` command wrote, without Django."""
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(sqlite_path(url)) as database:
            row = database.execute(sql).fetchone()
    else:
        import psycopg

        with psycopg.connect(url) as database:
            row = database.execute(sql).fetchone()
    return row[0] if row else None
