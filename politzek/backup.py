"""Consistent snapshots of the whole registry, history included, and their restoration.

SQLite: the online backup API copies a consistent snapshot while the server keeps writing
(WAL lets readers and one writer work at once). PostgreSQL: `pg_dump --format=custom`, which
reads inside one repeatable-read transaction, and `pg_restore --single-transaction`.
A backup restores into the same kind of database it came from.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# A politzek database has these tables; anything else is not a registry backup.
REQUIRED_TABLES = {"registry_person", "registry_event", "django_migrations"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message names the file and the reason."""


def backup(settings: dict[str, Any], out: Path) -> str:
    """Write a snapshot of the database to `out`; returns a one-line description."""
    if out.exists():
        raise BackupError(f"{out}: already exists; choose a new file name (a backup never overwrites)")
    if not out.parent.is_dir():
        raise BackupError(f"{out}: folder {out.parent} does not exist")
    if _is_sqlite(settings):
        return _backup_sqlite(Path(settings["NAME"]), out)
    return _backup_postgresql(settings, out)


def restore(settings: dict[str, Any], source: Path, replace: bool) -> str:
    """Replace the database's contents with the snapshot in `source`."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    with source.open("rb") as handle:
        header = handle.read(16)
    if _is_sqlite(settings):
        if not header.startswith(SQLITE_MAGIC):
            kind = "a PostgreSQL dump" if header.startswith(PG_DUMP_MAGIC) else "not an SQLite database"
            raise BackupError(f"{source}: is {kind}; this registry is SQLite and restores SQLite backups only")
        _check_sqlite_registry(source)
        return _restore_sqlite(source, Path(settings["NAME"]), replace)
    if not header.startswith(PG_DUMP_MAGIC):
        kind = "an SQLite database" if header.startswith(SQLITE_MAGIC) else "not a pg_dump custom-format file"
        raise BackupError(f"{source}: is {kind}; this registry is PostgreSQL and restores pg_dump backups only")
    return _restore_postgresql(settings, source, replace)


def _is_sqlite(settings: dict[str, Any]) -> bool:
    return settings["ENGINE"] == "django.db.backends.sqlite3"


def _private_file(path: Path) -> Path:
    """An empty file only its owner may read (0600) for a backup to be written into: a
    registry's backup holds every confidential record and private field."""
    path.unlink(missing_ok=True)
    path.touch(mode=0o600)
    os.chmod(path, 0o600)
    return path


# --- SQLite ---------------------------------------------------------------------------------


def _backup_sqlite(database: Path, out: Path) -> str:
    if not database.exists():
        raise BackupError(f"{database}: the database file does not exist; run `politzek init` first")
    partial = _private_file(out.with_name(out.name + ".partial"))
    source = sqlite3.connect(database)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)  # one step: a single consistent snapshot
        # A backup is one self-contained file, not a WAL database with side files.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()
    # Renamed only once complete, so a file named `out` is always a whole backup.
    partial.rename(out)
    return f"SQLite snapshot of {database} written to {out}"


def _check_sqlite_registry(source: Path) -> None:
    try:
        with sqlite3.connect(source) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source}: cannot be read as SQLite: {error}") from None
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(f"{source}: is not a politzek backup (no {', '.join(sorted(missing))} table)")
    if integrity != "ok":
        raise BackupError(f"{source}: fails SQLite's integrity check: {integrity}")


def _has_people_sqlite(database: Path) -> bool:
    if not database.exists():
        return False
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        try:
            return connection.execute("SELECT EXISTS (SELECT 1 FROM registry_person)").fetchone()[0] == 1
        except sqlite3.OperationalError:
            return False


def _restore_sqlite(source: Path, database: Path, replace: bool) -> str:
    if _has_people_sqlite(database) and not replace:
        raise BackupError(f"{database}: the registry is not empty; add --replace to overwrite it with {source}")
    database.parent.mkdir(parents=True, exist_ok=True)
    reader = sqlite3.connect(source)
    target = sqlite3.connect(database)
    try:
        # The backup API replaces the target's pages under one lock: readers see the old
        # registry or the restored one, never a mixture.
        reader.backup(target)
    finally:
        target.close()
        reader.close()
    return f"{database} restored from {source}"


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_tool(name: str) -> str:
    """The pg_dump / pg_restore binary: POLITZEK_PG_BIN, then the newest installed version."""
    folder = os.environ.get("POLITZEK_PG_BIN")
    candidates = [os.path.join(folder, name)] if folder else []
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                         key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
                         reverse=True)
    found = shutil.which(name)
    if found:
        candidates.append(found)
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(f"{name} not found; install the PostgreSQL client (postgresql-client-15) or set POLITZEK_PG_BIN")


def _connection_arguments(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    arguments = ["--dbname", settings["NAME"]]
    if settings.get("HOST"):
        arguments += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        arguments += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        arguments += ["--username", str(settings["USER"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return arguments, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        message = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{what} failed: {message}")


def _backup_postgresql(settings: dict[str, Any], out: Path) -> str:
    arguments, env = _connection_arguments(settings)
    partial = _private_file(out.with_name(out.name + ".partial"))
    try:
        _run([_postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(partial), *arguments], env, f"pg_dump of {settings['NAME']}")
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(out)
    return f"PostgreSQL snapshot of {settings['NAME']} written to {out}"


def _restore_postgresql(settings: dict[str, Any], source: Path, replace: bool) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('registry_person') IS NOT NULL")
        has_tables = cursor.fetchone()[0]
        has_people = False
        if has_tables:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM registry_person)")
            has_people = cursor.fetchone()[0]
    if has_people and not replace:
        raise BackupError(f"{settings['NAME']}: the registry is not empty; add --replace to overwrite it with {source}")
    connection.close()
    arguments, env = _connection_arguments(settings)
    # --clean drops what the dump contains before recreating it, all in one transaction: a
    # failed restore leaves the registry as it was.
    _run([_postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", *arguments, str(source)], env,
         f"pg_restore of {source}")
    return f"{settings['NAME']} restored from {source}"
