"""Read source files into rows of text: CSV (UTF-8, UTF-8 with BOM, cp1251), XLSX, ODS, JSON
and YAML. Every row carries the number a user sees in their editor or spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from politzek.ingest.errors import ImportError_, RowError
from politzek.nesting import MAX_NESTING, TooDeep, nesting_depth, parsed_with_bounded_nesting

ENCODINGS = ("utf-8", "utf-8-sig", "cp1251", "cp1252", "latin-1")
# Ceilings for hostile or broken files, far above any real list (the largest real registry
# is tens of thousands of rows): a spreadsheet of 3.7 KB may declare 200 million repeated
# rows, a zip of kilobytes may unpack to gigabytes, a YAML file of 600 bytes may expand by
# aliases to billions of nodes.
MAX_ROWS = 1_000_000
MAX_CELLS = 20_000_000
# A spreadsheet row's width in LibreOffice and Excel alike.
MAX_COLUMNS = 16_384
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # XLSX, read as a stream
# odfpy builds the whole document in memory, several times the XML's size: ODS is held lower.
MAX_UNPACKED_ODS_BYTES = 64 * 1024 * 1024
MAX_YAML_NODES = 2_000_000


@dataclass(frozen=True)
class Row:
    number: int | str  # line or sheet row for tables, file name for a folder of YAML files
    values: dict[str, str | None]
    # What is wrong with the row as a whole (more cells than the header): the row is set aside
    # like one with a bad value, so --skip-invalid imports the rest.
    problem: RowError | None = None


def _fail(path: Path, reason: str, row: int | str | None = None, column: str | None = None,
          value: str | None = None) -> ImportError_:
    return ImportError_(RowError(str(path), row, column, value, reason))


def decode(path: Path, data: bytes, encoding: str | None) -> str:
    """The text of a file in a named or detected encoding (decode_named)."""
    return decode_named(path, data, encoding)[0]


def decode_named(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of a file and the encoding it was read in: the one named, else a detected
    one; never a silent guess.

    UTF-8 (with or without BOM) is taken when the bytes are valid UTF-8. Otherwise, if the
    file has no valid multi-byte UTF-8 sequence at all (a file that mixes the two is refused,
    naming the first line that is not UTF-8), it is read as cp1251 when that gives Cyrillic
    words, or as cp1252 (Western European, Latin-1's superset) when that gives Latin words
    with accents: "José Müller" in Latin-1 is "Josй Mьller" in cp1251, Cyrillic letters
    inside Latin words, which no real Russian or Belarusian text has. Anything else must be
    named with --encoding.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise _fail(path, f"unknown encoding {encoding!r}; use one of {', '.join(ENCODINGS)}") from None
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise _fail(path, f"is not valid {encoding} (byte {error.start})", row=line) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        bad_line = data[: error.start].count(b"\n") + 1
        first_bad = error.start
    valid_utf8_lines = [
        number for number, line in enumerate(data.split(b"\n"), start=1)
        if not line.isascii() and _is_utf8(line)
    ]
    if valid_utf8_lines:
        raise _fail(path, f"mixes encodings: line {valid_utf8_lines[0]} is UTF-8 but line {bad_line} is not "
                          f"(byte {first_bad}); save the file in one encoding", row=bad_line)
    cyrillic = data.decode("cp1251", errors="replace")
    if "\ufffd" not in cyrillic and _reads_as_cyrillic(cyrillic):
        return cyrillic, "cp1251"
    western = data.decode("cp1252", errors="replace")
    if "\ufffd" not in western and _reads_as_western(western):
        return western, "cp1252"
    raise _fail(path, "is not UTF-8 and reads as neither cp1251 (Cyrillic) nor cp1252 (Western European); "
                      "name the encoding with --encoding", row=bad_line)


_WORD = re.compile(r"[^\W\d_]+")


def _reads_as_cyrillic(text: str) -> bool:
    """Cyrillic words, and (almost) none that mix Cyrillic and Latin letters."""
    words = [w for w in _WORD.findall(text) if any("\u0400" <= c <= "\u04ff" for c in w)]
    mixed = [w for w in words if any(c.isascii() for c in w)]
    return bool(words) and len(mixed) <= len(words) // 10


def _reads_as_western(text: str) -> bool:
    """Latin words with a few accented letters, not words made of accented letters alone
    (which is Cyrillic or Greek read in the wrong code page)."""
    accented = [w for w in _WORD.findall(text) if not w.isascii()]
    all_accented = [w for w in accented if len(w) >= 3 and not any(c.isascii() for c in w)]
    return bool(accented) and len(all_accented) <= len(accented) // 10


# A UTF-8 file with a few lines in another encoding (one pasted from an old spreadsheet) is
# read with those lines set aside as bad rows; past this share, the file is in two encodings
# and is refused whole.
MAX_BAD_LINES_SHARE = 0.1


def decode_lines(path: Path, data: bytes, encoding: str | None) -> tuple[str, dict[int, str]]:
    """The text of a file, and the lines (by number) that are not UTF-8 when a few lines of a
    UTF-8 file are not: those are read with replacement characters, for the caller to set aside."""
    try:
        return decode(path, data, encoding), {}
    except ImportError_ as error:
        if encoding or "mixes encodings" not in error.error.reason:
            raise
        lines = data.split(b"\n")
        bad: dict[int, str] = {}
        for number, line in enumerate(lines, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as problem:
                bad[number] = f"byte {problem.start} of the line"
        if 1 in bad or len(bad) > max(1, len(lines) * MAX_BAD_LINES_SHARE):
            raise
        return data.decode("utf-8-sig", errors="replace"), bad


def text_encoding(path: Path, file_format: str, encoding: str | None) -> str | None:
    """The encoding a text file (CSV, JSON, a YAML file) is read in, to say so in the import's
    summary; None for spreadsheets and folders, or when the file cannot be decoded (reading it
    then says why)."""
    if file_format not in ("csv", "json", "yaml") or not path.is_file():
        return None
    try:
        return decode_named(path, path.read_bytes(), encoding)[1]
    except ImportError_:
        return "utf-8" if not encoding else encoding  # a few bad lines of a UTF-8 file, set aside


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_rows(path: Path, file_format: str, encoding: str | None = None,
              records_path: str | None = None) -> Iterator[Row]:
    """Rows of the file in the given format (csv, xlsx, ods, json, yaml)."""
    if not path.exists():
        raise _fail(path, "no such file or folder")
    readers = {"csv": _csv_rows, "xlsx": _xlsx_rows, "ods": _ods_rows, "json": _json_rows, "yaml": _yaml_rows}
    if file_format not in readers:
        raise _fail(path, f"unknown format {file_format!r}; known: {', '.join(readers)}")
    if file_format == "json":
        return _json_rows(path, encoding, records_path)
    return readers[file_format](path, encoding)  # type: ignore[operator]


def _header(path: Path, header: list[Any]) -> list[str]:
    names = [("" if cell is None else str(cell)).strip() for cell in header]
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        if name in seen:
            raise _fail(path, f"the header repeats column {name!r}", row=1, column=name)
        seen.add(name)
    return names


def _csv_rows(path: Path, encoding: str | None) -> Iterator[Row]:
    text, bad_lines = decode_lines(path, path.read_bytes(), encoding)
    # The delimiter is whichever of , ; or tab the header uses most (spreadsheets in Russian
    # and Belarusian locales write `;`). The rest is standard CSV quoting; csv.Sniffer guesses
    # quoting wrongly on cells with doubled quotes.
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise _fail(path, "is empty: no header row") from None
    except csv.Error as error:
        raise _fail(path, f"is not well-formed CSV: {error}", row=1) from None
    columns = _header(path, header)
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _fail(path, f"is not well-formed CSV: {error}", row=line) from None
        if cells and any(cell.strip() for cell in cells):
            problem = _row_problem(path, line, reader.line_num, cells, len(columns), bad_lines)
            if problem is not None:
                yield Row(line, {}, problem)
                line = reader.line_num + 1
                continue
            yield Row(line, {name: (cells[i] if i < len(cells) else None) for i, name in enumerate(columns) if name})
        line = reader.line_num + 1


def _row_problem(path: Path, first: int, last: int, cells: list[str], columns: int,
                 bad_lines: dict[int, str]) -> RowError | None:
    """What makes a CSV row unreadable as a whole (set aside by --skip-invalid): a line in
    another encoding, more cells than the header (an unquoted comma), or fewer (a line cut
    short, or a quote that swallowed the line break)."""
    bad = [number for number in range(first, last + 1) if number in bad_lines]
    if bad:
        return RowError(str(path), first, None, None, f"line {bad[0]} is not UTF-8 ({bad_lines[bad[0]]}) while "
                        "the rest of the file is; save it again as UTF-8")
    if len(cells) > columns and any(cell.strip() for cell in cells[columns:]):
        return RowError(str(path), first, None, cells[columns], (
            f"has {len(cells)} cells but the header has {columns} columns "
            "(a comma or semicolon inside a cell without quotes?)"))
    if len(cells) < columns:
        return RowError(str(path), first, None, None, (
            f"has {len(cells)} cells but the header has {columns} columns (a line cut short?)"))
    return None


def _sheet_rows(path: Path, rows: Iterator[list[Any]]) -> Iterator[Row]:
    try:
        columns = _header(path, next(rows))
    except StopIteration:
        raise _fail(path, "is empty: no header row") from None
    cells_read = 0
    for number, cells in enumerate(rows, start=2):
        cells_read += len(cells)
        if number > MAX_ROWS + 1 or cells_read > MAX_CELLS:
            raise _fail(path, f"has more than {MAX_ROWS:,} rows or {MAX_CELLS:,} cells (counting repeated ones); "
                              "split it into smaller files", row=number)
        texts = [_cell_text(cell) for cell in cells]
        if any(texts):
            yield Row(number, {name: (texts[i] if i < len(texts) else None) for i, name in enumerate(columns) if name})


def _cell_text(cell: Any) -> str | None:
    if cell is None:
        return None
    if hasattr(cell, "isoformat"):
        # Spreadsheet dates arrive as datetime; a date with no time is written as a day.
        text = cell.isoformat()
        return text[:10] if text.endswith("T00:00:00") or len(text) == 10 else text
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _check_unpacked_size(path: Path, kind: str) -> None:
    """Refuse a spreadsheet (a zip) whose parts unpack to more than its ceiling: the memory a
    read takes grows with it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise _fail(path, f"cannot be read as {kind}: {error}") from None
    ceiling = MAX_UNPACKED_ODS_BYTES if kind == "ODS" else MAX_UNPACKED_BYTES
    if unpacked > ceiling:
        raise _fail(path, f"unpacks to {unpacked // 2**20:,} MB, more than {ceiling // 2**20} MB; "
                          "export the sheet as CSV")


