"""Officials and their real sanctions from FollowTheMoney entities (OpenSanctions exports):
Person entities become Officials with their names in every script and their positions;
Sanction entities pointing at them become Sanctions; Occupancy/Position entities give dated
positions. Re-importing updates by FtM entity id. Other schemata are counted and skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.utils import timezone
from followthemoney import model
from followthemoney.exc import InvalidData

from politzek.accountability.linking import linked_official, match_outside_entry
from politzek.accountability.policy import authority_code
from politzek.ingest.errors import ImportError_, RowError
from politzek.ingest.importer import import_batch
from politzek.ingest.profile import FTM_OFFICIALS
from politzek.ingest.result import ImportResult
from politzek.ingest.transform import script_code
from politzek.nesting import TooDeep, parsed_with_bounded_nesting
from politzek.registry import models as m
from politzek.registry.fields import is_web_address
from politzek.registry.partial_date import PartialDate, PartialDateError

# Words in a position's text that tell its role; the text itself is kept as the title.
ROLE_WORDS = {
    "judge": m.Position.Role.JUDGE, "судья": m.Position.Role.JUDGE, "суддзя": m.Position.Role.JUDGE,
    "prosecutor": m.Position.Role.PROSECUTOR, "прокурор": m.Position.Role.PROSECUTOR,
    "investigator": m.Position.Role.INVESTIGATOR, "следовател": m.Position.Role.INVESTIGATOR,
    "colony": m.Position.Role.PRISON_HEAD, "prison": m.Position.Role.PRISON_HEAD,
    "колони": m.Position.Role.PRISON_HEAD,
}


def _role(title: str) -> str:
    lowered = title.lower()
    return next((role for word, role in ROLE_WORDS.items() if word in lowered), m.Position.Role.OTHER)


def _date(values: list[str]) -> PartialDate | None:
    """The earliest valid date among FtM's (FtM dates may carry a time: keep the day)."""
    parsed = []
    for value in values:
        try:
            parsed.append(PartialDate.parse(value[:10]))
        except PartialDateError:
            continue
    return min(parsed) if parsed else None


def read_entities(path: Path) -> list[Any]:
    entities = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entities.append(model.get_proxy(parsed_with_bounded_nesting(json.loads, line), cleaned=False))
        except (json.JSONDecodeError, InvalidData, TooDeep) as error:
            raise ImportError_(RowError(str(path), number, None, line[:60], f"is not an FtM entity: {error}")) from None
    return entities


def run_ftm_import(path: Path, actor: str, dry_run: bool = False) -> ImportResult:
    result = ImportResult(profile=FTM_OFFICIALS, file=str(path), dry_run=dry_run)
    entities = read_entities(path)
    result.rows = len(entities)
    skipped = Counter(e.schema.name for e in entities if e.schema.name not in ("Person", "Sanction", "Occupancy",
                                                                                "Position"))
    people = {e.id: e for e in entities if e.schema.name == "Person"}
    posts = {e.id: e for e in entities if e.schema.name == "Position"}

    with import_batch(result, path, actor) as (batch, _reason):
        officials = {entity_id: _official(entity, result) for entity_id, entity in people.items()}
        for entity in entities:
            if entity.schema.name == "Sanction":
                _sanction(entity, officials)
            elif entity.schema.name == "Occupancy":
                _occupancy(entity, officials, posts)
    result.skipped = dict(skipped)
    return result


