"""Run an import: read, transform, then write all or nothing, updating records found by their
source key instead of duplicating them. Every import that writes is an ImportBatch, and every
change it makes is in history with the import as its reason."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from politzek.ingest.errors import RowError
from politzek.ingest.profile import Profile
from politzek.ingest.readers import read_rows
from politzek.ingest.transform import PersonRecord, transform
from politzek.registry import models as m
from politzek.registry.history import recorded_change


@dataclass
class ImportResult:
    profile: str
    file: str
    rows: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    batch_id: int | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "profile": self.profile, "file": self.file, "rows": self.rows, "dry_run": self.dry_run,
            "written": self.written, "batch": self.batch_id, "created": len(self.created),
            "updated": len(self.updated), "unchanged": len(self.unchanged), "rejected": len(self.rejected),
        }


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run's writes after counting them."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def prepare(
    profile: Profile, path: Path, encoding: str | None = None
) -> tuple[list[PersonRecord], list[RowError], int]:
    """Every row transformed; errors for bad rows and for source keys repeated in the file."""
    records: list[PersonRecord] = []
    errors: list[RowError] = []
    first_row: dict[str, int | str] = {}
    rows = 0
    for row in read_rows(path, profile.format, encoding or profile.encoding, profile.records_path):
        rows += 1
        result = transform(profile, row, str(path))
        if isinstance(result, list):
            errors += result
            continue
        if result.key in first_row:
            errors.append(RowError(str(path), row.number, profile.key, result.key,
                                   f"the source key repeats the one on row {first_row[result.key]}"))
            continue
        first_row[result.key] = row.number
        records.append(result)
    return records, errors, rows


def run_import(
    profile: Profile, path: Path, *, actor: str, dry_run: bool = False, skip_invalid: bool = False,
    encoding: str | None = None, progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import `path` with `profile`. With errors and no `skip_invalid`, nothing is written."""
    result = ImportResult(profile=profile.name, file=str(path), dry_run=dry_run)
    records, result.rejected, result.rows = prepare(profile, path, encoding)
    if result.rejected and not skip_invalid:
        return result
    try:
        with transaction.atomic():
            batch = m.ImportBatch.objects.create(
                actor=actor, file_name=str(path), file_sha256=file_sha256(path), profile=profile.name,
                status=m.ImportBatch.Status.DRY_RUN if dry_run else m.ImportBatch.Status.RUNNING,
            )
            reason = f"import #{batch.pk}: profile {profile.name}, file {path.name}"
            writer = _Writer(profile, result)
            with recorded_change(actor, reason):
                for index, record in enumerate(records, start=1):
                    writer.write(record)
                    if progress:
                        progress(index, len(records))
            batch.created_ids, batch.updated_ids = result.created, result.updated
            batch.rejected = [{"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
                              for e in result.rejected]
            batch.status, batch.finished_at = m.ImportBatch.Status.DONE, timezone.now()
            batch.save()
            result.batch_id = batch.pk
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.batch_id = None
        return result
    result.written = True
    return result


class _Writer:
    def __init__(self, profile: Profile, result: ImportResult) -> None:
        self.profile, self.result = profile, result
        self.tags: dict[str, m.Tag] = {}
        self.organizations: dict[str, m.Organization] = {}
        self.sources: dict[str, m.Source] = {}

    def write(self, record: PersonRecord) -> None:
        key = (m.ExternalKey.objects.filter(namespace=self.profile.namespace, key=record.key)
               .select_related("person").first())
        if key is None:
            person = self._create(record)
            self.result.created.append(person.pk)
            return
        changed = self._update(key.person, record)
        (self.result.updated if changed else self.result.unchanged).append(key.person.pk)

    def _event_key(self, record: PersonRecord, rule_id: str) -> str:
        return f"{self.profile.namespace}:{record.key}:{rule_id}"

    def _person_fields(self, record: PersonRecord) -> dict[str, Any]:
        return {name: value for name, value in record.fields.items() if name != "tags"}

    def _create(self, record: PersonRecord) -> m.Person:
        person = m.Person.objects.create(**self._person_fields(record))
        m.ExternalKey.objects.create(person=person, namespace=self.profile.namespace, key=record.key)
        for name in record.names:
            person.names.create(name=name.name, kind=name.kind, script=name.script, language=name.language,
                                is_primary=name.primary)
        for event in record.events:
            self._create_event(person, record, event)
        self._link(person, record)
        return person

    def _create_event(self, person: m.Person, record: PersonRecord, event: Any) -> None:
        m.Event.objects.create(
            person=person, kind=event.kind, date=event.date, description=event.description,
            organization=self._organization(event.organization), source_key=self._event_key(record, event.rule_id),
        )

    def _update(self, person: m.Person, record: PersonRecord) -> bool:
        changed = False
        fields = self._person_fields(record)
        different = {name: value for name, value in fields.items() if getattr(person, name) != value}
        if different:
            for name, value in different.items():
                setattr(person, name, value)
            person.save()
            changed = True
        known_names = {(n.name, n.kind) for n in person.names.all()}
        for name in record.names:
            if (name.name, name.kind) not in known_names:
                person.names.create(name=name.name, kind=name.kind, script=name.script, language=name.language)
                changed = True
        existing = {e.source_key: e for e in person.events.filter(source_key__startswith=f"{self.profile.namespace}:")}
        for event in record.events:
            stored = existing.get(self._event_key(record, event.rule_id))
            if stored is None:
                self._create_event(person, record, event)
                changed = True
            elif stored.date != event.date or stored.description != event.description:
                stored.date, stored.description = event.date, event.description
                stored.save()
                changed = True
        return self._link(person, record) or changed

    def _link(self, person: m.Person, record: PersonRecord) -> bool:
        """Tags and sources the row names that the person lacks; True when any was added."""
        added = False
        have_tags = set(person.tags.values_list("code", flat=True))
        for code in record.fields.get("tags", []):
            if code not in have_tags:
                if code not in self.tags:
                    self.tags[code] = m.Tag.objects.get_or_create(code=code, defaults={"label": code})[0]
                person.tags.add(self.tags[code])
                added = True
        have_sources = set(person.sources.values_list("url", flat=True))
        for url in record.sources:
            if url not in have_sources:
                if url not in self.sources:
                    self.sources[url] = m.Source.objects.filter(url=url).first() or m.Source.objects.create(url=url)
                person.sources.add(self.sources[url])
                added = True
        return added

    def _organization(self, code: str | None) -> m.Organization | None:
        if code is None:
            return None
        if code not in self.organizations:
            self.organizations[code] = m.Organization.objects.get_or_create(
                code=code, defaults={"name": code, "kind": m.Organization.Kind.HUMAN_RIGHTS})[0]
        return self.organizations[code]