def _xlsx_rows(path: Path, encoding: str | None) -> Iterator[Row]:
    import openpyxl

    _check_unpacked_size(path, "XLSX")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors
        raise _fail(path, f"cannot be read as XLSX: {error}") from None
    try:
        yield from _sheet_rows(path, (list(row) for row in book.worksheets[0].iter_rows(values_only=True)))
    finally:
        book.close()


def _ods_rows(path: Path, encoding: str | None) -> Iterator[Row]:
    from odf import opendocument, table, teletype

    _check_unpacked_size(path, "ODS")
    try:
        document = opendocument.load(str(path))
    except Exception as error:  # odfpy raises zipfile and XML errors
        raise _fail(path, f"cannot be read as ODS: {error}") from None
    sheets = document.spreadsheet.getElementsByType(table.Table)
    if not sheets:
        raise _fail(path, "has no sheet")

    def rows() -> Iterator[list[Any]]:
        for number, row in enumerate(sheets[0].getElementsByType(table.TableRow), start=1):
            cells = _ods_row_cells(path, number, row, table, teletype)
            repeat_rows = int(row.getAttribute("numberrowsrepeated") or 1)
            if not any(cells):
                repeat_rows = min(repeat_rows, 1)  # trailing blank rows are declared by the million
            for _ in range(repeat_rows):  # _sheet_rows stops at MAX_ROWS, counting these
                yield cells

    yield from _sheet_rows(path, rows())


