"""Write a letter: one page per person held, with the envelope in the form the country's post
and prison mail need (the name in the local script with the year of birth, the institution's
official name, the address in the local script, the country in Latin letters for the sender's
post office), printable as is, and the advice of web/data/letters.toml for that country, each
piece with its source."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from politzek.flows.person_summaries import person_summary
from politzek.registry.models import Facility
from politzek.registry.queries import NotFound
from politzek.registry.status import DIED, DISAPPEARED, HOUSE_ARREST, RELEASED
from politzek.registry.visibility import Viewer
from politzek.web.public.name_order import reading_order, script_of

LETTERS_FILE = Path(__file__).resolve().parent.parent / "data" / "letters.toml"


@cache
def guidance() -> dict[str, Any]:
    with LETTERS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def _local_name(names: list[dict[str, Any]], fallback: str, language: str = "") -> tuple[str, str]:
    """The name in the script the country's post reads (Cyrillic for BY, RU, UA) — in the
    envelope's `language` when the record has it that way — else the first; and the language it
    is written in, when recorded."""
    cyrillic = [n for n in names if script_of(n["name"], n["script"]) == "Cyrl"]
    cyrillic.sort(key=lambda n: (n.get("language") or "") != language)  # stable: primary first among equals
    return (cyrillic[0]["name"], cyrillic[0].get("language") or "") if cyrillic else (fallback, "")


def address_language(facility: Facility) -> str:
    """The language the facility's address is written in: Belarusian when a letter only
    Belarusian has is in it, Russian otherwise (an envelope keeps to one language)."""
    parts = " ".join((facility.name_local, facility.street_local, facility.town_local, facility.region_local))
    return "be" if _BELARUSIAN_LETTERS.search(parts) else "ru"


def where_to_write(detail: dict[str, Any]) -> dict[str, Any] | None:
    """Where a person in custody receives letters: the facility of their latest dated event
    that names one (person_detail's timeline is in date order). Nowhere for a person under
    house arrest: the prison they were in before no longer passes letters on."""
    if not detail["in_custody"] or detail.get("stale") or detail.get("status") == HOUSE_ARREST:
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


def no_address(detail: dict[str, Any]) -> str:
    """Why the registry gives no address to write to, in words that fit the person's status."""
    status = detail.get("status")
    if status == HOUSE_ARREST:
        return str(_("This person is under house arrest by the registry's record. Do not write to a prison: "
                     "write to the home address only if the family or a human-rights group publishes it, "
                     "and remember that mail to a person under house arrest may be read too."))
    if detail["in_custody"] and detail.get("stale"):
        return str(_("The registry's latest information about this person is as of %(month)s: a prison address "
                     "that old may no longer be right, so none is given. Human-rights groups that support "
                     "political prisoners may know where the person is held now.")
                   % {"month": (detail.get("information_as_of") or "")[:7]})
    if detail["in_custody"]:
        return str(_("The registry does not know where this person is held now, so it cannot give an address. "
                     "Human-rights groups that support political prisoners may know it."))
    if status == RELEASED and detail.get("release_mode") == "deported":
        return str(_("This person was released and sent out of the country by the registry's record: there is "
                     "no prison address. Groups that support former political prisoners may pass a message on."))
    if status == RELEASED:
        return str(_("This person has been released by the registry's record: there is no prison address to "
                     "write to. Groups that support former political prisoners may pass a message on."))
    if status == DIED:
        return str(_("This person died, by the registry's record. No letter can reach them; the groups that "
                     "documented the case may be able to reach the family."))
    if status == DISAPPEARED:
        return str(_("Where this person is held is unknown (an enforced disappearance, by the registry's "
                     "record): no address can be given. Human-rights groups campaign to learn it."))
    return str(_("The registry does not record this person as held: there is no prison address to write to."))


def envelope_language(country: str, name: str, name_language: str = "") -> str:
    """The one language an envelope is written in: the groups that run letter campaigns write a
    Belarusian address in Russian or in Belarusian (the language given — the address's — else
    as the name is written: a letter only Belarusian has), a Russian one in Russian — never the
    reader's page language."""
    if country.upper() != "BY":
        return "ru"
    if name_language in ("be", "ru"):
        return name_language
    return "be" if _BELARUSIAN_LETTERS.search(name) else "ru"


_BELARUSIAN_LETTERS = re.compile("[іўІЎ]")


def envelope(facility: Facility, name: str, birth_year: int | None, name_language: str = "") -> list[str]:
    """The envelope's lines for this country (letters.toml), or the address as recorded."""
    country = guidance().get(facility.country.upper(), {})
    born = ""
    if birth_year and country.get("born"):
        language = envelope_language(facility.country, name, name_language)
        born = country["born"].get(language, country["born"].get("ru", "")).format(year=birth_year)
    parts = {"name": name, "born": born, "institution": facility.name_local or facility.name,
             "street": facility.street_local, "town": facility.town_local, "region": facility.region_local,
             "postcode": facility.postcode}
    if not country.get("envelope") or not (facility.street_local or facility.town_local):
        # No address in parts: the name, then the address as one text.
        return [line for line in (name + born, facility.name_local, facility.postal_address) if line]
    lines = [template.format(**parts).strip(" ,") for template in country["envelope"]]
    return [line for line in lines if line and line not in ("Кому:", "Куда:")]


def advice(country: str, language: str, status: str | None = None) -> list[dict[str, str]]:
    """The country's advice that applies to a person of this status (`applies_to` in
    letters.toml: parcels to pre-trial detention only), each with its source and the site that
    published it."""
    items = guidance().get(country.upper(), {}).get("advice", [])
    return [{"text": item.get(language) or item["en"], "source": item["source"], "publisher": publisher(item["source"])}
            for item in items if status is None or status in item.get("applies_to", (status,))]


def publisher(url: str) -> str:
    """The site that published a source, as its address names it: libereco.org, memopzk.org."""
    host = urlsplit(url).hostname or url
    return re.sub(r"^(?:www|en)\.", "", host)


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
    if facility is None:
        context["no_address"] = no_address(detail)
    else:
        written = address_language(facility) if (facility.street_local or facility.town_local) else ""
        local, local_language = _local_name(detail["names"], shown, written)
        context["envelope"] = envelope(facility, local, int(born) if born else None, written or local_language)
        context["advice"] = advice(facility.country or detail["country"], language, detail.get("status"))
        context["latin"] = [line for line in (facility.street_latin, " ".join(
            part for part in (facility.postcode, facility.town_latin) if part), facility.region_latin) if line]
    return render(request, "web/letter.html", context)
