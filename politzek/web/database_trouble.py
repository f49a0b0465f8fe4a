"""A database that is busy, full or read-only answers 503 in one sentence (JSON on the API,
a plain page in the reader's language elsewhere), never a 500 with a traceback in the log.
The page is built without templates or the database, which may be what is failing."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import defaults

from politzek.database_errors import Trouble, database_trouble

log = logging.getLogger("politzek.web")


def unavailable(request: HttpRequest, trouble: Trouble) -> HttpResponse:
    log.warning("503 %s %s: %s", request.method, request.path, trouble.message)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": trouble.message}, status=503)
    else:
        title = _("The registry cannot answer right now")
        body = _(trouble.message)
        language = escape(getattr(request, "LANGUAGE_CODE", "en"))
        response = HttpResponse(
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(body)}</p></body></html>",
            status=503, content_type="text/html; charset=utf-8")
    if trouble.retry_after:
        response["Retry-After"] = str(trouble.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler for an exception nothing else handled (urls.handler500), wherever it
    was raised: in a view, or in a middleware before any view ran (the page cache reading the
    data's version, the API's token lookup, the session). Database trouble is then the same
    503 as from a view; anything else is Django's plain 500."""
    error = sys.exc_info()[1]
    trouble = database_trouble(error) if error is not None else None
    if trouble is not None:
        return unavailable(request, trouble)
    return defaults.server_error(request)


class DatabaseTroubleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        trouble = database_trouble(exception)
        return None if trouble is None else unavailable(request, trouble)