def _ods_row_cells(path: Path, number: int, row: Any, table: Any, teletype: Any) -> list[Any]:
    """One ODS row's cells, counted as they are read: a row of a million cells each declared
    repeated a thousand times (a 164-KB file) is refused at the ceiling, not built first.
    Empty cells repeated to the sheet's edge, which every spreadsheet writes, cost nothing."""
    cells: list[Any] = []
    declared = 0
    blanks = 0  # blank cells not yet written: only a filled cell after them needs them
    for cell in row.getElementsByType(table.TableCell):
        repeat = max(1, int(cell.getAttribute("numbercolumnsrepeated") or 1))
        declared += repeat
        if declared > MAX_CELLS:
            raise _fail(path, f"declares more than {MAX_CELLS:,} cells in one row (counting repeated ones); "
                              "export the sheet as CSV", row=number)
        value = cell.getAttribute("datevalue") or teletype.extractText(cell) or None
        if value is None:
            blanks += repeat
            continue
        if len(cells) + blanks + repeat > MAX_COLUMNS:
            raise _fail(path, f"has more than {MAX_COLUMNS:,} columns in one row", row=number)
        cells.extend([None] * blanks + [value] * repeat)
        blanks = 0
    return cells


def _flatten(record: Any, prefix: str = "") -> dict[str, str | None]:
    """Nested JSON/YAML as flat `a/b/0` keys, the way Viasna's export already names them."""
    flat: dict[str, str | None] = {}
    if isinstance(record, dict):
        for key, value in record.items():
            flat.update(_flatten(value, f"{prefix}{key}/"))
    elif isinstance(record, list):
        for index, value in enumerate(record):
            flat.update(_flatten(value, f"{prefix}{index}/"))
    else:
        flat[prefix[:-1]] = None if record is None else str(record)
    return flat


