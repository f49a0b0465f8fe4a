"""Vetting a whole proposed exchange list against the registry: each entry matched (or
"ambiguous", or "not in the registry"), given its verdict and flags, duplicates inside the
list found, the most urgent political prisoners missing from it ranked, and a summary.

A list is a CSV file with a `name` column (any script; several names with `;`), and optional
`birth_date`, `citizenship`, `notes` and the columns saying which way a person goes: `side`
(which side proposes the person), `direction`, `released_by`, `received_by`. Entries the list
sends *to* the detaining state (the other half of an exchange) get their own verdict."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from politzek.bargaining.priority import Priority, priority
from politzek.bargaining.records import person_records
from politzek.bargaining.rules import priority_weights, vetting_rules
from politzek.bargaining.sides import FROM_REGIME, TO_REGIME, UNKNOWN, Side, detaining_states, read_side
from politzek.bargaining.vetting import (
    AMBIGUOUS,
    DUPLICATE,
    FLAGS,
    FOREIGN_CITIZEN,
    RECOGNIZED,
    SIDE_CONFLICT,
    VERDICTS,
    Flag,
    PersonRecord,
    Reason,
    Vetting,
    not_in_registry,
    note_flags,
    sent_to_regime,
    vet_record,
)
from politzek.flows.facts import ANY_ORGANIZATION, POLITICAL
from politzek.flows.models import Fact
from politzek.names.lists import Entry, ListError, cross_match, read_list_skipping
from politzek.registry import models as m
from politzek.registry.candidates import Candidate, candidates_for
from politzek.registry.countries import citizenships_in, country_in
from politzek.registry.visibility import Viewer

MISSING_LIMIT = 20
ONE_SIDED = Side(FROM_REGIME, "a one-sided list: no column says anyone goes to the regime")
# The columns a list may give a person's citizenship in, and the words of notes that state it.
CITIZENSHIP_COLUMNS = ("citizenship", "citizenships", "nationality", "гражданство", "грамадзянства", "громадянство")
_CITIZEN_OF = re.compile(r"(?:citizen\s+of|national\s+of|гражданин(?:ка)?|грамадзян(?:ін|ка)|громадян(?:ин|ка))"
                         r"\s+(?P<after>[^,;()]+)|(?P<before>[\w\- ]+?)\s+(?:citizen|national)\b", re.I)


def listed_citizenships(fields: dict[str, str]) -> list[str]:
    """The countries a list's row says the person is a citizen of: a citizenship column (any of
    its usual names; several countries split on , ; / "and"), or "citizen of Poland", "US
    citizen", "гражданин Польши" in the notes."""
    found: list[str] = []
    for column in CITIZENSHIP_COLUMNS:
        found += [code for code in citizenships_in(fields.get(column) or "") if code not in found]
    for match in _CITIZEN_OF.finditer(fields.get("notes") or ""):
        words = (match["after"] or match["before"] or "").split()
        code = country_in(" ".join(words[:3])) if match["after"] else (country_in(words[-1]) if words else None)
        if code and code not in found:
            found.append(code)
    return found


@dataclass
class VettedEntry:
    entry: Entry
    side: str
    match: Candidate | None  # the registry person, when exactly one fits
    fitting: list[Candidate]  # every candidate the matcher says is the same person
    record: PersonRecord | None
    vetting: Vetting
    to_regime: str | None = None  # why the list sends this person to the regime, if it does
    # Which way the list sends the person (to_regime, from_regime or unknown) and the cells that say so.
    reading: Side = Side(UNKNOWN, "")

    def as_dict(self) -> dict[str, Any]:
        fields = self.entry.fields
        return {
            "row": self.entry.row, "name": self.entry.names[0], "other_names": list(self.entry.names[1:]),
            "birth_date": self.entry.birth_date, "citizenship": fields.get("citizenship", "").strip(),
            "side": self.side, "notes": fields.get("notes", "").strip(),
            "direction": self.reading.direction, "direction_read_from": self.reading.read_from,
            "person_id": self.match.person_id if self.match else None,
            "person_name": self.match.name if self.match else None,
            "match_score": round(self.match.match.score, 3) if self.match else None,
            "match_explanation": self.match.match.explain() if self.match else None,
            "candidates": [{"person_id": c.person_id, "name": c.name, "birth_date": c.birth_date,
                            "score": round(c.match.score, 3), "why": c.match.explain()} for c in self.fitting]
            if self.vetting.verdict == AMBIGUOUS else [],
            **self.vetting.as_dict(),
        }


