"""POLITZEK_CACHE: a page computed by one server process is served from the cache by another
(a folder shared by one server's workers, or a table shared by every app server), and a
cache politzek does not know is refused at start with a one-line reason."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.commands import run_politzek

# One server process: Django started on the database, one anonymous request, the cache's word.
ONE_PROCESS = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/")
print(response.status_code, response.politzek_cache)
"""


def _serve_once(url: str, cache: str) -> str:
    env = {**os.environ, "POLITZEK_DATABASE_URL": url, "POLITZEK_CACHE": cache,
           "DJANGO_SETTINGS_MODULE": "politzek.settings", "POLITZEK_PAGE_CACHE_SECONDS": "600"}
    done = subprocess.run([sys.executable, "-c", ONE_PROCESS], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.parametrize("kind", ["file", "database"])
def test_a_page_one_process_computed_is_a_hit_in_another(kind, migrated_database_url, tmp_path, database_vendor):
    if kind == "file" and database_vendor != "sqlite":
        pytest.skip("a folder of cached pages does not depend on the database; checked on the SQLite pass")
    cache = f"file:{tmp_path / 'cache'}" if kind == "file" else "database"
    initialized = run_politzek("init", db=migrated_database_url, env={"POLITZEK_CACHE": cache})
    assert initialized.returncode == 0, initialized.stderr  # creates the cache table for `database`
    assert _serve_once(migrated_database_url, cache) == "200 miss"
    assert _serve_once(migrated_database_url, cache) == "200 hit"
    # Each process's own memory is not shared: the default computes the page again.
    assert _serve_once(migrated_database_url, "memory") == "200 miss"


@pytest.mark.parametrize("value", ["redis://localhost:6379/0", "file:relative/folder"])
def test_an_unknown_cache_is_refused_in_one_line(value, tmp_path):
    done = run_politzek("init", db=f"sqlite:///{tmp_path / 'x.db'}", env={"POLITZEK_CACHE": value})
    assert done.returncode == 2
    assert "POLITZEK_CACHE" in done.stderr and repr(value) in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


def test_a_bad_sqlite_web_cache_size_is_refused_in_one_line(tmp_path):
    done = run_politzek("init", db=f"sqlite:///{tmp_path / 'x.db'}", env={"POLITZEK_SQLITE_WEB_CACHE_MB": "lots"})
    assert done.returncode == 2 and "POLITZEK_SQLITE_WEB_CACHE_MB='lots'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_memory_cache_size_is_refused_in_one_line(tmp_path):
    done = run_politzek("init", db=f"sqlite:///{tmp_path / 'x.db'}", env={"POLITZEK_CACHE_MEMORY_MB": "0"})
    assert done.returncode == 2 and "POLITZEK_CACHE_MEMORY_MB='0'" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value, trusted", [(None, ""), ("", ""), ("10.0.0.5, 10.0.0.6", "10.0.0.5,10.0.0.6")])
def test_forwarded_headers_are_believed_only_from_named_proxies(monkeypatch, value, trusted):
    from politzek.server import trusted_proxies

    if value is None:
        monkeypatch.delenv("POLITZEK_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("POLITZEK_TRUSTED_PROXIES", value)
    assert trusted_proxies() == trusted  # gunicorn's default would be "127.0.0.1,::1"