def _json_rows(path: Path, encoding: str | None, records_path: str | None = None) -> Iterator[Row]:
    try:
        data = parsed_with_bounded_nesting(json.loads, decode(path, path.read_bytes(), encoding))
    except TooDeep as error:
        raise _fail(path, str(error)) from None
    except json.JSONDecodeError as error:
        raise _fail(path, f"is not valid JSON: {error.msg}", row=error.lineno) from None
    for part in (records_path or "").split("/"):
        if part:
            data = data.get(part) if isinstance(data, dict) else None
    if not isinstance(data, list):
        raise _fail(path, f"holds no list of records{f' at {records_path!r}' if records_path else ''}")
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise _fail(path, "is not an object", row=index)
        yield Row(index, _flatten(record))


def _yaml_rows(path: Path, encoding: str | None) -> Iterator[Row]:
    import yaml

    files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("_")) \
        if path.is_dir() else [path]
    for file in files:
        try:
            data = _load_yaml(file, decode(file, file.read_bytes(), encoding))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise _fail(file, f"is not valid YAML: {getattr(error, 'problem', error)}",
                        row=mark.line + 1 if mark else None) from None
        except RecursionError:
            raise _fail(file, f"nests deeper than {MAX_NESTING} levels; no list or file politzek reads needs that") \
                from None
        if nesting_depth(data) > MAX_NESTING:
            raise _fail(file, f"nests deeper than {MAX_NESTING} levels; no list or file politzek reads needs that")
        records = data if isinstance(data, list) else [data]
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise _fail(file, "is not a mapping of fields", row=index)
            yield Row(file.name if len(records) == 1 else f"{file.name}#{index}", _flatten(record))


def _load_yaml(path: Path, text: str) -> Any:
    """yaml.safe_load, refusing a document whose aliases would expand it past MAX_YAML_NODES
    (a "billion laughs" file): the node graph is checked before any Python object is built."""
    import yaml

    loader = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            expanded = _expanded_size(node, {})
        except _Cycle:
            raise _fail(path, "holds a value that contains itself (a YAML alias to its own parent)") from None
        if expanded > MAX_YAML_NODES:
            raise _fail(path, f"expands through YAML aliases to more than {MAX_YAML_NODES:,} values; "
                              "write the records out instead of using aliases")
        return loader.construct_document(node)
    finally:
        loader.dispose()


class _Cycle(Exception):
    pass


def _expanded_size(node: Any, sizes: dict[int, int]) -> int:
    """How many nodes the document holds once every alias is written out (each shared node
    counted once per use; each computed once). Raises _Cycle for a node inside itself."""
    import yaml

    known = sizes.get(id(node))
    if known == -1:
        raise _Cycle
    if known is not None:
        return known
    sizes[id(node)] = -1  # being counted
    if isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    else:
        total = 1
    sizes[id(node)] = min(total, MAX_YAML_NODES + 1)
    return sizes[id(node)]
