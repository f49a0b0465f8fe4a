"""politzek's template as documenters keep it: charges with their code, case number, court,
judge, sentence, aliases, several recognitions, house arrest, death in custody; written as an
XLSX to fill (explained in en/ru/be/uk on a second sheet), filled, and imported as it is."""

import io

import pytest
from openpyxl import load_workbook

from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.ingest.template import LANGUAGES, template_columns, template_csv, template_xlsx
from politzek.registry import models as m
from tests.commands import run_politzek_here

PROFILE = load_profile("politzek-csv")
# Two invented people: one held after a sentence, one who died in custody.
FULL = {
    "source_key": "t1", "name": "Прыкладная Ганна Іванаўна", "name_latin": "Hanna Prykladnaja",
    "aliases": "Анна Примерная; Hanna P.", "country": "BY", "gender": "f", "birth_date": "1985",
    "citizenships": "BY", "visibility": "public", "detained_on": "2021-05-10", "sentenced_on": "2021-09-01",
    "case_number": "1-123/2021", "court": "Synthetic District Court", "judge": "Прыкладны І. І.",
    "code_system": "BY-CC", "articles": "342; ч. 2 ст. 361-1", "sentence": "3 года колонии",
    "recognized_by": "Вясна; memorial", "recognized_on": "2021-06-01", "sources": "https://example.org/t1",
}
DIED = {"source_key": "t2", "name": "Прыкладны Павел", "country": "BY", "visibility": "public",
        "detained_on": "2022-01-10", "house_arrest_on": "2022-03-01", "died_in_custody_on": "2023-02-02"}


def test_the_template_and_the_profile_name_the_same_columns():
    assert {column.name for column in template_columns()} == PROFILE.columns()
    assert template_csv().startswith("source_key,name,name_latin,aliases,country")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workbook_explains_every_column_in_the_language(language):
    book = load_workbook(io.BytesIO(template_xlsx(language)))
    people, columns = book.worksheets
    assert [cell.value for cell in people[1]] == [column.name for column in template_columns()]
    explained = list(columns.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in explained] == [column.name for column in template_columns()]
    text = {row[0]: row[2] for row in explained}["detained_on"]
    assert text.startswith({"en": "Date of detention; “unknown”", "ru": "Дата задержания; «неизвестно»",
                            "be": "Дата затрымання; «невядома»", "uk": "Дата затримання; «невідомо»"}[language])


def _filled(tmp_path, rows):
    book = load_workbook(io.BytesIO(template_xlsx("be")))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    path = tmp_path / "filled.xlsx"
    book.save(path)
    return path


@pytest.mark.django_db
def test_a_filled_workbook_imports_every_column(tmp_path):
    result = run_import(PROFILE, _filled(tmp_path, [FULL, DIED]), actor="test")
    assert result.written and not result.rejected, result.rejected
    hanna = m.ExternalKey.objects.get(namespace="politzek-csv", key="t1").person
    assert sorted(hanna.names.filter(kind="alias").values_list("name", flat=True)) == ["Hanna P.", "Анна Примерная"]
    [case] = hanna.cases.all()
    assert (case.case_number, case.jurisdiction, case.court.name) == ("1-123/2021", "BY", "Synthetic District Court")
    assert sorted(case.charges.values_list("code_system", "article", "part")) == [
        ("BY-CC", "342", ""), ("BY-CC", "361-1", "2")]
    sentence = case.sentences.get()
    assert (sentence.kind, sentence.term_days) == ("colony", 1095)
    assert case.roles.get().official.names.filter(name="Прыкладны І. І.").exists()
    recognizers = sorted(hanna.events.filter(kind="recognized").values_list("organization__code", flat=True))
    assert recognizers == ["memorial", "viasna"]
    pavel = m.ExternalKey.objects.get(namespace="politzek-csv", key="t2").person
    assert sorted(pavel.events.values_list("kind", flat=True)) == ["detained", "died_in_custody", "house_arrest"]


@pytest.mark.django_db
def test_a_recognition_imported_by_the_old_template_is_not_doubled(tmp_path):
    """The template's recognitions were one rule per organization (keys …:recognized and
    …:recognized-memorial); now one rule names each organization of the cell. A file imported
    before and again now keeps its recognitions, one each."""
    path = tmp_path / "old.csv"
    header = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
              "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources\n")
    path.write_text(header + "o1,Прыклад Ігар,,BY,,m,1980,,,,public,2021-01-01,,viasna,2021-02-01,,,\n",
                    encoding="utf-8")
    run_import(PROFILE, path, actor="test")
    event = m.Event.objects.get(kind="recognized")
    m.Event.objects.filter(pk=event.pk).update(source_key="politzek-csv:o1:recognized")  # as the old rule kept it
    again = run_import(PROFILE, path, actor="test")
    assert m.Event.objects.filter(kind="recognized").count() == 1
    assert m.Event.objects.get(kind="recognized").source_key == "politzek-csv:o1:recognized:viasna"
    assert len(again.updated) == 1
    third = run_import(PROFILE, path, actor="test")
    assert len(third.unchanged) == 1


@pytest.mark.parametrize(("change", "column", "message"), [
    ({"articles": "342", "code_system": ""}, "code_system", "the articles need their code"),
    ({"code_system": "Criminal Code"}, "code_system", "is not a code such as BY-CC"),
    ({"articles": "the usual one"}, "articles", "names no article"),
    ({"recognized_by": "Friends of Nobody"}, "recognized_by", "is no organization"),
])
@pytest.mark.django_db
def test_a_wrong_cell_of_the_template_is_named(tmp_path, change, column, message):
    result = run_import(PROFILE, _filled(tmp_path, [{**FULL, **change}]), actor="test")
    assert not result.written
    assert [(e.row, e.column) for e in result.rejected] == [(2, column)] and message in result.rejected[0].reason


@pytest.mark.django_db
def test_the_template_command(tmp_path):
    out = tmp_path / "people.xlsx"
    written = run_politzek_here("template", str(out), "--lang", "uk")
    assert written.returncode == 0 and load_workbook(out).sheetnames == ["Люди", "Стовпці"]
    for args, message in (((str(out),), "already exists"), ((str(tmp_path / "x.xlsx"), "--lang", "de"),
                                                             "--lang: 'de' is not one of en, ru, be, uk")):
        result = run_politzek_here("template", *args)
        assert result.returncode == 2 and message in result.stderr
