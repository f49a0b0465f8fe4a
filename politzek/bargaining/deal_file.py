"""A deal described in a TOML file, checked and written to the registry by `politzek deals
add`: what was agreed, who was released (a registry person by id, or by name, linked through
the matcher when exactly one person fits), what was conceded, and the sources.

    name = "Release for concessions, September 2025"
    date = "2025-09-11"
    kind = "concession_release"          # exchange, concession_release, amnesty, pardon_wave
    parties = ["BY", "US"]               # the holding state first
    mediator = ""
    [[sources]]
    url = "https://example.org/statement"
    title = "Statement"
    [[released]]
    person = 123                         # or: name = "…", birth_date = "1980"
    direction = "released_by_regime"     # or returned_to_regime
    destination = "LT"
    event = "released_pardon"            # optional: the release event's kind (default from the deal's kind)
    [[concessions]]
    kind = "sanctions_relief"
    program = "US Belarus sanctions"
    entity = "the national airline"
    value_usd = 50000000                 # or a range: value_usd_low = 2e9, value_usd_high = 3e9
    basis = "per_year"                   # one_off, per_year, export_value, relief_value (optional)
    counterparty = "US"
    source = "https://example.org/relief"

Nothing is written unless the whole file is valid; errors name the file, the entry and the value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from politzek.names.lists import Entry, cross_match
from politzek.nesting import TooDeep, parsed_with_bounded_nesting
from politzek.registry import models as m
from politzek.registry.candidates import candidates_for
from politzek.registry.countries import citizenships_in
from politzek.registry.event_kinds import event_kinds
from politzek.registry.history import recorded_change
from politzek.registry.partial_date import PartialDate, PartialDateError
from politzek.registry.visibility import Viewer, visible_events, visible_people
from politzek.registry.writes import reuse_or_create

KINDS = [choice for choice, _label in m.Deal.Kind.choices]
DIRECTIONS = [choice for choice, _label in m.DealRelease.Direction.choices]
CONCESSION_KINDS = [choice for choice, _label in m.Concession.Kind.choices]
BASES = [choice for choice, _label in m.Concession.Basis.choices]
CONCESSION_KEYS = {"kind", "description", "program", "entity", "value_usd", "value_usd_low", "value_usd_high", "basis",
                   "counterparty", "source"}
# The release event a deal writes for each person it releases, by the deal's kind. The
# Belarusian releases for concessions were pardons in form (the people were then taken
# abroad, which the event's description and the release's destination say).
RELEASE_EVENT = {"exchange": "released_exchange", "concession_release": "released_pardon",
                 "pardon_wave": "released_pardon", "amnesty": "released_other"}
RELEASE_KINDS = sorted(code for code, kind in event_kinds().items() if kind.custody == "leave" and not kind.death)


class DealFileError(ValueError):
    """A deal file that cannot be recorded; the message says where and what."""


@dataclass
class Linked:
    """What became of each released person of the file."""

    linked: list[tuple[str, int]] = field(default_factory=list)  # (as listed, person id)
    unlinked: list[tuple[str, str]] = field(default_factory=list)  # (as listed, why)
    # Release events: written (or an existing one linked to the deal), and those not written.
    events: list[tuple[str, int, str]] = field(default_factory=list)  # (as listed, person id, kind)
    no_event: list[tuple[str, int, str]] = field(default_factory=list)  # (as listed, person id, why)
    merged: list[tuple[str, str, str]] = field(default_factory=list)  # (entry dropped, entry kept, why)


def _country(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str) or len(value) != 2 or not value.isalpha():
        raise DealFileError(f"{path}: {where}: {value!r} is not a two-letter country code")
    return value.upper()


def _text(path: Path, where: str, value: Any, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise DealFileError(f"{path}: {where}: missing; it is required")
        return ""
    if not isinstance(value, str):
        raise DealFileError(f"{path}: {where}: {value!r} is not text")
    return value.strip()


def _date(path: Path, where: str, value: Any) -> PartialDate | None:
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(str(value))
    except PartialDateError as error:
        raise DealFileError(f"{path}: {where}: {value!r}: {error}") from None


def _choice(path: Path, where: str, value: Any, choices: list[str]) -> str:
    if value not in choices:
        raise DealFileError(f"{path}: {where}: {value!r} is not one of {', '.join(choices)}")
    return str(value)


def _count(path: Path, where: str, value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DealFileError(f"{path}: {where}: {value!r} is not a whole number of people")
    return value


def read_deal_file(path: Path) -> dict[str, Any]:
    """The file's deal as checked plain data."""
    try:
        data = parsed_with_bounded_nesting(tomllib.loads, path.read_text(encoding="utf-8"))
    except TooDeep as error:
        raise DealFileError(f"{path}: {error}") from None
    except OSError as error:
        raise DealFileError(f"{path}: cannot be read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise DealFileError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DealFileError(f"{path}: not valid TOML: {error}") from None
    known = {"name", "date", "kind", "parties", "mediator", "description", "sources", "released", "concessions",
             "announced_released", "announced_returned"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DealFileError(f"{path}: {unknown[0]}: unknown field; the fields are {', '.join(sorted(known))}")
    deal = {
        "name": _text(path, "name", data.get("name"), required=True),
        "date": _date(path, "date", data.get("date")),
        "kind": _choice(path, "kind", data.get("kind"), KINDS),
        "parties": [_country(path, f"parties[{i}]", p) for i, p in enumerate(data.get("parties", []))],
        "mediator": _text(path, "mediator", data.get("mediator")),
        "description": _text(path, "description", data.get("description")),
        "sources": [], "released": [], "concessions": [],
        "announced_released": _count(path, "announced_released", data.get("announced_released")),
        "announced_returned": _count(path, "announced_returned", data.get("announced_returned")),
    }
    for i, source in enumerate(data.get("sources", [])):
        where = f"sources[{i}]"
        url = _text(path, f"{where}.url", source.get("url"), required=True)
        if not url.startswith(("http://", "https://")):
            raise DealFileError(f"{path}: {where}.url: {url!r} is not an http(s) address")
        deal["sources"].append({"url": url, "title": _text(path, f"{where}.title", source.get("title")),
                                "publisher": _text(path, f"{where}.publisher", source.get("publisher")),
                                "published": _date(path, f"{where}.published", source.get("published"))})
    for i, release in enumerate(data.get("released", [])):
        where = f"released[{i}]"
        person, name = release.get("person"), _text(path, f"{where}.name", release.get("name"))
        if person is None and not name:
            raise DealFileError(f"{path}: {where}: give person (a registry id) or name")
        if person is not None and (not isinstance(person, int) or isinstance(person, bool)):
            raise DealFileError(f"{path}: {where}.person: {person!r} is not a registry id")
        citizenship = _text(path, f"{where}.citizenship", release.get("citizenship"))
        citizenships = citizenships_in(citizenship)
        if citizenship and not citizenships:
            raise DealFileError(f"{path}: {where}.citizenship: {citizenship!r} names no country (a code such as PL, "
                                "a name such as Poland, or an adjective such as Polish)")
        deal["released"].append({
            "citizenships": citizenships,
            "person": person, "name": name, "birth_date": _date(path, f"{where}.birth_date", release.get("birth_date")),
            "direction": _choice(path, f"{where}.direction", release.get("direction", "released_by_regime"),
                                 DIRECTIONS),
            "destination": _country(path, f"{where}.destination", release["destination"])
            if release.get("destination") else "",
            "event": _choice(path, f"{where}.event", release["event"], RELEASE_KINDS) if release.get("event")
            else RELEASE_EVENT[deal["kind"]],
        })
    for announced, direction in (("announced_released", "released_by_regime"),
                                 ("announced_returned", "returned_to_regime")):
        listed = sum(1 for release in deal["released"] if release["direction"] == direction)
        if deal[announced] is not None and deal[announced] < listed:
            raise DealFileError(f"{path}: {announced}: {deal[announced]} is fewer than the {listed} people the "
                                "file lists")
    for i, concession in enumerate(data.get("concessions", [])):
        where = f"concessions[{i}]"
        unknown = sorted(set(concession) - CONCESSION_KEYS) if isinstance(concession, dict) else []
        if unknown:
            raise DealFileError(f"{path}: {where}.{unknown[0]}: unknown key; known: "
                                f"{', '.join(sorted(CONCESSION_KEYS))}")
        source = _text(path, f"{where}.source", concession.get("source"))
        if source and not source.startswith(("http://", "https://")):
            raise DealFileError(f"{path}: {where}.source: {source!r} is not an http(s) address")
        amounts = {key: _amount(path, where, key, concession.get(key))
                   for key in ("value_usd", "value_usd_low", "value_usd_high")}
        value, low, high = amounts["value_usd"], amounts["value_usd_low"], amounts["value_usd_high"]
        if (low is None) != (high is None):
            raise DealFileError(f"{path}: {where}: give both value_usd_low and value_usd_high, or value_usd alone")
        if low is not None and value is not None:
            raise DealFileError(f"{path}: {where}: give value_usd or a range (value_usd_low, value_usd_high), not both")
        if low is not None and high is not None and low > high:
            raise DealFileError(f"{path}: {where}.value_usd_low: {low:,.0f} is more than value_usd_high {high:,.0f}")
        basis = concession.get("basis") or ""
        if basis:
            basis = _choice(path, f"{where}.basis", basis, BASES)
        deal["concessions"].append({
            "kind": _choice(path, f"{where}.kind", concession.get("kind"), CONCESSION_KINDS),
            "description": _text(path, f"{where}.description", concession.get("description")),
            "program": _text(path, f"{where}.program", concession.get("program")),
            "entity": _text(path, f"{where}.entity", concession.get("entity")),
            "value_usd": value, "value_usd_low": low, "value_usd_high": high, "basis": basis,
            "counterparty": _text(path, f"{where}.counterparty", concession.get("counterparty")),
            "source": source,
        })
    return deal


def _amount(path: Path, where: str, key: str, value: Any) -> Decimal | None:
    """A non-negative number of US dollars, or None when not given."""
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise DealFileError(f"{path}: {where}.{key}: {value!r} is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise DealFileError(f"{path}: {where}.{key}: {value} is not a non-negative amount")
    return amount


def _source(viewer: Viewer, url: str, title: str = "", publisher: str = "",
            published: PartialDate | None = None) -> m.Source:
    return reuse_or_create(m.Source, viewer, {"url": url},
                           {"title": title, "publisher": publisher, "published": published})[0]


def duplicates_in(released: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(first, second, why) for each pair of the file's released people who are one person: the
    same registry person, or names the matcher takes for one (four press spellings of one man
    once counted as four people released)."""
    pairs: dict[tuple[int, int], str] = {}
    by_person: dict[int, list[int]] = {}
    for index, release in enumerate(released):
        if release["person"] is not None:
            by_person.setdefault(release["person"], []).append(index)
    for person, indices in by_person.items():
        for later in indices[1:]:
            pairs[(indices[0], later)] = f"both are registry person {person}"
    entries = [Entry(index, str(index), (release["name"],),
                     str(release["birth_date"]) if release["birth_date"] else None, {})
               for index, release in enumerate(released) if release["name"]]
    for found in cross_match(entries):
        first, second = sorted((found.left.row, found.right.row))
        if first != second and released[first]["direction"] == released[second]["direction"]:
            pairs.setdefault((first, second), f"the names match (score {found.match.score:.2f})")
    return [(first, second, why) for (first, second), why in sorted(pairs.items())]


def _one_each(path: Path, deal: dict[str, Any], merge: bool, linked: Linked) -> None:
    """Refuse a file that lists one person twice, naming both entries, or (`merge`) keep the
    first of them and say which were merged into it."""
    pairs = duplicates_in(deal["released"])
    if not pairs:
        return
    def label(index: int) -> str:
        release = deal["released"][index]
        return f"released[{index}] {release['name'] or 'person ' + str(release['person'])!r}"

    if not merge:
        first, second, why = pairs[0]
        raise DealFileError(f"{path}: {label(first)} and {label(second)} are one person ({why}); list them once, "
                            "or give --merge-duplicates to record them as one")
    dropped = set()
    for first, second, why in pairs:
        if first in dropped or second in dropped:
            continue
        linked.merged.append((label(second), label(first), why))
        dropped.add(second)
    deal["released"] = [release for index, release in enumerate(deal["released"]) if index not in dropped]


def record_deal(path: Path, actor: str, viewer: Viewer, dry_run: bool = False,
                events: bool = True, merge_duplicates: bool = False) -> tuple[m.Deal | None, Linked]:
    """Check the file, link its released people, and write the deal (unless `dry_run`) with a
    release event for each person it releases from the registry (unless not `events`). One
    person listed twice refuses the file unless `merge_duplicates` (then recorded once)."""
    deal = read_deal_file(path)
    ids = [r["person"] for r in deal["released"] if r["person"] is not None]
    # An id the viewer may not see is refused as if it did not exist: a different answer
    # would tell that a hidden record has this id.
    known = set(visible_people(m.Person.objects.filter(pk__in=ids), viewer).values_list("id", flat=True))
    for i, release in enumerate(deal["released"]):
        if release["person"] is not None and release["person"] not in known:
            raise DealFileError(f"{path}: released[{i}].person: no person with id {release['person']}")
    linked = Linked()
    unknown = [release for release in deal["released"] if release["person"] is None]
    found = candidates_for([(release["name"], str(release["birth_date"]) if release["birth_date"] else None)
                            for release in unknown], viewer, limit=5)
    found_for = {id(release): candidates for release, candidates in zip(unknown, found, strict=True)}
    for release in deal["released"]:
        if release["person"] is not None:
            linked.linked.append((release["name"] or f"person {release['person']}", release["person"]))
            continue
        fitting = [c for c in found_for[id(release)] if c.match.same]
        if len(fitting) == 1:
            release["person"] = fitting[0].person_id
            linked.linked.append((release["name"], fitting[0].person_id))
        else:
            why = "not in the registry" if not fitting else "ambiguous: " + ", ".join(
                str(c.person_id) for c in fitting)
            linked.unlinked.append((release["name"], why))
    _one_each(path, deal, merge_duplicates, linked)
    if dry_run:
        if events:
            _release_events(None, deal, linked, viewer)
        return None, linked
    with transaction.atomic(), recorded_change(actor, f"deal recorded from {path.name}"):
        record = m.Deal.objects.create(name=deal["name"], date=deal["date"], kind=deal["kind"],
                                       parties=deal["parties"], mediator=deal["mediator"],
                                       description=deal["description"],
                                       announced_released=deal["announced_released"],
                                       announced_returned=deal["announced_returned"])
        record.sources.set([_source(viewer, **s) for s in deal["sources"]])
        for release in deal["released"]:
            m.DealRelease.objects.create(deal=record, person_id=release["person"],
                                         name_as_listed=release["name"][:300] if release["person"] is None else "",
                                         direction=release["direction"], destination_country=release["destination"],
                                         citizenships=release["citizenships"])
        for concession in deal["concessions"]:
            m.Concession.objects.create(
                deal=record, kind=concession["kind"], description=concession["description"],
                program=concession["program"], entity=concession["entity"],
                estimated_value_usd=concession["value_usd"], value_usd_low=concession["value_usd_low"],
                value_usd_high=concession["value_usd_high"], basis=concession["basis"],
                counterparty=concession["counterparty"],
                source=_source(viewer, concession["source"]) if concession["source"] else None)
        if events:
            _release_events(record, deal, linked, viewer)
    return record, linked


def _release_events(record: m.Deal | None, deal: dict[str, Any], linked: Linked, viewer: Viewer) -> None:
    """A release event on the timeline of each registry person the deal releases, dated the
    deal's day, citing its sources; so the stock of political prisoners moves with the deal.

    A person already released that day (an imported release event) keeps that event, now
    linked to the deal. One whom the timeline does not show in custody on that day gets no
    event, and the reason is said: a release out of nowhere would be an impossible timeline.
    `record` None (a dry run) says what would be written."""
    from politzek.registry.models.events import timeline_errors_with

    names = {person: name for name, person in linked.linked}
    sources = list(record.sources.all()) if record else []
    for release in deal["released"]:
        person = release["person"]
        if person is None or release["direction"] != m.DealRelease.Direction.RELEASED_BY_REGIME:
            continue
        name = names.get(person, f"person {person}")
        if deal["date"] is None:
            linked.no_event.append((name, person, "the deal has no date"))
            continue
        # Only a release the writer may see is linked (a hidden one is neither changed nor named).
        same_day = visible_events(m.Event.objects.filter(person_id=person, kind__in=RELEASE_KINDS,
                                                         date_earliest=deal["date"].earliest), viewer)
        existing = same_day.filter(kind=release["event"]).first() or same_day.first()
        if existing is not None:
            if record is not None:
                existing.deal = record
                existing.save()
                existing.sources.add(*sources)
            linked.events.append((name, person, existing.kind))
            continue
        # No description: the deal and the country of destination are facts the event's deal
        # and the deal's release hold, worded by each page in its language.
        event = m.Event(person_id=person, kind=release["event"], date=deal["date"], deal=record)
        if timeline_errors_with(event):
            # The timeline's own message may name events the reader may not see: say only what.
            linked.no_event.append((name, person, f"the timeline does not show the person in custody on "
                                                  f"{deal['date']}; record the release by hand"))
            continue
        if record is not None:
            event.save()
            event.sources.set(sources)
        linked.events.append((name, person, event.kind))
