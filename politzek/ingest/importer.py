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

from politzek.ingest.errors import RowError
from politzek.ingest.profile import TABULAR_FORMATS, Profile
from politzek.ingest.readers import read_rows
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


def prepare(
    profile: Profile, path: Path, encoding: str | None = None
) -> tuple[list[PersonRecord | AggregateRecord], list[RowError], int]:
    """Every row transformed; errors for bad rows and for source keys repeated in the file."""
    records: list[PersonRecord | AggregateRecord] = []
    convert = transform_aggregate if profile.target == "aggregate_detention" else transform
    errors: list[RowError] = []
    first_row: dict[str, int | str] = {}
    people: dict[str, PersonRecord] = {}  # long format: the person of each key seen
    rows = 0
    header_checked = False
    tabular = reading_format(profile, path) in TABULAR_FORMATS
    for row in read_rows(path, reading_format(profile, path), encoding or profile.encoding, profile.records_path):
        rows += 1
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
                records.append(result)
            continue
        if result.key in first_row:
            errors.append(RowError(str(path), row.number, profile.key, result.key,
                                   f"the source key repeats the one on row {first_row[result.key]}"))
            continue
        first_row[result.key] = row.number
        records.append(result)
    unknown = _unknown_deals([r for r in records if isinstance(r, PersonRecord)], str(path))
    if unknown:  # a person whose row names no deal is set aside whole
        rows_in_error = {error.row for error in unknown}
        records = [r for r in records if not (isinstance(r, PersonRecord) and (
            r.row in rows_in_error or any(piece.row in rows_in_error for piece in r.parts)))]
    return records, errors + unknown, rows


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


def _unknown_deals(records: list[PersonRecord], file: str) -> list[RowError]:
    """Each deal named by a row must be one deal of the registry, or that row is in error."""
    errors = []
    checked: dict[str, bool] = {}
    for record in records:
        for piece in (record, *record.parts):
            for event in piece.events:
                if event.deal is None:
                    continue
                if event.deal not in checked:
                    checked[event.deal] = deal_named(event.deal) is not None
                if not checked[event.deal]:
                    errors.append(RowError(file, piece.row, record.deal_columns.get(event.deal), event.deal,
                                           "names no deal of the registry (by id, or by a name one deal bears); "
                                           "`politzek deals list` shows them"))
    return errors


def run_import(
    profile: Profile, path: Path, *, actor: str, dry_run: bool = False, skip_invalid: bool = False,
    encoding: str | None = None, progress: Callable[[int, int], None] | None = None,
    check_duplicates: bool = True,
) -> ImportResult:
    """Import `path` with `profile`. With errors and no `skip_invalid`, nothing is written.
    New people are matched against the registry and likely duplicates queued, unless not
    `check_duplicates` (`politzek dedupe` then does it for the whole registry)."""
    result = ImportResult(profile=profile.name, file=str(path), dry_run=dry_run)
    records, result.rejected, result.rows = prepare(profile, path, encoding)
    if result.rejected and not skip_invalid:
        return result
    with import_batch(result, path, actor) as (batch, reason):
        if profile.target == "aggregate_detention":
            aggregates = AggregateWriter(profile, result)
            for record in records:
                aggregates.write(record, batch)  # type: ignore[arg-type]
        else:
            people = RecordWriter(profile, result, actor, reason)
            people.deals = {event.deal: deal_named(event.deal) for record in records  # type: ignore[union-attr]
                            for piece in (record, *record.parts) for event in piece.events if event.deal}
            for start in range(0, len(records), CHUNK):
                people.write_many(records[start: start + CHUNK], batch)  # type: ignore[arg-type]
                if progress:
                    progress(min(start + CHUNK, len(records)), len(records))
            if check_duplicates:
                flagged = flag_duplicates_of(result.created, f"import #{batch.pk}")
                result.possible_duplicates, result.possible_duplicate_pairs = flagged.people, flagged.pairs
    return result


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
