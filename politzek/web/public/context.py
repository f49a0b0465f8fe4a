"""What every public page's template gets: links to the same page in each language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def language_links(request: HttpRequest) -> dict[str, Any]:
    """The current URL in every language (plain links: no form, no cookie, no JavaScript)."""
    path = request.get_full_path()
    return {"language_links": [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]}
