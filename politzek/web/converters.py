"""The path converter for record ids (`<id:person_id>`): Django's `int` takes any number of
digits, and a 20-digit id then overflows the database's integer (SQLite raises OverflowError:
a 500). An id longer than a 64-bit integer can hold is no record: 404."""

from __future__ import annotations


class RecordId:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
