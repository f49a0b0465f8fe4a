"""Who may enter the staff workspace: a signed-in, active user who passed their TOTP device
if they have one (TOTP is optional per user; once set up, it is always asked). The sign-in
page asked for is the one in the page's language, and a form sent after the session ended
is kept for its user to find filled again after signing in (typed_work.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp import user_has_device

from politzek.web.staff import typed_work


def is_staff_session(user: Any) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return not user_has_device(user) or user.is_verified()


View = Callable[..., HttpResponse]


def staff_required(permission: str | None = None) -> Callable[[View], View]:
    """A view for signed-in staff holding `permission` (403 for staff without it)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_staff_session(request.user):
                if request.method == "POST":
                    typed_work.keep(request)
                return redirect_to_login(request.get_full_path(), reverse("staff:login"))
            if permission and not request.user.has_perm(permission):
                raise PermissionDenied(f"needs the permission {permission}")
            if request.method == "GET":
                typed_work.restore(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