@dataclass
class Missing:
    record: PersonRecord
    priority: Priority
    flags: list[Flag] = field(default_factory=list)  # the same flags an entry gets: violence stays visible

    def as_dict(self) -> dict[str, Any]:
        return {"person_id": self.record.person_id, "name": self.record.name,
                "custody_since": self.record.custody_since.isoformat() if self.record.custody_since else None,
                **self.priority.as_dict(), "flags": [f.as_dict() for f in self.flags]}


@dataclass
class VettedList:
    path: str
    sha256: str
    entries: list[VettedEntry]
    unreadable: list[str]
    country: str | None
    missing: list[Missing]
    missing_total: int
    rules_version: str
    priority_version: str
    viewer: str
    synthetic: bool
    day: dt.date
    summary: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "list": self.path, "sha256": self.sha256, "vetted_on": self.day.isoformat(),
            "rules": self.rules_version, "priority_weights": self.priority_version, "seen_as": self.viewer,
            "synthetic_records_matched": self.synthetic, "summary": self.summary,
            "entries": [e.as_dict() for e in self.entries], "unreadable_rows": self.unreadable,
            "country": self.country, "missing_from_list": [x.as_dict() for x in self.missing],
            "missing_from_list_total": self.missing_total,
        }


def _best_candidates(entries: list[Entry], viewer: Viewer,
                     progress: Callable[[int, int], None] | None = None) -> dict[int, list[Candidate]]:
    """The fitting registry people of each entry (by row) for any of its names, best score per
    person; every name of the list looked up together (registry.candidates_for)."""
    queries = [(name, entry.birth_date) for entry in entries for name in entry.names]
    owners = [entry for entry in entries for _name in entry.names]
    counted = {id(entry): i for i, entry in enumerate(entries, start=1)}

    def names_done(done: int, _total: int) -> None:
        if progress and done:
            progress(counted[id(owners[done - 1])], len(entries))

    best: dict[int, dict[int, Candidate]] = {entry.row: {} for entry in entries}
    for entry, found_for_name in zip(owners, candidates_for(queries, viewer, limit=5, progress=names_done),
                                     strict=True):
        kept = best[entry.row]
        for found in found_for_name:
            known = kept.get(found.person_id)
            if found.match.same and (known is None or found.match.score > known.match.score):
                kept[found.person_id] = found
    return {row: sorted(kept.values(), key=lambda c: (-c.match.score, c.person_id)) for row, kept in best.items()}


def _side(entry: Entry) -> str:
    """Who proposes the entry, or who releases it to whom ("RU → US")."""
    fields = entry.fields
    side = (fields.get("side") or fields.get("proposed_by") or "").strip()
    if side:
        return side
    released, received = (fields.get("released_by") or "").strip(), (fields.get("received_by") or "").strip()
    return f"{released or '?'} → {received or '?'}" if released or received else ""


def _duplicates(vetted: list[VettedEntry]) -> None:
    """Flag entries that are one person: the same registry person, or names that match."""
    rows_of_person: dict[int, list[VettedEntry]] = {}
    for item in vetted:
        if item.match:
            rows_of_person.setdefault(item.match.person_id, []).append(item)
    pairs: dict[tuple[int, int], str] = {}
    for items in rows_of_person.values():
        for a in items:
            for b in items:
                if a.entry.row < b.entry.row:
                    pairs[(a.entry.row, b.entry.row)] = f"both are registry person {a.match.person_id}"  # type: ignore[union-attr]
    entries = [item.entry for item in vetted]
    for found in cross_match(entries):
        a, b = sorted((found.left.row, found.right.row))
        if a != b:
            pairs.setdefault((a, b), f"the names match ({found.match.score:.2f}: {found.match.explain()})")
    by_row = {item.entry.row: item for item in vetted}
    for (a, b), why in sorted(pairs.items()):
        by_row[a].vetting.flags.append(Flag(DUPLICATE, f"same person as row {b}: {why}"))
        by_row[b].vetting.flags.append(Flag(DUPLICATE, f"same person as row {a}: {why}"))


def _country(records: list[PersonRecord], country: str | None) -> str | None:
    """The detaining state: as given, else the most common country of the people matched."""
    if country:
        return country.upper()
    found = Counter(record.country for record in records if record.country)
    return found.most_common(1)[0][0] if found else None


