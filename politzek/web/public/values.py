"""Free-text values (regions, occupations) and tags in the page's language, from
web/data/values.toml; anything not listed is shown as written."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from politzek.registry.visibility import NOT_SHOWN

VALUES_FILE = Path(__file__).resolve().parent.parent / "data" / "values.toml"


@cache
def _values() -> dict[str, dict[str, dict[str, str]]]:
    with VALUES_FILE.open("rb") as handle:
        return tomllib.load(handle)


def value_label(kind: str, value: str, language: str | None = None) -> str:
    """`value` of this kind ("region", "occupation", "tag") in the page's language."""
    if not value:
        return value
    if value == NOT_SHOWN:  # the people of values only hidden people hold (flows/figures.py)
        return str(_("other (not shown)"))
    language = (language or get_language() or "en").split("-")[0]
    forms = _values().get(kind, {}).get(value)
    if forms is None:
        return value
    return forms.get(language, value)


def known_values(kind: str) -> dict[str, dict[str, str]]:
    return _values().get(kind, {})
