"""Organizations known by code (data/organizations.toml): the name, kind and country a
recognition's organization gets when an import or a deal names it by code alone."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from politzek.registry import models as m


@cache
def known_organizations() -> dict[str, dict[str, Any]]:
    text = resources.files("politzek.registry").joinpath("data/organizations.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["organizations"]


def known_code(text: str) -> str | None:
    """The code of the known organization a text names: its code, name or an alias, any case."""
    wanted = text.strip().casefold()
    for code, spec in known_organizations().items():
        if wanted in {code.casefold(), str(spec.get("name", "")).casefold(),
                      *(str(a).casefold() for a in spec.get("aliases", ()))}:
            return code
    return None


def organization_defaults(code: str) -> dict[str, Any]:
    """The model fields of a known organization (its aliases are for reading files only)."""
    return {key: value for key, value in known_organizations().get(code, {}).items() if key not in ("aliases", "names")}


def organization_name(code: str, name: str = "") -> str:
    """The name to show for an organization in the active language: a known organization's own
    name in that language, else the name recorded, unless that is only its code."""
    from django.utils.translation import get_language

    known = known_organizations().get(code, {})
    translated = known.get("names", {}).get((get_language() or "en").split("-")[0])
    if translated and (not name or name in (code, known.get("name"))):
        return str(translated)
    if name and name != code:
        return name
    return str(known.get("name") or name or code)


def organization_for(code: str, defaults: dict[str, Any] | None = None) -> m.Organization:
    """The organization with this code, created with the known name (or `defaults`) when new.
    One created earlier under its bare code gets the known name now."""
    spec = {**organization_defaults(code), **(defaults or {})}
    spec.setdefault("name", code)
    spec.setdefault("kind", m.Organization.Kind.HUMAN_RIGHTS)
    organization, created = m.Organization.objects.get_or_create(code=code, defaults=spec)
    if not created and organization.name == code and spec["name"] != code:
        organization.name = spec["name"]
        organization.save()
    return organization