def _missing(country: str, listed: set[int], viewer: Viewer, organizations: frozenset[str] | None,
             day: dt.date, limit: int) -> tuple[list[Missing], int]:
    """Political prisoners held by `country` today whom the list leaves out, most urgent first."""
    spells = Fact.objects.filter(kind=POLITICAL, country=country, start__lte=day).exclude(end__lte=day)
    spells = spells.filter(organization__in=organizations) if organizations else spells.filter(
        organization=ANY_ORGANIZATION)
    held = set(spells.values_list("person_id", flat=True)) - listed
    weights, rules = priority_weights(), vetting_rules()
    missing = []
    for record in person_records(held, viewer, day).values():
        # What the viewer may see must show the person held and recognized, or they are not listed.
        if not record.in_custody or not any(
                not r.withdrawn_on and (r.organization in organizations if organizations else r.human_rights)
                for r in record.recognitions):
            continue
        flags = vet_record(record, rules, organizations, country).flags
        missing.append(Missing(record, priority(record, weights, day), flags))
    missing.sort(key=lambda x: (-x.priority.score, x.record.person_id))
    return missing[:limit], len(missing)


def _summary(vetted: list[VettedEntry], unreadable: list[str]) -> dict[str, Any]:
    verdicts = Counter(item.vetting.verdict for item in vetted)
    flags = Counter(code for item in vetted for code in {f.code for f in item.vetting.flags})
    sides: dict[str, Counter[str]] = {}
    for item in vetted:
        sides.setdefault(item.side or "unstated", Counter())[item.vetting.verdict] += 1
    directions = Counter(item.reading.direction for item in vetted)
    return {
        "entries": len(vetted), "unreadable_rows": len(unreadable),
        # Which way the list sends its entries, as read; "unknown" ones are never guessed.
        "directions": {direction: directions.get(direction, 0) for direction in (FROM_REGIME, TO_REGIME, UNKNOWN)},
        "verdicts": {verdict: verdicts.get(verdict, 0) for verdict in VERDICTS},
        "flags": {flag: flags.get(flag, 0) for flag in FLAGS},
        "by_side": {side: {v: n for v, n in counts.items()} for side, counts in sorted(sides.items())},
        "recognized_by": dict(Counter(org for item in vetted if item.vetting.verdict == RECOGNIZED
                                      for org in item.vetting.recognized_by).most_common()),
    }


def vet_list(path: Path, viewer: Viewer, *, country: str | None = None, organizations: frozenset[str] | None = None,
             skip_invalid: bool = False, missing_limit: int = MISSING_LIMIT, day: dt.date | None = None,
             progress: Callable[[int, int], None] | None = None,
             to_regime: tuple[tuple[str, str], ...] = ()) -> VettedList:
    """Vet every entry of the list at `path` as of `day` (default today); raises ListError for
    a list that cannot be read (or, without `skip_invalid`, for its first bad row).
    `progress(done, total)` is told of each entry matched (matching is nearly all the time).
    `to_regime`: (column, value) pairs that mark the entries sent to the regime."""
    day = day or dt.date.today()
    entries, problems = read_list_skipping(path)
    if problems and not skip_invalid:
        raise problems[0]
    if not entries:
        raise ListError(f"{path}: no entries to vet" + (" (every row was unreadable)" if problems else ""))
    rules = vetting_rules()
    found = _best_candidates(entries, viewer, progress)
    ids = {c.person_id for fitting in found.values() for c in fitting}
    records = person_records(ids, viewer, day)
    single = [records[fitting[0].person_id] for fitting in found.values()
              if len([c for c in fitting if c.person_id in records]) == 1]
    held_in = _country(single, country)
    regimes = detaining_states([entry.fields for entry in entries], held_in)
    two_sided = bool(to_regime) or any(read_side(entry.fields, regimes).direction != UNKNOWN or any(
        (entry.fields.get(column) or "").strip() for column in ("released_by", "received_by", "direction"))
        for entry in entries)
    vetted = []
    for entry in entries:
        fitting = [c for c in found[entry.row] if c.person_id in records]
        notes = entry.fields.get("notes", "")
        if not fitting:
            vetting, match, record = not_in_registry(notes, rules), None, None
        elif len(fitting) > 1:
            match, record = None, None
            vetting = Vetting(AMBIGUOUS, [Reason("record", f"{len(fitting)} people in the registry fit: " + "; ".join(
                f"{c.person_id} {c.name} (born {c.birth_date or '?'}, "
                f"{vet_record(records[c.person_id], rules, organizations).verdict.replace('_', ' ')})"
                for c in fitting) + "; a birth date in the list would tell them apart")], note_flags(notes, rules))
        else:
            match, record = fitting[0], records[fitting[0].person_id]
            vetting = vet_record(record, rules, organizations)
            vetting.flags += note_flags(notes, rules)
        # A list where nothing says anyone goes to the regime is one-sided: the people it asks for.
        reading = read_side(entry.fields, regimes, to_regime) if two_sided else ONE_SIDED
        if reading.to_regime:
            registry = vet_record(record, rules, organizations) if record else None
            if registry is not None and record is not None and registry.verdict == RECOGNIZED and record.in_custody \
                    and record.country in regimes:
                # A political prisoner of the detaining state the list seems to send back to it:
                # most likely the list read wrong, or written wrong. Said, never decided.
                vetting.flags.append(Flag(SIDE_CONFLICT, f"{reading.read_from}; the registry holds this person as a "
                                                         f"political prisoner of {record.country}"))
            else:  # the other half of the exchange: its own verdict, whatever the record says
                vetting = sent_to_regime(reading.read_from, notes, rules, registry)
        elif reading.direction == UNKNOWN:
            vetting.reasons.append(Reason("list", f"which way the list sends this person is not known: "
                                                  f"{reading.read_from}"))
        if not reading.to_regime:
            # Foreign to the state that holds the person: the record's, else the list's detaining side.
            holder = {record.country} if record is not None and record.country else set(regimes)
            _flag_listed_citizenship(vetting, entry.fields, holder)
        vetted.append(VettedEntry(entry, _side(entry), match, fitting, record, vetting,
                                  reading.read_from if reading.to_regime else None, reading))
    _duplicates(vetted)
    listed = {c.person_id for item in vetted for c in item.fitting}
    missing, missing_total = (_missing(held_in, listed, viewer, organizations, day, missing_limit)
                              if held_in else ([], 0))
    unreadable = [str(problem) for problem in problems]
    result = VettedList(
        path=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest(), entries=vetted, unreadable=unreadable,
        country=held_in, missing=missing, missing_total=missing_total, rules_version=rules.version,
        priority_version=priority_weights().version, viewer=viewer.clearance.name.lower(),
        synthetic=any(item.record.synthetic for item in vetted if item.record), day=day,
    )
    result.summary = _summary(vetted, unreadable)
    return result


