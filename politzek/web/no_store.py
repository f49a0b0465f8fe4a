"""Pages that may hold restricted or confidential data are never kept by a browser's cache
or a proxy: every staff and admin page, and any page answered to a signed-in user (cleared
staff read confidential records on the public pages too). Anonymous public pages keep their
own caching."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

STAFF_PATHS = ("/staff/", "/admin/")


class NoStoreForStaff:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(STAFF_PATHS) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
            patch_cache_control(response, private=True)
        return response
