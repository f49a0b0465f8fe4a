"""Where the registry lives: a database URL from `--db`, `POLITZEK_DATABASE_URL` or the
default SQLite file `./politzek.db`, turned into Django's DATABASES setting."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

DATABASE_URL_VARIABLE = "POLITZEK_DATABASE_URL"
DEFAULT_SQLITE_FILE = "politzek.db"
SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3": "SQLite",
    "django.db.backends.postgresql": "PostgreSQL",
}


class DatabaseURLError(ValueError):
    """A database URL politzek cannot use; the message names the URL and what to write."""


def database_url() -> str:
    """The configured URL, or the default SQLite file in the current directory."""
    url = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if url:
        return url
    return f"sqlite:///{Path(DEFAULT_SQLITE_FILE).resolve()}"


BUSY_TIMEOUT_VARIABLE = "POLITZEK_BUSY_TIMEOUT"


def busy_timeout() -> float:
    """Seconds a SQLite writer waits for another writer (POLITZEK_BUSY_TIMEOUT, default 15)."""
    text = os.environ.get(BUSY_TIMEOUT_VARIABLE, "").strip()
    try:
        return max(0.0, float(text)) if text else 15.0
    except ValueError:
        raise DatabaseURLError(f"{BUSY_TIMEOUT_VARIABLE}={text!r} is not a number of seconds") from None


def database_settings(url: str) -> dict[str, Any]:
    """Django's settings for one database URL (SQLite or PostgreSQL)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    try:
        config = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as error:  # dj-database-url raises several types for bad URLs
        raise DatabaseURLError(f"database URL {url!r} cannot be read: {error}") from None
    engine = config.get("ENGINE")
    if engine not in SUPPORTED_ENGINES:
        raise DatabaseURLError(
            f"database URL {url!r} is not SQLite or PostgreSQL; write "
            "sqlite:////absolute/path.db or postgresql://user@host:5432/name"
        )
    if engine == "django.db.backends.sqlite3":
        if not config.get("NAME") or config["NAME"] == ":memory:":
            raise DatabaseURLError(
                f"database URL {url!r} names no file; write sqlite:////absolute/path.db"
            )
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets the web server read while an import writes; IMMEDIATE avoids the
            # "database is locked" upgrade failure between concurrent writers.
            "init_command": sqlite_init_command(BATCH_CACHE_MB),
            "transaction_mode": "IMMEDIATE",
            # A writer waits this long for another (an import holds the lock throughout)
            # before "database is locked", which database_errors.py turns into one line.
            "timeout": busy_timeout(),
        }
    return config


# SQLite's page cache, per connection. Imports, refreshes and reports read and write millions
# of rows in one connection: 128 MB keeps their indexes in memory. A web request opens its own
# connection (CONN_MAX_AGE=0) and reads little: each of a worker's threads holding 128 MB
# made workers 500–770 MB resident on 100,000 people; the operating system's file cache,
# shared by every process, serves those reads as well. 8 MB a thread still left workers at
# 155–175 MB after list, search and API requests, 2 MB at 131–145 MB, with no difference in
# speed measurable on the shared benchmark machine (bench/README.md, issue 23).
BATCH_CACHE_MB = 128
WEB_CACHE_MB = 2
WEB_CACHE_VARIABLE = "POLITZEK_SQLITE_WEB_CACHE_MB"
# The longest a web request's query may run on PostgreSQL.
WEB_STATEMENT_SECONDS = 15
WEB_STATEMENT_VARIABLE = "POLITZEK_WEB_STATEMENT_SECONDS"


def sqlite_init_command(cache_mb: int) -> str:
    return f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{cache_mb * 1024};"


def configure_web_connections() -> None:
    """What the web server's new connections use (call before serving; a request opens its
    own connection): on SQLite the small page cache; on PostgreSQL a statement timeout, so that
    one runaway query (seen: a search facet planned over every charge, 50 s under load on
    100,000 people) answers 503 instead of holding a worker thread and the database's cores."""
    from django.db import connections

    settings = connections["default"].settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        settings["OPTIONS"]["init_command"] = sqlite_init_command(web_cache_mb())
    else:
        settings.setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={web_statement_seconds() * 1000}"


def web_statement_seconds() -> int:
    """POLITZEK_WEB_STATEMENT_SECONDS, else WEB_STATEMENT_SECONDS."""
    return _whole_number(WEB_STATEMENT_VARIABLE, WEB_STATEMENT_SECONDS, 3600, "seconds")


def web_cache_mb() -> int:
    """POLITZEK_SQLITE_WEB_CACHE_MB, else WEB_CACHE_MB."""
    return _whole_number(WEB_CACHE_VARIABLE, WEB_CACHE_MB, 4096, "megabytes")


def _whole_number(variable: str, default: int, most: int, unit: str) -> int:
    """A whole number from 1 to `most` in the environment, else `default`; a bad value is
    refused in one line naming the variable and the value."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise DatabaseURLError(f"{variable}={text!r} is not a number of {unit} from 1 to {most}")
    return int(text)


def describe(url: str) -> str:
    """A URL fit to print: the engine and place, never the password."""
    config = database_settings(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"SQLite file {config['NAME']}"
    host = config.get("HOST") or "local socket"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"PostgreSQL database {config['NAME']} on {host}{port}"


def update_planner_statistics() -> None:
    """Let the database's query planner know the tables' sizes and spreads, after bulk loads.

    Without them SQLite planned a search's facet by scanning all 700,000 events of the demo
    through the visibility index instead of looking up the 3,400 people found (0.28 s against
    0.012 s). SQLite reads every index whole (analysis_limit=0; 1.6 s at 100,000 people and
    700,000 events): a sample of 1,000 rows told it that each visibility holds about 1,000
    events, and vetting's record loading again scanned all public events through that index
    (0.18 s against 0.03 s for each 2,000 people). PostgreSQL's ANALYZE samples and is right.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=0")
        cursor.execute("ANALYZE")


def keep_sqlite_files_private(sender: Any, connection: Any, **kwargs: Any) -> None:
    """A SQLite registry file (and its -wal and -shm side files, which hold recent writes)
    readable by its owner alone (0600), like the secret key: it holds every confidential
    record and private field. Run on each new connection (Django's connection_created)."""
    if connection.vendor != "sqlite":
        return
    database = Path(connection.settings_dict["NAME"])
    for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        try:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:  # not created yet, or not ours to change: nothing to tighten
            pass
