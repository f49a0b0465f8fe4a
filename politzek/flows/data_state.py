"""The state of the data, read in one query, once per public request.

Every public page asks the same questions before it reads anything: has any record changed
(the page cache's key), are the derived tables up to date (flows.refresh), and under which
version are counts, facets and rankings cached. Each used to be its own handful of queries
(six for the refresh check alone, again for every cache key). One UNION ALL query answers them
all: the newest history row of every registry table, how far the last refresh got, and the
organization codes the facts hold (organizations keep no history).

Within one GET or HEAD request the answer is read once and kept (a public read changes no
record; a refresh that writes forgets it). Outside requests, and in requests that may write
(POST…), it is read each time."""

from __future__ import annotations

import threading
import zlib
from dataclasses import dataclass

from django.core.signals import request_finished, request_started
from django.db import connection

_local = threading.local()


@dataclass(frozen=True)
class DataState:
    # history table name -> newest history_id (0 when empty)
    tops: dict[str, int]
    # flows.RefreshMark: table key -> history_id the last refresh reached
    marks: dict[str, int]
    # crc32 of "pk=code;…" over the organizations in pk order
    organizations: int

    @property
    def version(self) -> str:
        """Moves with any tracked change to any record, and with a changed organization code
        (organizations keep no history): the page cache's key."""
        return ".".join(str(top) for _table, top in sorted(self.tops.items())) + f".{self.organizations}"

    @property
    def refreshed(self) -> str:
        """The state the derived tables were last brought to: the key of what is cached from them."""
        return ";".join(f"{table}={top}" for table, top in sorted(self.marks.items()))


def _history_tables() -> list[str]:
    from django.apps import apps

    return sorted(model._meta.db_table for model in apps.get_app_config("registry").get_models()
                  if model.__name__.startswith("Historical"))


_SQL: dict[str, str] = {}


def _sql() -> str:
    if connection.vendor not in _SQL:
        from politzek.flows.models import RefreshMark
        from politzek.registry.models import Organization

        quote = connection.ops.quote_name
        parts = [f"SELECT 'h', '{table}', MAX(history_id), NULL FROM {quote(table)}" for table in _history_tables()]
        parts.append(f"SELECT 'm', {quote('table')}, history_id, NULL FROM {quote(RefreshMark._meta.db_table)}")
        parts.append(f"SELECT 'o', NULL, id, code FROM {quote(Organization._meta.db_table)}")
        _SQL[connection.vendor] = " UNION ALL ".join(parts)
    return _SQL[connection.vendor]


def _read() -> DataState:
    tops: dict[str, int] = {}
    marks: dict[str, int] = {}
    codes: list[tuple[int, str]] = []
    with connection.cursor() as cursor:
        cursor.execute(_sql())
        for part, name, number, code in cursor.fetchall():
            if part == "h":
                tops[name] = number or 0
            elif part == "m":
                marks[name] = number
            else:
                codes.append((number, code))
    fingerprint = zlib.crc32(";".join(f"{pk}={code}" for pk, code in sorted(codes)).encode())
    return DataState(tops, marks, fingerprint)


def current() -> DataState:
    """The data's state: once per read-only request, every time elsewhere."""
    if not getattr(_local, "read_only_request", False):
        return _read()
    state = getattr(_local, "state", None)
    if state is None:
        state = _local.state = _read()
    return state


def forget() -> None:
    """Called after a refresh writes its marks: the next question reads the state again."""
    _local.state = None


def _request_started(sender: object, environ: dict | None = None, **kwargs: object) -> None:
    _local.state = None
    _local.read_only_request = bool(environ) and environ.get("REQUEST_METHOD") in ("GET", "HEAD")


def _request_finished(sender: object, **kwargs: object) -> None:
    _local.state = None
    _local.read_only_request = False


request_started.connect(_request_started, dispatch_uid="politzek.flows.data_state.started")
request_finished.connect(_request_finished, dispatch_uid="politzek.flows.data_state.finished")
