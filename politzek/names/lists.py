"""Match names held in CSV files, without the registry: score given pairs (`politzek match
--pairs`, what the benchmark and any outside evaluator use) or cross-match two lists
(`politzek match --lists`: two groups' lists, a list against a sanctions file).

A bad file is reported with its name, row, column and value (ListError); nothing is written
until every row has been read."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from politzek.names.blocking import candidate_pairs
from politzek.names.collection import fewer_collections
from politzek.names.compare import THRESHOLD, Match, compare
from politzek.registry.partial_date import PartialDateError, parse_date


class ListError(ValueError):
    """A list that cannot be read: the message names the file, row, column and value."""


@dataclass(frozen=True)
class Entry:
    row: int  # the line's row number in its file, the header being row 1
    key: str  # the entry's id column, or its row number
    names: tuple[str, ...]
    birth_date: str | None
    fields: dict[str, str]


LIST_DATE_FORMATS = ("iso", "%d.%m.%Y", "%m.%Y")


def _check_date(path: Path, row: int, column: str, value: str) -> str | None:
    """A birth date as lists write it: YYYY[-MM[-DD]], DD.MM.YYYY or MM.YYYY."""
    value = value.strip()
    if not value:
        return None
    try:
        return str(parse_date(value, LIST_DATE_FORMATS))
    except PartialDateError as error:
        raise ListError(f"{path}: row {row}, column {column}: {value!r}: {error}") from None


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ListError(f"{path}: cannot be read: {error.strerror}") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None:
                raise ListError(f"{path}: empty; a header row is expected")
            for number, row in enumerate(reader, start=2):
                if None in row:
                    raise ListError(f"{path}: row {number}: more cells than the header has columns")
                yield number, {key: (value or "") for key, value in row.items()}
        except UnicodeDecodeError:
            raise ListError(f"{path}: not UTF-8 text; save the list as UTF-8 CSV") from None
        except csv.Error as error:
            raise ListError(f"{path}: not readable as CSV: {error}") from None


def _require(path: Path, columns: list[str], header: dict[str, str]) -> None:
    missing = [column for column in columns if column not in header]
    if missing:
        raise ListError(f"{path}: row 1: no column {missing[0]!r} (columns: {', '.join(header) or 'none'})")


def _entry(path: Path, number: int, row: dict[str, str]) -> Entry:
    names = [part.strip() for part in row["name"].split(";") if part.strip()]
    names += [value.strip() for column, value in row.items() if column.startswith("name_") and value.strip()]
    if not names:
        raise ListError(f"{path}: row {number}, column name: empty; every entry needs a name")
    for name in names:
        if not any(character.isalpha() for character in name):
            raise ListError(f"{path}: row {number}, column name: {name!r} has no letters; is it a name?")
    birth = _check_date(path, number, "birth_date", row.get("birth_date", ""))
    return Entry(number, row.get("id", "").strip() or str(number), tuple(names), birth, row)


def read_list(path: Path) -> list[Entry]:
    """A list of people: a `name` column (several names separated by `;` or in `name_*`
    columns), optional `id` and `birth_date`; other columns are kept and written back."""
    entries, problems = read_list_skipping(path)
    if problems:
        raise problems[0]
    return entries


def read_list_skipping(path: Path) -> tuple[list[Entry], list[ListError]]:
    """Like read_list, with the rows that cannot be read set aside, each with its error; a
    file that cannot be read at all (no header, no name column, not CSV) still raises."""
    entries: list[Entry] = []
    problems: list[ListError] = []
    for number, row in _rows(path):
        if number == 2:
            _require(path, ["name"], row)
        try:
            entries.append(_entry(path, number, row))
        except ListError as error:
            problems.append(error)
    return entries, problems


@dataclass(frozen=True)
class ScoredPair:
    fields: dict[str, str]
    match: Match


def score_pairs(path: Path) -> list[ScoredPair]:
    """Every row of a pairs file (`left`, `right`, optional `left_birth_date`,
    `right_birth_date`) scored."""
    scored: list[ScoredPair] = []
    for number, row in _rows(path):
        if number == 2:
            _require(path, ["left", "right"], row)
        for column in ("left", "right"):
            if not row[column].strip():
                raise ListError(f"{path}: row {number}, column {column}: empty; both names are needed")
        left_birth = _check_date(path, number, "left_birth_date", row.get("left_birth_date", ""))
        right_birth = _check_date(path, number, "right_birth_date", row.get("right_birth_date", ""))
        scored.append(ScoredPair(row, compare([row["left"]], [row["right"]], left_birth, right_birth)))
    return scored


@dataclass(frozen=True)
class ListMatch:
    left: Entry
    right: Entry
    match: Match


def cross_match(left: list[Entry], right: list[Entry] | None = None, min_score: float = THRESHOLD
                ) -> list[ListMatch]:
    """Pairs across two lists (or inside one, when `right` is None) scoring at least
    `min_score`, best first."""
    others = left if right is None else right
    found = []
    with fewer_collections():
        for i, j in candidate_pairs([e.names for e in left], None if right is None else [e.names for e in right]):
            a, b = left[i], others[j]
            match = compare(a.names, b.names, a.birth_date, b.birth_date)
            if match.score >= min_score:
                found.append(ListMatch(a, b, match))
    found.sort(key=lambda m: (-m.match.score, m.left.row, m.right.row))
    return found
