"""Shared fixtures: a fresh, empty database (SQLite file or PostgreSQL database, matching the
one the suite runs on) and a way to run the real `politzek` command against it."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Parallel workers (pytest-xdist, scripts/test) keep their drawn charts and keys apart: a
# chart's cache key is the state of one database, and two workers hold two databases.
if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("POLITZEK_HOME"):
    os.environ["POLITZEK_HOME"] = str(Path(os.environ["POLITZEK_HOME"]) / os.environ["PYTEST_XDIST_WORKER"])


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


def _postgres_settings() -> dict[str, object] | None:
    if connection.vendor != "postgresql":
        return None
    return connection.settings_dict


@contextmanager
def new_database(folder: Path) -> Iterator[str]:
    """A URL to an empty database of the kind the suite runs on; dropped afterwards."""
    settings = _postgres_settings()
    if settings is None:
        yield f"sqlite:///{folder / f'registry-{uuid.uuid4().hex[:8]}.db'}"
        return
    import psycopg

    name = f"politzek_cli_{uuid.uuid4().hex[:12]}"
    params = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
              "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    try:
        yield f"postgresql://{user}{password}@{host}{port}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    with new_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real test data not found at {SHARED_DATA} (only present next to the project)")
    return SHARED_DATA
