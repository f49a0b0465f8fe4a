"""Pages that may hold restricted or confidential data are never kept by a browser's cache
or a proxy: every staff and admin page (in every language: /staff/, /ru/staff/…), and any page
answered to a signed-in user (cleared staff read confidential records on the public pages
too). Anonymous public pages are cacheable: `public`, a short max-age and revalidation by ETag
(page_cache.py), so a reverse proxy or CDN can carry a news spike."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

# /staff/…, /admin/…, and the staff pages under a language prefix (/ru/staff/…).
STAFF_PATH = re.compile(r"^/(?:[a-z]{2}/)?(?:staff|admin)/")


def is_staff_path(path: str) -> bool:
    return bool(STAFF_PATH.match(path))


def is_private(request: HttpRequest) -> bool:
    """Whether the answer to this request may hold what only its reader may see."""
    user = getattr(request, "user", None)
    return (is_staff_path(request.path) or (user is not None and user.is_authenticated)
            or "HTTP_AUTHORIZATION" in request.META)


class NoStoreForStaff:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
            patch_cache_control(response, private=True)
        elif request.method in ("GET", "HEAD") and response.status_code == 200 and not response.cookies \
                and "Cache-Control" not in response:
            # A proxy may keep it briefly and must ask again (ETag) after; it may serve the old
            # copy while it asks, which is what carries a spike.
            patch_cache_control(response, public=True, max_age=settings.POLITZEK_PUBLIC_MAX_AGE,
                                stale_while_revalidate=settings.POLITZEK_PUBLIC_STALE_SECONDS)
        return response
