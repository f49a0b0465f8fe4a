"""The error report of an import: one CSV line per rejected value."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from politzek.csv_safety import SafeWriter
from politzek.ingest.errors import RowError


def write_error_report(path: Path, errors: Iterable[RowError]) -> None:
    """Written readable by its owner alone (0600): it quotes the file's values, which may be
    those of people imported as confidential. An existing report is replaced, keeping 0600."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(descriptor, "w", newline="", encoding="utf-8") as handle:
        writer = SafeWriter(handle)
        writer.writerow(["file", "row", "column", "value", "reason"])
        for error in errors:
            writer.writerow([error.file, error.row, error.column or "", error.value or "", error.reason])
