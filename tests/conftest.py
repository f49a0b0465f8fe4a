"""Shared fixtures: a fresh, empty database (SQLite file or PostgreSQL database, matching the
one the suite runs on) and a way to run the real `politzek` command against it."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from hypothesis import HealthCheck, settings

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Hypothesis profiles. Speed belongs in bench/, so no profile has a deadline or the time-based
# health check: a busy machine must never fail a test. `ci` (set by .ci/run) draws the same
# examples on every run, so a red CI can always be reproduced; `dev` draws new ones each run,
# so a developer's runs keep exploring. Both print the failing example and its blob to replay
# it (@reproduce_failure). A test's own max_examples is its budget in both profiles.
_HYPOTHESIS_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "print_blob": True,
    "max_examples": 100,
}
settings.register_profile("dev", **_HYPOTHESIS_COMMON)
settings.register_profile("ci", **_HYPOTHESIS_COMMON, derandomize=True, database=None)
settings.load_profile(os.environ.get("POLITZEK_HYPOTHESIS_PROFILE", "dev"))

# Parallel workers (pytest-xdist, scripts/test) keep their drawn charts and keys apart: a
# chart's cache key is the state of one database, and two workers hold two databases.
if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("POLITZEK_HOME"):
    os.environ["POLITZEK_HOME"] = str(Path(os.environ["POLITZEK_HOME"]) / os.environ["PYTEST_XDIST_WORKER"])


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
_running: list[pytest.Item] = []


def uses_database(item: pytest.Item) -> bool:
    """True when the test reads or writes a database (a Django one, or one it makes for the
    `politzek` command), directly or through any of its fixtures."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("database"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="Run only the tests that touch a database (scripts/test's second pass, on PostgreSQL: the "
             "framework-free tests already ran on the first).")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if uses_database(item)]
    left_out = [item for item in items if not uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    _running[:] = [item]
    return (yield)


@pytest.fixture(scope="session")
def database_vendor() -> str:
    """The kind of database the suite runs on ("sqlite" or "postgresql"). A fixture that
    makes databases with new_database requests it, so its tests run on both kinds."""
    return connection.vendor


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: the list caches key on the refresh marks, and a
    rolled-back test can leave the next one with the same marks over different rows."""
    from django.core.cache import cache

    cache.clear()
    yield


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


def run_politzek(*args: str, db: str | None = None, timeout: float = 300,
                 env: dict[str, str] | None = None, input: str | None = None) -> CommandResult:
    """Run the installed `politzek` command in a subprocess, as a user would."""
    command = [sys.executable, "-m", "politzek"]
    if db:
        command += ["--db", db]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run([*command, *args], capture_output=True, text=True, timeout=timeout, env=full_env,
                               input=input)
    return CommandResult(completed.returncode, completed.stdout, completed.stderr)


def run_politzek_here(*args: str, input: str | None = None) -> CommandResult:
    """The same `politzek` command run inside the test process (Click's test runner), on the
    suite's own test database (pytest-django's: the test asks for `db`), with no --db. For
    the tables of bad input, each spared a new process and Django's start (a second or more);
    run_politzek stays the way to test a command end to end as a user runs it."""
    from typer.testing import CliRunner

    from politzek.cli import app

    assert "--db" not in args, "run_politzek_here runs on the test database; use run_politzek for --db"
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    return CommandResult(result.exit_code, result.stdout, result.stderr)


def _postgres_settings() -> dict[str, object] | None:
    if connection.vendor != "postgresql":
        return None
    return connection.settings_dict


def _postgres_url_and_params(name: str) -> tuple[str, dict[str, object]]:
    settings = _postgres_settings()
    assert settings is not None
    params = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{name}", {k: v for k, v in params.items() if v}


def _postgres_admin(statement: str) -> None:
    import psycopg

    _url, params = _postgres_url_and_params("postgres")
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(statement)


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _copy_database(source_url: str, target_name: str, folder: Path) -> str:
    """A new database holding what `source_url` holds (no one may be connected to it): a file
    copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL; either takes a fraction of the
    seconds that `politzek init` (or a demo) spends building it again."""
    if _postgres_settings() is None:
        target = folder / f"{target_name}.db"
        shutil.copyfile(_sqlite_path(source_url), target)
        # A write-ahead log still beside the file holds part of the database (WAL mode).
        log = Path(f"{_sqlite_path(source_url)}-wal")
        if log.exists():
            shutil.copyfile(log, f"{target}-wal")
        return f"sqlite:///{target}"
    source_name = source_url.rsplit("/", 1)[1]
    _postgres_admin(f'CREATE DATABASE "{target_name}" TEMPLATE "{source_name}"')
    return _postgres_url_and_params(target_name)[0]


def _drop_database(url: str) -> None:
    if url.startswith("postgresql://"):
        _postgres_admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


# One migrated database per test process, made by the real `politzek init` and copied for each
# test that asks for a migrated one: migrating takes several seconds a database.
_migrated_template: list[tuple[str, CommandResult]] = []


def migrated_template() -> tuple[str, CommandResult]:
    """The process's migrated database and what `politzek init` said making it from empty."""
    _migrated_template_url()
    return _migrated_template[0]


def _migrated_template_url() -> str:
    if not _migrated_template:
        folder = Path(tempfile.mkdtemp(prefix="politzek-template-"))
        name = f"politzek_template_{uuid.uuid4().hex[:12]}"
        if _postgres_settings() is None:
            url = f"sqlite:///{folder / f'{name}.db'}"
        else:
            _postgres_admin(f'CREATE DATABASE "{name}"')
            url = _postgres_url_and_params(name)[0]
            atexit.register(_drop_database, url)
        made = run_politzek("init", db=url)
        assert made.returncode == 0, made.stderr
        _migrated_template.append((url, made))
    return _migrated_template[0][0]


@contextmanager
def new_database(folder: Path, migrated: bool = False, copy_of: str | None = None) -> Iterator[str]:
    """A URL to a new database of the kind the suite runs on, dropped afterwards: empty, or
    with the schema as `politzek init` leaves it (`migrated`), or a copy of the database at
    `copy_of` (which no one may be using)."""
    if _running and not uses_database(_running[0]):
        raise AssertionError(f"{_running[0].nodeid} makes a database without saying so: request the "
                             "`database_vendor` fixture in the fixture that calls new_database")
    name = f"politzek_cli_{uuid.uuid4().hex[:12]}"
    source = copy_of or (_migrated_template_url() if migrated else None)
    if source is not None:
        url = _copy_database(source, name, folder)
    elif _postgres_settings() is None:
        url = f"sqlite:///{folder / f'{name}.db'}"
    else:
        _postgres_admin(f'CREATE DATABASE "{name}"')
        url = _postgres_url_and_params(name)[0]
    try:
        yield url
    finally:
        _drop_database(url)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's test database, made as a copy of the migrated template instead of by
    migrating again (several seconds a worker and a pass): Django then finds it up to date
    (keepdb), runs no migration, and the copy is dropped at the end."""
    from django.test.utils import setup_databases

    template = _migrated_template_url()
    settings_dict = connection.settings_dict
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="politzek-test-db-"))
            test_url = _copy_database(template, "test_politzek", folder)
            settings_dict.setdefault("TEST", {})["NAME"] = str(_sqlite_path(test_url))
        else:
            test_name = connection.creation._get_test_db_name()
            _postgres_admin(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
            test_url = _copy_database(template, test_name, Path("."))
        setup_databases(verbosity=request.config.option.verbose, interactive=False, keepdb=True,
                        serialized_aliases=set())
    yield
    with django_db_blocker.unblock():
        connection.close()
        _drop_database(test_url)


@pytest.fixture
def fresh_database_url(tmp_path: Path, database_vendor: str) -> Iterator[str]:
    """An empty database, no schema: for what `politzek init` itself does."""
    with new_database(tmp_path) as url:
        yield url


@pytest.fixture
def migrated_database_url(tmp_path: Path, database_vendor: str) -> Iterator[str]:
    """A database as `politzek init` leaves it, with no one in it."""
    with new_database(tmp_path, migrated=True) as url:
        yield url


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (only present next to the project)")
    return SHARED_DATA
