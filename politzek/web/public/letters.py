"""Write a letter: one page per person held, with the envelope in the form the country's post
and prison mail need (the name in the local script with the year of birth, the institution's
official name, the address in the local script, the country in Latin letters for the sender's
post office), printable as is, and the advice of web/data/letters.toml for that country, each
piece with its source."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from politzek.flows.person_summaries import person_summary
from politzek.registry.models import Facility
from politzek.registry.queries import NotFound
from politzek.registry.visibility import Viewer
from politzek.web.public.name_order import reading_order, script_of

LETTERS_FILE = Path(__file__).resolve().parent.parent / "data" / "letters.toml"


@cache
def guidance() -> dict[str, Any]:
    with LETTERS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def _local_name(names: list[dict[str, Any]], fallback: str) -> str:
    """The name in the script the country's post reads (Cyrillic for BY, RU, UA), else the first."""
    cyrillic = [n["name"] for n in names if script_of(n["name"], n["script"]) == "Cyrl"]
    return cyrillic[0] if cyrillic else fallback


def where_to_write(detail: dict[str, Any]) -> dict[str, Any] | None:
    """Where a person in custody receives letters: the facility of their latest dated event
    that names one (person_detail's timeline is in date order)."""
    if not detail["in_custody"] or detail.get("stale"):
        # Information older than POLITZEK_STALE_AFTER_MONTHS: a prison address from a 2014 list
        # would send letters where the person may no longer be; the pages say why none is given.
        return None
    placed = [event for event in detail["events"] if event["facility_id"] and event["date"]]
    if not placed:
        return None
    latest = placed[-1]
    facility = Facility.objects.filter(pk=latest["facility_id"]).first()
    # The address in the local script when it is entered in parts; else the one text recorded.
    local = [line for line in (facility.name_local, facility.street_local, " ".join(
        part for part in (facility.postcode, facility.town_local) if part), facility.region_local) if line] \
        if facility is not None and (facility.street_local or facility.town_local) else []
    return {"id": latest["facility_id"], "name": latest["facility"], "address": latest["facility_address"],
            "local": local, "facility": facility}


def envelope(facility: Facility, name: str, birth_year: int | None, language: str) -> list[str]:
    """The envelope's lines for this country (letters.toml), or the address as recorded."""
    country = guidance().get(facility.country.upper(), {})
    born = ""
    if birth_year and country.get("born"):
        born = country["born"].get(language, country["born"].get("en", "")).format(year=birth_year)
    parts = {"name": name, "born": born, "institution": facility.name_local or facility.name,
             "street": facility.street_local, "town": facility.town_local, "region": facility.region_local,
             "postcode": facility.postcode}
    if not country.get("envelope") or not (facility.street_local or facility.town_local):
        # No address in parts: the name, then the address as one text.
        return [line for line in (name + born, facility.name_local, facility.postal_address) if line]
    lines = [template.format(**parts).strip(" ,") for template in country["envelope"]]
    return [line for line in lines if line and line not in ("Кому:", "Куда:")]


def advice(country: str, language: str) -> list[dict[str, str]]:
    items = guidance().get(country.upper(), {}).get("advice", [])
    return [{"text": item.get(language) or item["en"], "source": item["source"]} for item in items]


def letter(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    try:
        detail = person_summary(person_id, viewer)
    except NotFound:
        raise Http404("no such person") from None
    place = where_to_write(detail)
    facility = place["facility"] if place else None
    language = (get_language() or "en").split("-")[0]
    names = reading_order(detail["names"], lambda n: n["name"], lambda n: n["script"], lambda n: n["language"])
    shown = names[0]["name"] if names else f"#{person_id}"
    born = detail["birth_date"][:4] if detail["birth_date"] else None
    context: dict[str, Any] = {"person": detail, "name": shown, "facility": facility,
                               "shows_synthetic": detail["synthetic"]}
    if facility is not None:
        context["envelope"] = envelope(facility, _local_name(detail["names"], shown), int(born) if born else None,
                                       language)
        context["advice"] = advice(facility.country or detail["country"], language)
        context["latin"] = [line for line in (facility.street_latin, " ".join(
            part for part in (facility.postcode, facility.town_latin) if part), facility.region_latin) if line]
    return render(request, "web/letter.html", context)
