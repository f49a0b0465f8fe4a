"""The error report of an import: one CSV line per rejected value."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from politzek.csv_safety import SafeWriter
from politzek.ingest.errors import RowError


def write_error_report(path: Path, errors: Iterable[RowError]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = SafeWriter(handle)
        writer.writerow(["file", "row", "column", "value", "reason"])
        for error in errors:
            writer.writerow([error.file, error.row, error.column or "", error.value or "", error.reason])