def _flag_listed_citizenship(vetting: Vetting, fields: dict[str, str], regimes: set[str]) -> None:
    """A foreign citizen by the list's own word, in the registry or not: the flag names the
    country. A dual citizen of the holding state is no foreign citizen (as on a record)."""
    if not regimes or any(flag.code == FOREIGN_CITIZEN for flag in vetting.flags):
        return
    citizenships = listed_citizenships(fields)
    foreign = [code for code in citizenships if code not in regimes]
    if foreign and len(foreign) == len(citizenships):  # a dual citizen of the holding state is none
        vetting.flags.append(Flag(FOREIGN_CITIZEN, f"citizenship {', '.join(foreign)} (the list); held by "
                                                   f"{', '.join(sorted(regimes))}"))


def _people_of(item: VettedEntry) -> set[int]:
    return {c.person_id for c in item.fitting} | ({item.match.person_id} if item.match else set())


def _involved(item: VettedEntry, by_row: dict[int, VettedEntry]) -> set[int]:
    """The registry people an entry's verdict, reasons and flags name or rest on: its own, and
    those of the rows a duplicate flag names (the flag tells of that row)."""
    people = _people_of(item)
    for flag in item.vetting.flags:
        if flag.code == DUPLICATE:
            other = by_row.get(int(flag.detail.split("row ")[1].split(":")[0]))
            people |= _people_of(other) if other else set()
    return people


def save(result: VettedList, title: str, submitted_by: str = "") -> m.ExchangeList:
    """Keep a vetted list and its verdicts (staff pages show it again later), in one transaction."""
    with transaction.atomic():
        saved = m.ExchangeList.objects.create(
            title=title, submitted_by=submitted_by, file_sha256=result.sha256,
            rules_version=f"{result.rules_version}; {result.priority_version}",
            synthetic=result.synthetic)
        rows = m.ExchangeListEntry.objects.bulk_create([
            m.ExchangeListEntry(
                exchange_list=saved, row_number=item.entry.row, raw_name=item.entry.names[0][:300],
                raw_birth_date=(item.entry.fields.get("birth_date") or "")[:40], raw_data=item.entry.fields,
                side=item.side[:100], matched_person_id=item.match.person_id if item.match else None,
                match_score=item.match.match.score if item.match else None, verdict=item.vetting.verdict,
                reasons=[r.as_dict() for r in item.vetting.reasons],
                flags=[f.as_dict() for f in item.vetting.flags])
            for item in result.entries])
        # Whom each verdict rests on, so a reader below the vetter's clearance reads it withheld.
        through = m.ExchangeListEntry.involved_people.through
        by_row = {item.entry.row: item for item in result.entries}
        through.objects.bulk_create([
            through(exchangelistentry_id=row.pk, person_id=person_id)
            for row, item in zip(rows, result.entries, strict=True)
            for person_id in _involved(item, by_row)])
    return saved
