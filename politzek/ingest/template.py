"""politzek's own template (profile politzek-csv) as a file to fill in: a CSV header, or an
XLSX workbook whose first sheet is the header to fill and whose second explains each column
in English, Russian, Belarusian or Ukrainian, with an invented example (data/template_columns.toml)."""

from __future__ import annotations

import io
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("en", "ru", "be", "uk")
FORMATS = ("csv", "xlsx")
# Sheet and heading words of the workbook, in each language.
WORDS = {
    "en": ("People", "Columns", ("column", "required", "what to write", "example"), "yes"),
    "ru": ("Люди", "Столбцы", ("столбец", "обязательный", "что писать", "пример"), "да"),
    "be": ("Людзі", "Слупкі", ("слупок", "абавязковы", "што пісаць", "прыклад"), "так"),
    "uk": ("Люди", "Стовпці", ("стовпець", "обов'язковий", "що писати", "приклад"), "так"),
}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    example: str
    explained: dict[str, str]


@cache
def template_columns() -> tuple[Column, ...]:
    text = resources.files("politzek.ingest").joinpath("data/template_columns.toml").read_text(encoding="utf-8")
    return tuple(Column(spec["name"], spec.get("required", False), spec.get("example", ""),
                        {language: spec[language] for language in LANGUAGES})
                 for spec in tomllib.loads(text)["columns"])


def template_csv() -> str:
    return ",".join(column.name for column in template_columns()) + "\n"


def template_xlsx(language: str) -> bytes:
    """The workbook: the header to fill on the first sheet (the one `politzek import` reads),
    the columns explained on the second."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    people_title, columns_title, headings, yes = WORDS[language]
    book = Workbook()
    people = book.active
    people.title = people_title
    people.append([column.name for column in template_columns()])
    for cell in people[1]:
        cell.font = Font(bold=True)
    people.freeze_panes = "A2"
    explained = book.create_sheet(columns_title)
    explained.append(list(headings))
    for cell in explained[1]:
        cell.font = Font(bold=True)
    for column in template_columns():
        explained.append([column.name, yes if column.required else "", column.explained[language], column.example])
    for letter, width in zip("ABCD", (20, 14, 80, 30), strict=True):
        explained.column_dimensions[letter].width = width
    for row in explained.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
