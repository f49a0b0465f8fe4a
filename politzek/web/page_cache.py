"""Anonymous public pages cached whole: a news spike is thousands of readers asking for the
same few pages. Keyed by method, path with its query, language and the data version (every
registry history table's latest row: data_version below), so a change to any record shows on the
next request and nothing stale is served. Staff, signed-in users, API tokens and any answer
that sets a cookie bypass it. Django's cache framework holds the pages: local memory per worker
by default; a shared backend (Redis, memcached, the database) when CACHES says so (README)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from politzek.web.no_store import is_private

CACHE_HEADER = "X-Politzek-Cache"


def _history_tables() -> list[str]:
    from django.apps import apps

    tables = []
    for model in apps.get_app_config("registry").get_models():
        if model.__name__.startswith("Historical"):
            tables.append(model._meta.db_table)
    return sorted(tables)


_TABLES: list[str] = []


def data_version() -> str:
    """The latest history row of every registry table, read in one query: any tracked change
    to any record moves it. (flows.refresh.data_version follows only the tables the derived
    facts read, and only after a refresh.)"""
    global _TABLES
    if not _TABLES:
        _TABLES = _history_tables()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT MAX(history_id) FROM {quote(table)}" for table in _TABLES)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return ".".join(str(row[0] or 0) for row in cursor.fetchall())


class PageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.POLITZEK_PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD") \
                or is_private(request) or request.path.startswith(("/static/", "/api/")):
            return self.get_response(request)
        cache = caches[settings.POLITZEK_PAGE_CACHE]
        # Today too: /this-week/, terms overdue and default date spans move at midnight.
        key = "page:" + hashlib.sha256(f"{request.method}|{get_language()}|{dt.date.today()}|{data_version()}|"
                                       f"{request.get_full_path()}".encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code in (200, 404) and not response.streaming and not response.cookies \
                and not is_private(request):
            headers = [(name, value) for name, value in response.items()
                       if name.lower() in ("content-type", "content-language", "vary", "content-disposition")]
            cache.set(key, (response.status_code, headers, response.content), settings.POLITZEK_PAGE_CACHE_SECONDS)
        response[CACHE_HEADER] = "miss"
        return response
