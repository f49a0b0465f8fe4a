"""Who is calling the API: the user of a bearer token, else the signed-in session, else the
public. A token that is sent but not valid is refused (401), never treated as public."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from politzek.registry.visibility import Viewer
from politzek.web.models import ApiToken


def caller(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, token = header.partition(" ")
        user = ApiToken.user_for(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError()
        return user
    return request.user


def viewer(request: HttpRequest) -> Viewer:
    return Viewer.for_user(caller(request))


class TokenAuth(HttpBearer):
    """Required on writes: a valid token of an active user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return ApiToken.user_for(token)
