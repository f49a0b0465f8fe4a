"""Run an import: read, transform, then write all or nothing, updating records found by their
source key instead of duplicating them. Every import that writes is an ImportBatch, and every
change it makes is in history with the import as its reason."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from politzek.ingest.errors import ImportError_, RowError
from politzek.ingest.profile import TABULAR_FORMATS, Profile
from politzek.ingest.readers import read_rows, text_encoding
from politzek.ingest.result import ImportResult
from politzek.ingest.transform import (
    AggregateRecord,
    PersonRecord,
    as_long,
    merge_row,
    transform,
    transform_aggregate,
)
from politzek.ingest.writer import AggregateWriter, RecordWriter
from politzek.registry import models as m
from politzek.registry.dedupe import flag_duplicates_of
from politzek.registry.history import recorded_change

# Rows written per bulk step: large enough for bulk inserts to pay, small enough for memory.
CHUNK = 2000


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run's writes after counting them."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def records_of(profile: Profile, path: Path, encoding: str | None, errors: list[RowError],
               rows: list[int], deals: dict[str, m.Deal | None]) -> Iterator[PersonRecord | AggregateRecord]:
    """The file's rows transformed, one at a time: bad rows (and source keys repeated in the
    file, deals the registry does not hold) go to `errors` instead; `rows` counts the rows
    read. A profile in long format (rows = "many") gathers each person's rows, so its people
    come at the end of the file."""
    convert = transform_aggregate if profile.target == "aggregate_detention" else transform
    first_row: dict[str, int | str] = {}
    people: dict[str, PersonRecord] = {}  # long format: the person of each key seen
    header_checked = False
    tabular = reading_format(profile, path) in TABULAR_FORMATS
    rows.append(0)
    for row in read_rows(path, reading_format(profile, path), encoding or profile.encoding, profile.records_path):
        rows[0] += 1
        if row.problem is not None:
            errors.append(row.problem)
            continue
        if not header_checked and tabular:
            profile.check_header(list(row.values), str(path))
            header_checked = True
        result = convert(profile, row, str(path))
        if isinstance(result, list):
            errors += result
            continue
        if profile.rows == "many" and isinstance(result, PersonRecord):
            if result.key in people:
                errors += merge_row(people[result.key], result, profile, str(path))
            else:
                people[result.key] = as_long(result)
            continue
        if result.key in first_row:
            errors.append(RowError(str(path), row.number, profile.key, result.key,
                                   f"the source key repeats the one on row {first_row[result.key]}"))
            continue
        first_row[result.key] = row.number
        if isinstance(result, PersonRecord) and (unknown := _unknown_deals(result, str(path), deals)):
            errors += unknown  # a person whose row names no deal is set aside whole
            continue
        yield result
    for person in people.values():
        if unknown := _unknown_deals(person, str(path), deals):
            errors += unknown
            continue
        yield person


def reading_format(profile: Profile, path: Path) -> str:
    """The format to read: a table profile (csv, xlsx, ods) reads a file whose extension names
    another table format in that format, since its columns are the same (politzek's template
    is filled as CSV or in a spreadsheet)."""
    extension = path.suffix.lower().lstrip(".")
    if profile.format in TABULAR_FORMATS and extension in TABULAR_FORMATS:
        return extension
    return profile.format


def deal_named(text: str) -> m.Deal | None:
    """The deal a row names: by its id, or by its name (any case) when one deal bears it."""
    if text.isdigit():
        return m.Deal.objects.filter(pk=int(text)).first()
    found = list(m.Deal.objects.filter(name__iexact=text.strip())[:2])
    return found[0] if len(found) == 1 else None


def _unknown_deals(record: PersonRecord, file: str, checked: dict[str, m.Deal | None]) -> list[RowError]:
    """Each deal a person's rows name must be one deal of the registry, or that row is in error
    (`checked`: each deal named, looked up once for the whole import)."""
    errors = []
    for piece in (record, *record.parts):
        for event in piece.events:
            if event.deal is None:
                continue
            if event.deal not in checked:
                checked[event.deal] = deal_named(event.deal)
            if checked[event.deal] is None:
                errors.append(RowError(file, piece.row, record.deal_columns.get(event.deal), event.deal,
                                       "names no deal of the registry (by id, or by a name one deal bears); "
                                       "`politzek deals list` shows them"))
    return errors


class _Refused(Exception):
    """Raised inside the transaction when bad rows refuse the whole import (no --skip-invalid)."""


def run_import(
    profile: Profile, path: Path, *, actor: str, dry_run: bool = False, skip_invalid: bool = False,
    encoding: str | None = None, progress: Callable[[int, int], None] | None = None,
    check_duplicates: bool = True,
) -> ImportResult:
    """Import `path` with `profile`. With errors and no `skip_invalid`, nothing is written.
    New people are matched against the registry and likely duplicates queued, unless not
    `check_duplicates` (`politzek dedupe` then does it for the whole registry)."""
    if not path.exists():  # before the batch reads the file's hash
        raise ImportError_(RowError(str(path), None, None, None, "no such file or folder"))
    result = ImportResult(profile=profile.name, file=str(path), dry_run=dry_run,
                          encoding=text_encoding(path, reading_format(profile, path), encoding or profile.encoding))
    errors: list[RowError] = []
    rows: list[int] = []
    deals: dict[str, m.Deal | None] = {}  # each deal a row names, looked up once
    # Rows are read, checked and written a chunk at a time inside one transaction, so memory
    # holds a chunk, not the file; a bad row without --skip-invalid stops the writing, the rest
    # of the file is still read for the error report, and the transaction is rolled back.
    try:
        with import_batch(result, path, actor) as (batch, reason):
            if profile.target == "aggregate_detention":
                aggregates = AggregateWriter(profile, result)
                for record in records_of(profile, path, encoding, errors, rows, deals):
                    if not errors or skip_invalid:
                        aggregates.write(record, batch)  # type: ignore[arg-type]
            else:
                _write_people(profile, result, path, encoding, errors, rows, deals, skip_invalid, progress, batch,
                              actor, reason)
            result.rejected, result.rows = errors, rows[0] if rows else 0
            if errors and not skip_invalid:
                raise _Refused
            if check_duplicates and profile.target != "aggregate_detention":
                flagged = flag_duplicates_of(result.created, f"import #{batch.pk}")
                result.possible_duplicates, result.possible_duplicate_pairs = flagged.people, flagged.pairs
    except _Refused:
        result.created, result.updated, result.unchanged, result.batch_id = [], [], [], None
    return result


def _write_people(profile: Profile, result: ImportResult, path: Path, encoding: str | None, errors: list[RowError],
                  rows: list[int], deals: dict[str, m.Deal | None], skip_invalid: bool,
                  progress: Callable[[int, int], None] | None, batch: m.ImportBatch, actor: str, reason: str) -> None:
    people = RecordWriter(profile, result, actor, reason)
    people.deals = deals  # type: ignore[assignment]  # a record naming an unknown deal never reaches the writer
    pending: list[PersonRecord] = []
    written = 0

    def flush() -> None:
        nonlocal written
        people.write_many(pending, batch)
        written += len(pending)
        pending.clear()
        if progress:
            progress(written, 0)

    for record in records_of(profile, path, encoding, errors, rows, deals):
        if errors and not skip_invalid:
            continue  # nothing more is written: the rest is read for the error report
        pending.append(record)  # type: ignore[arg-type]
        if len(pending) >= CHUNK:
            flush()
    if pending and (skip_invalid or not errors):
        flush()


# PostgreSQL lets two imports write side by side, and two imports of one file would both
# find a person missing and create them twice: the second waits for the first. (SQLite's
# IMMEDIATE transactions already let one writer in at a time.)
IMPORT_LOCK = 0x706F6C69  # "poli"


def one_import_at_a_time() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


@contextmanager
def import_batch(result: ImportResult, path: Path, actor: str) -> Iterator[tuple[m.ImportBatch, str]]:
    """One transaction around an import, with its ImportBatch and the history reason naming it.

    On success the batch records what was created, updated and rejected; a dry run is rolled
    back after counting; an error rolls everything back, the batch included."""
    try:
        with transaction.atomic():
            one_import_at_a_time()
            batch = m.ImportBatch.objects.create(
                actor=actor, file_name=str(path), file_sha256=file_sha256(path), profile=result.profile,
                status=m.ImportBatch.Status.DRY_RUN if result.dry_run else m.ImportBatch.Status.RUNNING,
            )
            reason = f"import #{batch.pk}: profile {result.profile}, file {path.name}"
            with recorded_change(actor, reason):
                yield batch, reason
            batch.created_ids, batch.updated_ids = result.created, result.updated
            batch.rejected = [{"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
                              for e in result.rejected]
            batch.status, batch.finished_at = m.ImportBatch.Status.DONE, timezone.now()
            batch.save()
            result.batch_id = batch.pk
            if result.dry_run:
                raise _DryRun
    except _DryRun:
        result.batch_id = None
        return
    result.written = True
