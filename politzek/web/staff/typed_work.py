"""A documenter's typed work survives the end of their session. When a form is sent after the
session expired (or after signing out in another tab), what was typed is kept in the new,
anonymous session, the user signs in again, and the same form comes back filled, not saved,
for them to check and save.

Kept only for the user who typed it: every staff form carries its user's name, signed with
the server's key (`_typed_by`), and the kept work is given back only to that user, within
KEPT_SECONDS; another person signing in on the same browser gets an empty form. Files are
not kept (a browser never sends one again by itself)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

KEPT_SECONDS = 24 * 3600
FIELD = "_typed_by"
_SALT = "politzek.typed-by"
_NOT_KEPT = {"csrfmiddlewaretoken", FIELD}


def context(request: HttpRequest) -> dict[str, Any]:
    """The signed name every staff form carries (a template context processor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"typed_by": signing.dumps(user.get_username(), salt=_SALT)}


def _key(request: HttpRequest) -> str:
    return f"typed-work:{request.path}"


def keep(request: HttpRequest) -> bool:
    """Keep a form sent without a session, if it says who typed it; True when kept."""
    try:
        typed_by = signing.loads(request.POST.get(FIELD, ""), salt=_SALT, max_age=KEPT_SECONDS)
    except signing.BadSignature:
        return False
    data = {name: request.POST.getlist(name) for name in request.POST if name not in _NOT_KEPT}
    request.session[_key(request)] = {"by": typed_by, "at": time.time(), "data": data}
    return True


def restore(request: HttpRequest) -> None:
    """Give back the work kept for this page to the user who typed it: as the request's form
    data (a GET: the page shows the form filled, and saves nothing until it is sent)."""
    kept = request.session.pop(_key(request), None)
    if not kept or kept.get("by") != request.user.get_username() or time.time() - kept["at"] > KEPT_SECONDS:
        return
    data = QueryDict(mutable=True)
    for name, values in kept["data"].items():
        data.setlist(name, values)
    data._mutable = False
    request.POST = data  # type: ignore[assignment]
    messages.info(request, _("Your session had ended: what you typed was kept. Check it, then save."))
