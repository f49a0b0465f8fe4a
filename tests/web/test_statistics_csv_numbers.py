"""The statistics CSV as a spreadsheet reads it: numbers with no thousands separator in any
language (a Russian page formats 1 088 with a no-break space, an English one 1,088; either in a
CSV cell is text to a spreadsheet), and every row and the file name naming the filters the
figures were counted under."""

from __future__ import annotations

import csv
import io

import pytest

from politzek.demo.generator import create_demo

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_counts_are_plain_numbers_and_rows_name_their_filters(client):
    create_demo(people=2500, seed=9)  # enough people for four-digit counts
    for prefix in ("", "/ru"):  # 1,088 and 1 088 (a no-break space): the two ways separators come
        rows = _rows(client.get(f"{prefix}/statistics.csv", {"country": "all", "period": "year"}))
        header, body = rows[0], rows[1:]
        numbers = [cell for row in body for cell in row[5:]]  # after country, organization, period, dates
        assert body and all(cell.isdigit() for cell in numbers), (prefix, [c for c in numbers if not c.isdigit()][:5])
        assert max(int(cell) for cell in numbers) >= 1000  # where a separator would have shown
        assert len(header) == len(body[0]) and all(row[:2] == ["all", "all"] for row in body)
    by_memorial = client.get("/statistics.csv", {"country": "all", "organization": "memorial", "period": "year"})
    assert 'filename="politzek-statistics-all-memorial-year-' in by_memorial["Content-Disposition"]
    rows = _rows(by_memorial)
    assert rows[0][:2] == ["Country", "Recognized by"] and all(row[1] == "memorial" for row in rows[1:])
