"""What an import did: rows read, records created, updated, unchanged or rejected, and what
the matcher queued for review. The importer fills it, the writers count into it, the command
and the staff pages report it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from politzek.ingest.errors import RowError


@dataclass
class ImportResult:
    profile: str
    file: str
    rows: int = 0
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    # Records of kinds the importer does not take (e.g. FtM Company entities), by kind.
    skipped: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    # The text encoding the file was read in (named, or detected: utf-8, cp1251, cp1252);
    # None for spreadsheets, which carry their own.
    encoding: str | None = None
    written: bool = False
    batch_id: int | None = None
    # Pairs of a new person and a registry record the matcher took for one person, queued for
    # review (`politzek dedupe --review`) instead of silently kept as two.
    possible_duplicates: int = 0  # new people in at least one queued pair
    possible_duplicate_pairs: int = 0
    # Officials of a sanctions list: linked by the matcher to an official already in the
    # registry, and those that may be one (for `politzek officials review`).
    officials_linked: int = 0
    officials_to_review: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "profile": self.profile, "file": self.file, "encoding": self.encoding, "rows": self.rows,
            "dry_run": self.dry_run,
            "written": self.written, "batch": self.batch_id, "created": len(self.created),
            "updated": len(self.updated), "unchanged": len(self.unchanged),
            # Rows set aside, not reasons: one row with three bad cells is one row.
            "rejected": len({(error.file, error.row) for error in self.rejected}), "problems": len(self.rejected),
            "skipped": self.skipped, "possible_duplicates": self.possible_duplicates,
            "possible_duplicate_pairs": self.possible_duplicate_pairs,
            "officials_linked": self.officials_linked, "officials_to_review": self.officials_to_review,
        }
