from pathlib import Path

import pytest

from politzek.ingest.errors import ImportError_
from politzek.ingest.readers import read_rows

HEADER = "source_key,name\n"
CYRILLIC = "p1,Ціханоўская Святлана\np2,Колесникова Мария\n"


def rows(path, file_format="csv", **options):
    return [(row.number, row.values) for row in read_rows(path, file_format, **options)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_encodings_are_detected(tmp_path, encoding):
    text = (HEADER + CYRILLIC).replace("Ціханоўская", "Тихановская")
    path = tmp_path / "people.csv"
    path.write_bytes(text.encode(encoding))
    assert rows(path) == [(2, {"source_key": "p1", "name": "Тихановская Святлана"}),
                          (3, {"source_key": "p2", "name": "Колесникова Мария"})]


def test_mixed_encodings_are_refused_naming_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + "p1,Колесникова\n".encode() + "p2,Бабарико\n".encode("cp1251")
                     + "p3,Лосік\n".encode("cp1251"))
    with pytest.raises(ImportError_) as error:
        rows(path)
    assert "mixes encodings" in str(error.value)
    assert "line 2 is UTF-8 but line 3 is not" in str(error.value)


def test_one_line_in_another_encoding_is_a_bad_row_the_rest_reads(tmp_path):
    """A published UTF-8 file with one line pasted from an old cp1251 sheet: the line is set
    aside (--skip-invalid imports the rest), naming it; a line cut short likewise."""
    path = tmp_path / "one-bad-line.csv"
    good = "".join(f"p{i},Колесникова {i}\n" for i in range(1, 12))
    path.write_bytes(HEADER.encode() + good.encode() + "p20,Бабарико\n".encode("cp1251") + b"p21\n")
    read = list(read_rows(path, "csv"))
    assert [row.number for row in read if row.problem is None] == list(range(2, 13))
    bad, short = [row.problem for row in read if row.problem is not None]
    assert (bad.row, short.row) == (13, 14)
    assert "line 13 is not UTF-8" in bad.reason and "has 1 cells but the header has 2 columns" in short.reason


def test_named_encoding_that_does_not_fit_is_an_error(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes((HEADER + "p1,Колесникова\n").encode("cp1251"))
    with pytest.raises(ImportError_) as error:
        rows(path, encoding="utf-8")
    assert "row 2" in str(error.value) and "not valid utf-8" in str(error.value)
    assert rows(path, encoding="cp1251")[0][1]["name"] == "Колесникова"


def test_semicolon_delimited_and_multiline_cells(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text('source_key;name;note\np1;"Ivanov; Ivan";"two\nlines"\np2;Petrov;x\n', encoding="utf-8")
    assert rows(path) == [(2, {"source_key": "p1", "name": "Ivanov; Ivan", "note": "two\nlines"}),
                          (4, {"source_key": "p2", "name": "Petrov", "note": "x"})]


@pytest.mark.parametrize(("content", "reason", "row"), [
    ('source_key,name\np1,"unclosed\n', "not well-formed CSV", "row 2"),
    ("source_key,name,name\np1,a,b\n", "repeats column 'name'", "row 1"),
    ("", "is empty", ""),
])
def test_malformed_csv_names_the_row(tmp_path, content, reason, row):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportError_) as error:
        rows(path)
    assert reason in str(error.value) and row in str(error.value)
    assert str(path) in str(error.value)


def test_a_row_with_more_cells_than_the_header_is_a_problem_of_that_row(tmp_path):
    """An unquoted comma in one row of a published file: that row is set aside with its reason
    (so --skip-invalid imports the rest); it once stopped the whole file."""
    from politzek.ingest.readers import read_rows

    path = tmp_path / "people.csv"
    path.write_text("source_key,name\np1,Ivanov,extra\np2,Petrov\n", encoding="utf-8")
    first, second = read_rows(path, "csv")
    assert first.problem is not None and first.problem.row == 2 and first.problem.value == "extra"
    assert "has 3 cells but the header has 2 columns" in first.problem.reason
    assert (second.number, second.values, second.problem) == (3, {"source_key": "p2", "name": "Petrov"}, None)


def test_xlsx(tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["source_key", "name", "detained_on"])
    sheet.append(["p1", "Колесникова Мария", dt.datetime(2020, 9, 7)])
    sheet.append([None, None, None])
    sheet.append([2, "Бабарико Виктор", "2020-06"])
    book.save(tmp_path / "people.xlsx")
    assert rows(tmp_path / "people.xlsx", "xlsx") == [
        (2, {"source_key": "p1", "name": "Колесникова Мария", "detained_on": "2020-09-07"}),
        (4, {"source_key": "2", "name": "Бабарико Виктор", "detained_on": "2020-06"}),
    ]


def test_ods(tmp_path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="people")
    for values in (["source_key", "name"], ["p1", "Колесникова Мария"], ["p2", "Бабарико Виктор"]):
        row = TableRow()
        for value in values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(tmp_path / "people.ods"))
    assert rows(tmp_path / "people.ods", "ods") == [
        (2, {"source_key": "p1", "name": "Колесникова Мария"}),
        (3, {"source_key": "p2", "name": "Бабарико Виктор"}),
    ]


