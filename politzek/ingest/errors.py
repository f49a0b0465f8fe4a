"""The error every importer raises or reports: it names the file, row, column and value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One thing wrong with one row, in the words the error report and the command use."""

    file: str
    row: int | str | None
    column: str | None
    value: str | None
    reason: str
    # What `column` is: a column of the source file, or a key of an import profile.
    column_label: str = "column"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"{self.column_label} {self.column!r}")
        value = f", value {self.value!r}" if self.value not in (None, "") else ""
        return f"{', '.join(where)}{value}: {self.reason}"


class ImportError_(Exception):  # noqa: N801  (ImportError is Python's own)
    """An input that cannot be imported at all (unreadable file, bad profile)."""

    def __init__(self, error: RowError) -> None:
        super().__init__(str(error))
        self.error = error
