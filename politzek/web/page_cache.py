"""Anonymous public pages cached whole: a news spike is thousands of readers asking for the
same few pages. Keyed by method, scheme and host (feeds and calendars write absolute links:
an onion reader must not get the clearnet's), path with its query, language, the day and the
data version (every registry history table's latest row: data_version below), so a change to
any record shows on the next request and nothing stale is served. No header tells a visitor
whether a page was kept: a hit would tell that someone asked for that page (a name searched)
before them. Tests read `response.politzek_cache` instead, which is never sent. The API's
anonymous answers are pages like the others. Staff, signed-in users, API tokens and any
answer that sets a cookie bypass it.
Django's cache framework holds the pages (POLITZEK_CACHE: memory per worker by default, a
folder shared by one server's workers, or the database shared by every app server)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from politzek.flows import data_state
from politzek.web.no_store import is_private

# The attribute on a response that says, in-process only, whether the cache answered.
CACHE_MARK = "politzek_cache"


def data_version() -> str:
    """The latest history row of every registry table (flows.data_state, one query per
    request): any tracked change to any record moves it."""
    return data_state.current().version


class PageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.POLITZEK_PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD") \
                or is_private(request) or request.path.startswith("/static/"):
            return self.get_response(request)
        cache = caches[settings.POLITZEK_PAGE_CACHE]
        # Today too: /this-week/, terms overdue and default date spans move at midnight.
        key = "page:" + hashlib.sha256(f"{request.method}|{request.scheme}|{request.get_host()}|{get_language()}|"
                                       f"{dt.date.today()}|{data_version()}|{request.get_full_path()}"
                                       .encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            setattr(response, CACHE_MARK, "hit")
            return response
        response = self.get_response(request)
        if response.status_code in (200, 404) and not response.streaming and not response.cookies \
                and not is_private(request):
            headers = [(name, value) for name, value in response.items()
                       if name.lower() in ("content-type", "content-language", "vary", "content-disposition")]
            cache.set(key, (response.status_code, headers, response.content), settings.POLITZEK_PAGE_CACHE_SECONDS)
        setattr(response, CACHE_MARK, "miss")
        return response