def test_json_is_flattened_with_slashes(tmp_path):
    path = tmp_path / "people.json"
    path.write_text('[{"id": 1, "prison": {"title": "SIZO-1"}, "articles": ["342", "130"]}]', encoding="utf-8")
    assert rows(path, "json") == [(1, {"id": "1", "prison/title": "SIZO-1", "articles/0": "342", "articles/1": "130"})]


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "people.json"
    path.write_text('[\n{"id": 1,}\n]', encoding="utf-8")
    with pytest.raises(ImportError_) as error:
        rows(path, "json")
    assert "row 2" in str(error.value) and "not valid JSON" in str(error.value)


def test_real_viasna_export(shared_data: Path):
    found = rows(shared_data / "viasna" / "prisoners_sample6.json", "json")
    assert len(found) == 6
    assert found[0][1]["prison/title"] == "Pre-trial detention center No. 1"


def test_real_csv_with_multiline_cells_and_doubled_quotes(shared_data: Path):
    found = rows(shared_data / "iran_memorial" / "iranvictims_2026.csv")
    assert len(found) == 4666
    assert all(set(values) == set(found[0][1]) for _n, values in found)


def test_real_yaml_folder(shared_data: Path):
    found = rows(shared_data / "iran_memorial" / "victims_2022", "yaml")
    assert len(found) == 1058
    assert all(number.endswith(".yaml") for number, _v in found)


def test_bytes_that_are_neither_utf8_nor_cp1251_are_refused(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(HEADER.encode() + b"p1,\x98\n")  # 0x98 is unassigned in cp1251
    with pytest.raises(ImportError_) as error:
        rows(path)
    assert "reads as neither cp1251 (Cyrillic) nor cp1252" in str(error.value) and "row 2" in str(error.value)


# Names with the letters Western European code pages hold (Latin-1 / cp1252): each letter read
# as cp1251 would be Cyrillic inside a Latin word ("Josй Mьller"): issue 33's mojibake.
WESTERN = ["José Müller", "Françoise Peña", "Gerhard Schröder", "Ángel Núñez", "Søren Åberg"]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_western_european_file_is_read_as_such_not_as_cyrillic(tmp_path, encoding):
    from politzek.ingest.readers import text_encoding

    path = tmp_path / "western.csv"
    path.write_bytes((HEADER + "".join(f"w{i},{name}\n" for i, name in enumerate(WESTERN))).encode(encoding))
    assert [values["name"] for _n, values in rows(path)] == WESTERN
    assert text_encoding(path, "csv", None) == "cp1252"


def test_a_belarusian_cp1251_file_stays_cyrillic(tmp_path):
    from politzek.ingest.readers import text_encoding

    path = tmp_path / "belarus.csv"
    path.write_bytes((HEADER + CYRILLIC + "p3,Бяляцкі Алесь\n").encode("cp1251"))
    assert [values["name"] for _n, values in rows(path)] == ["Ціханоўская Святлана", "Колесникова Мария",
                                                             "Бяляцкі Алесь"]
    assert text_encoding(path, "csv", None) == "cp1251"
