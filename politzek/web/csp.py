"""The Django admin runs its own scripts (from this server); nothing else on the site may run
any. Sits after django-csp's middleware, so it marks the admin's responses before the policy
header is written."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class AdminScriptsOnly:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"script-src": ["'self'"]}  # type: ignore[attr-defined]
        return response
