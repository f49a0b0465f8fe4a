"""Matching names held in CSV files: pairs scored row by row, two lists cross-matched through
blocking, and bad files named by file, row and column."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from politzek.names.blocking import MAX_BLOCK, candidate_pairs, name_keys
from politzek.names.compare import compare
from politzek.names.lists import ListError, cross_match, read_list, score_pairs


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize(("left", "right"), [
    ("Калеснікава Марыя", "Kolesnikova Maria"),
    ("Марчанка Ігар", "Igor Marchenko"),
    ("Mixajlov Ivan", "Ivan Mikhailov"),
    ("Ivanov I.", "Иван Иванов"),
])
def test_forms_of_one_name_share_a_blocking_key(left, right):
    (left_keys, left_joined), (right_keys, right_joined) = name_keys(left), name_keys(right)
    assert left_keys & right_keys or left_joined & right_joined


def test_blocking_finds_what_comparing_everyone_finds(tmp_path):
    """On a list small enough to compare every pair, blocking loses no pair at or above the
    threshold."""
    pairs = list(csv.DictReader((Path(__file__).parents[2] / "bench/names/pairs.csv").open(encoding="utf-8")))
    names = [[row["left"]] for row in pairs[:300]] + [[row["right"]] for row in pairs[:300]]
    every = {(i, j) for i in range(len(names)) for j in range(i + 1, len(names))
             if compare(names[i], names[j]).same}
    blocked = set(candidate_pairs(names))
    assert every and every <= blocked
    assert len(blocked) < len(names) * (len(names) - 1) / 2 / 5  # and it compares far fewer


def test_a_frequent_surname_is_blocked_with_the_given_names_initial():
    rng = random.Random(3)
    given = ["Ivan", "Petr", "Sergei", "Oleg", "Igor", "Pavel", "Roman", "Anton"]
    names = [[f"Ivanov {rng.choice(given)} {i}"] for i in range(MAX_BLOCK + 50)] + [["Ivanov S."]]
    found = {j for i, j in candidate_pairs([["Иванов Сергей"]], names)}
    assert found and all(names[j][0].split()[1] == "Sergei" or j == len(names) - 1 for j in found)
    assert len(names) - 1 in found


def test_score_pairs_reads_birth_dates_and_keeps_the_columns(tmp_path):
    path = _write(tmp_path / "pairs.csv", [
        ["left", "right", "left_birth_date", "right_birth_date", "note"],
        ["Maryia Kalesnikava", "Мария Колесникова", "1982", "24.04.1982", "a"],
        ["Ivan Ivanov", "Иван Иванов", "1980-01-02", "1975-03-04", "b"],
    ])
    first, second = score_pairs(path)
    assert first.match.same and first.fields["note"] == "a"
    assert not second.match.same and "differ" in second.match.explain()


def test_cross_match_two_lists(tmp_path):
    viasna = _write(tmp_path / "a.csv", [["id", "name", "birth_date"],
                                         ["v1", "Марыя Калеснікава", "1982"],
                                         ["v2", "Віктар Бабарыка; Viktar Babaryka", "1963-11-09"]])
    sanctions = _write(tmp_path / "b.csv", [["name", "birth_date"],
                                            ["Babariko Eduard Viktorovich", ""],
                                            ["KOLESNIKOVA Maria Aleksandrovna", "1982-04-24"],
                                            ["Babariko Viktor Dmitrievich", "1963-11-09"]])
    found = cross_match(read_list(viasna), read_list(sanctions))
    assert {(m.left.key, m.right.row) for m in found} == {("v1", 3), ("v2", 4)}


@pytest.mark.parametrize(("rows", "message"), [
    ([], "empty; a header row is expected"),
    ([["who"], ["Ivanov"]], "row 1: no column 'name'"),
    ([["name", "birth_date"], ["Ivanov Ivan", "1980"], ["", "1981"]], "row 3, column name: empty"),
    ([["name", "birth_date"], ["Ivanov Ivan", "31.02.1980"]], "row 2, column birth_date: '31.02.1980'"),
    ([["name"], ["Ivanov Ivan", "extra"]], "row 2: more cells than the header has columns"),
])
def test_a_bad_list_names_file_row_and_column(tmp_path, rows, message):
    path = _write(tmp_path / "list.csv", rows)
    with pytest.raises(ListError, match=message) as error:
        read_list(path)
    assert str(path) in str(error.value)


def test_a_list_that_is_not_utf8(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("name\nИванов Иван\n".encode("cp1251"))
    with pytest.raises(ListError, match="not UTF-8"):
        read_list(path)