def _official(entity: Any, result: ImportResult) -> m.Official:
    key = f"ftm:{entity.id}"
    official = m.Official.objects.filter(source_key=key).first() or linked_official(key)
    nationality = [c.upper() for c in entity.get("nationality") + entity.get("country") if len(c) == 2]
    values = {"country": nationality[0] if nationality else "", "birth_date": _date(entity.get("birthDate")),
              "gender": entity.first("gender") if entity.first("gender") in ("male", "female") else "unknown",
              "notes": "\n".join(entity.get("notes"))}
    link = None
    if official is None:
        birth = values["birth_date"]
        link = match_outside_entry(entity.get("name") + entity.get("alias"), str(birth) if birth else None,
                                   values["country"] or None)
        official = link.official
    if official is None:
        official = m.Official.objects.create(source_key=key, **values)
        result.created.append(official.pk)
        changed = True
        for match, existing in link.uncertain if link else ():
            m.OfficialMatch.objects.get_or_create(source_key=key, existing_id=existing, defaults={
                "imported": official, "score": match.score, "features": match.feature_dicts()})
            result.officials_to_review += 1
    else:
        if link is not None and link.match is not None:
            m.OfficialMatch.objects.create(source_key=key, existing=official, score=link.match.score,
                                           features=link.match.feature_dicts(),
                                           decision=m.OfficialMatch.Decision.SAME, decided_by="matcher",
                                           decided_at=timezone.now())
            result.officials_linked += 1
        changed = _apply(official, values, own=official.source_key == key)
    caption = entity.caption
    known = set(official.names.values_list("name", flat=True))
    has_primary = official.names.filter(is_primary=True).exists()
    for name in entity.get("name") + entity.get("alias"):
        if name not in known:
            script = script_code(name)
            primary = name == caption and not has_primary
            has_primary = has_primary or primary
            official.names.create(name=name, script=script, is_primary=primary,
                                  kind=m.NameKind.ALIAS if name in entity.get("alias") else m.NameKind.ORIGINAL)
            known.add(name)
            changed = True
    titles = set(official.positions.values_list("title", flat=True))
    for title in entity.get("position"):
        if title not in titles:
            official.positions.create(title=title, role=_role(title))
            changed = True
    if changed and official.pk not in result.created:
        result.updated.append(official.pk)
    elif not changed:
        result.unchanged.append(official.pk)
    return official


def _apply(official: m.Official, values: dict[str, Any], own: bool) -> bool:
    """Bring the official's fields to the entity's: all of them for a record the list made,
    only the empty ones for a registry record the list was linked to (the documenters'
    values stand)."""
    changed = False
    for attribute, value in values.items():
        current = getattr(official, attribute)
        wanted = value if own else (current if current and current != "unknown" else value)
        if current != wanted and (own or value):
            setattr(official, attribute, wanted)
            changed = True
    if changed:
        official.save()
    return changed


def _sanction(entity: Any, officials: dict[str, m.Official]) -> None:
    targets = [officials[t] for t in entity.get("entity") if t in officials]
    for official in targets:
        key = f"ftm:{entity.id}:{official.pk}"
        source_url = entity.first("sourceUrl")
        source = None
        if is_web_address(source_url):  # a sanctions file's javascript: or data: address is not kept
            source = m.Source.objects.filter(url=source_url).first() or m.Source.objects.create(
                url=source_url, publisher=entity.first("authority") or "")
        values = {
            # the authority's code where the table knows one of its names (EU for "Council of
            # the European Union"), so listings compare with proposals and gaps
            "authority": (authority_code(*entity.get("authority")) or entity.first("authority")
                          or entity.first("country") or "unknown")[:40],
            "program": (entity.first("program") or entity.first("programId") or "")[:200],
            "listed_on": _date(entity.get("listingDate") + entity.get("startDate")),
            "delisted_on": _date(entity.get("endDate")),
            "reference": (entity.first("authorityId") or entity.first("recordId") or "")[:200],
            "source": source,
        }
        stored = official.sanctions.filter(source_key=key).first()
        if stored is None:
            official.sanctions.create(source_key=key, **values)
        elif any(getattr(stored, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(stored, k, v)
            stored.save()


def _occupancy(entity: Any, officials: dict[str, m.Official], posts: dict[str, Any]) -> None:
    for holder in entity.get("holder"):
        official = officials.get(holder)
        if official is None:
            continue
        for post_id in entity.get("post"):
            post = posts.get(post_id)
            title = post.caption if post is not None else post_id
            position, _created = official.positions.get_or_create(title=title, defaults={"role": _role(title)})
            start, end = _date(entity.get("startDate")), _date(entity.get("endDate"))
            if (position.start, position.end) != (start, end):
                position.start, position.end = start, end
                position.save()
