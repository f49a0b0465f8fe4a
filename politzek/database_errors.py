"""Database conditions that are nobody's bug and deserve one line, not a traceback: the
database busy with another writer, its disk full, or it read-only. The command line prints
the line (exit 1); the web answers 503 with it (JSON on the API), with Retry-After when
waiting helps."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from django.db import DatabaseError
from django.utils.translation import gettext_noop

# The messages are marked for translation: the web shows them in the reader's language.
gettext_noop("the disk is full: free some space, then try again")
gettext_noop("the database is busy with another import or write; try again when it has finished")
gettext_noop("the disk holding the database is full: free some space, then try again")
gettext_noop("the database is read-only (its file, folder or server refuses writes)")
gettext_noop("the server is too busy to answer this now; try again in a minute")
gettext_noop("the disk holding the database cannot be read or written (an I/O error); try again later")
gettext_noop("the database cannot be opened (its file or folder is missing or refuses access)")

BUSY = ("database is locked", "database table is locked", "could not obtain lock", "deadlock detected",
        "canceling statement due to lock timeout")
DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
# A web request's query stopped by its statement timeout (database.configure_web_connections).
OVERLOADED = ("canceling statement due to statement timeout",)
# SQLite's words for a disk that fails under it, and for a file it cannot open at all.
DISK_ERROR = ("disk i/o error", "input/output error")
CANNOT_OPEN = ("unable to open database file", "could not connect to server", "connection refused",
               "no such file or directory")
READ_ONLY = ("attempt to write a readonly database", "read-only transaction", "readonly database",
             "read-only file system")


@dataclass(frozen=True)
class Trouble:
    message: str
    retry_after: int | None  # seconds, when trying again later can help


def database_trouble(error: BaseException) -> Trouble | None:
    """The one-line account of a database error that is a condition, not a bug; None otherwise."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return Trouble("the disk is full: free some space, then try again", None)
    if not isinstance(error, DatabaseError):
        return None
    text = str(error).lower()
    if any(sign in text for sign in BUSY):
        return Trouble("the database is busy with another import or write; try again when it has finished", 30)
    if any(sign in text for sign in OVERLOADED):
        return Trouble("the server is too busy to answer this now; try again in a minute", 60)
    if any(sign in text for sign in DISK_FULL):
        return Trouble("the disk holding the database is full: free some space, then try again", None)
    if any(sign in text for sign in READ_ONLY):
        return Trouble("the database is read-only (its file, folder or server refuses writes)", None)
    if any(sign in text for sign in DISK_ERROR):
        return Trouble("the disk holding the database cannot be read or written (an I/O error); try again later",
                       60)
    if any(sign in text for sign in CANNOT_OPEN):
        return Trouble("the database cannot be opened (its file or folder is missing or refuses access)", 60)
    return None
