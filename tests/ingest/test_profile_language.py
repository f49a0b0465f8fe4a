"""The profile language on files shaped like the ones documenters keep (names invented):
a hostages list in English and Hebrew whose date cells say "Taken from home", whose ages stand
for birth years and whose statuses are sentences; a registry in long format, one row per case,
with several recognizing organizations in one cell and release dates inside a note; deals
named by rows. Each key is also refused when wrong, naming the key or the row and column."""

import pytest

from politzek.ingest.errors import ImportError_
from politzek.ingest.importer import run_import
from politzek.ingest.profile import parse_profile
from politzek.registry import models as m
from politzek.registry.partial_date import PartialDate
from politzek.registry.status import derive
from politzek.registry.timeline import timeline_events

pytestmark = pytest.mark.django_db


def person_status(person):
    return derive(timeline_events(person.events.all())).status

HOSTAGES_PROFILE = """
name = "hostages-test"
format = "csv"
namespace = "hostages-test"
key = "id"

[[names]]
column = "name_en"
kind = "transliteration"
script = "Latn"
primary = true

[[names]]
column = "name_he"
kind = "original"
script = "Hebr"
language = "he"

[[names]]
column = "aliases"
kind = "alias"
split = ";"

[fields]
country = { value = "PS" }
birth_date = { age = "age_at_kidnapping", at = "2023-10-07" }
gender = { column = "sex", map_pattern = { "^(m|male|זכר)$" = "male", "^(f|female|נקבה)$" = "female" } }

[fields.tags]
column = "status"
split = ";"
map_contains = { "murdered" = "killed-in-captivity", "body" = "body-returned", "released" = "released-hostage" }
default = "held-hostage"

[[events]]
kind = "abducted"
date = "kidnapped"
date_map = { "Taken from home" = "2023-10-07", "Taken at the festival" = "2023-10-07" }

[[events]]
kind = "released_exchange"
date = "released"
when_contains = { status = ["released"] }
deal = "deal"

[[events]]
kind = "died_in_custody"
when_contains = { status = ["murdered in captivity"] }

[[events]]
kind = "body_returned"
date = "body_returned"
when_contains = { status = ["body returned"] }
"""
HOSTAGES = (
    "id,name_en,name_he,aliases,age_at_kidnapping,sex,status,kidnapped,released,deal,body_returned\n"
    "H-001,Dana Synthetic,דנה סינתטית,Dana S.;Dani Synthetic,34,F,Released in exchange,Taken from home,2023-11-24,"
    "Synthetic November deal,\n"
    "H-002,Avi Synthetic,אבי סינתטי,,52,זכר,Murdered in captivity; body returned,Taken from home,,,2024-06-20\n"
    "H-003,Noa Synthetic,נועה סינתטית,,21,female,Held,Taken at the festival,,,\n"
)


def _file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _person(namespace, key):
    return m.ExternalKey.objects.get(namespace=namespace, key=key).person


@pytest.fixture
def november_deal():
    return m.Deal.objects.create(name="Synthetic November deal", date="2023-11-24", kind="exchange")


def test_a_hostages_list_reads_as_its_documenters_meant(tmp_path, november_deal):
    profile = parse_profile(HOSTAGES_PROFILE, "hostages.toml")
    result = run_import(profile, _file(tmp_path, "hostages.csv", HOSTAGES), actor="test")
    assert result.written and not result.rejected, result.rejected
    dana = _person("hostages-test", "H-001")
    assert sorted(dana.names.filter(kind="alias").values_list("name", flat=True)) == ["Dana S.", "Dani Synthetic"]
    assert dana.names.get(kind="original").script == "Hebr"
    # 34 on 7 October 2023: born between 8 October 1988 and 7 October 1989, most likely 1989.
    assert dana.birth_date == PartialDate(1989) and dana.gender == "female"
    abducted = dana.events.get(kind="abducted")
    assert str(abducted.date) == "2023-10-07"  # "Taken from home" means the day of the raids
    released = dana.events.get(kind="released_exchange")
    assert released.deal == november_deal and str(released.date) == "2023-11-24"
    assert list(dana.tags.values_list("code", flat=True)) == ["released-hostage"]
    avi = _person("hostages-test", "H-002")
    assert sorted(avi.tags.values_list("code", flat=True)) == ["body-returned", "killed-in-captivity"]
    assert sorted(e.kind for e in avi.events.all()) == ["abducted", "body_returned", "died_in_custody"]
    assert avi.gender == "male" and avi.birth_date == PartialDate(1971)
    noa = _person("hostages-test", "H-003")
    assert person_status(noa).in_custody and list(noa.tags.values_list("code", flat=True)) == ["held-hostage"]
    # Imported again, nothing changes.
    again = run_import(profile, _file(tmp_path, "hostages.csv", HOSTAGES), actor="test")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 3)


@pytest.mark.parametrize(("change", "column", "message"), [
    (("Synthetic November deal", "A deal nobody made"), "deal", "names no deal of the registry"),
    (("Taken from home,2023-11-24", "Taken somewhere,2023-11-24"), "kidnapped",
     "is neither a date nor a text the profile's date_map names"),
    (("34,F", "thirty,F"), "age_at_kidnapping", "is not an age in whole years"),
    (("34,F", "34,X"), "sex", "is not one of the values the profile maps"),
])
def test_a_row_the_profile_cannot_read_is_named_with_its_column(tmp_path, november_deal, change, column, message):
    profile = parse_profile(HOSTAGES_PROFILE, "hostages.toml")
    result = run_import(profile, _file(tmp_path, "hostages.csv", HOSTAGES.replace(*change)), actor="test")
    assert not result.written and not m.Person.objects.exists()
    [error] = result.rejected
    assert (error.row, error.column) == (2, column) and message in error.reason


LONG_PROFILE = """
name = "long-test"
format = "csv"
namespace = "long-test"
key = ["list", "registry_no"]
rows = "many"
spell = "case_no"
date_formats = ["iso", "%d.%m.%Y"]

[organizations.hr-group]
name = "A Synthetic Human Rights Group"
aliases = ["Synthetic HR"]

[[names]]
column = "name"

[fields]
country = { column = "list" }
gender = "gender"

[[events]]
kind = "detained"
date = "detained"

[[events]]
kind = "released_pardon"
date = "release_note"
date_pattern = "released on (\\\\d{2}\\\\.\\\\d{2}\\\\.\\\\d{4})"

[[events]]
kind = "recognized"
date = "recognized_on"
organization_column = "recognized_by"
organization_split = ";"
"""
LONG = """list,registry_no,case_no,name,gender,detained,release_note,recognized_by,recognized_on
BY,1,2021/1,Ганна Сінтэтычная,female,2021-05-10,released on 11.09.2023 (pardon),Вясна; Synthetic HR,2021-06-01
BY,1,2024/7,Ганна Сінтэтычная,female,2024-03-01,,Memorial,2024-04-02
BY,2,2022/3,Павел Сінтэтычны,male,2022-01-15,,viasna,2022-02-01
"""


def test_long_format_gives_one_person_several_spells_and_recognitions(tmp_path):
    profile = parse_profile(LONG_PROFILE, "long.toml")
    result = run_import(profile, _file(tmp_path, "long.csv", LONG), actor="test")
    assert result.written and not result.rejected, result.rejected
    assert m.Person.objects.count() == 2 and len(result.created) == 2
    hanna = _person("long-test", "BY | 1")
    days = sorted((e.kind, str(e.date), e.organization.code if e.organization else "") for e in hanna.events.all())
    assert days == [("detained", "2021-05-10", ""), ("detained", "2024-03-01", ""),
                    ("recognized", "2021-06-01", "hr-group"), ("recognized", "2021-06-01", "viasna"),
                    ("recognized", "2024-04-02", "memorial"), ("released_pardon", "2023-09-11", "")]
    assert person_status(hanna).in_custody  # held again since 2024
    assert m.Organization.objects.get(code="hr-group").name == "A Synthetic Human Rights Group"
    assert m.Organization.objects.get(code="viasna").name == 'Human Rights Centre "Viasna"'
    again = run_import(profile, _file(tmp_path, "long.csv", LONG), actor="test")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    # Rows in another order are the same spells: nothing is added or changed.
    lines = LONG.splitlines()
    shuffled = "\n".join([lines[0], lines[2], lines[3], lines[1]]) + "\n"
    third = run_import(profile, _file(tmp_path, "long.csv", shuffled), actor="test")
    assert (len(third.created), len(third.updated)) == (0, 0) and hanna.events.count() == 6


@pytest.mark.parametrize(("text", "row", "column", "message"), [
    (LONG.replace("female,2024-03-01", "male,2024-03-01"), 3, "gender", "gender differs from the person's row 2"),
    (LONG.replace("2024/7", "2021/1"), 3, "case_no", "the person's row 2 has the same spell"),
    (LONG.replace("Memorial,", "Unknown Group,"), 3, "recognized_by", "is no organization"),
    (LONG.replace("released on 11.09.2023", "freed in autumn"), 2, "release_note", "finds no date in it"),
    (LONG.replace("BY,2,", "BY,,"), 4, "registry_no", "the source key is empty"),
])
def test_long_format_errors_name_the_row_and_column(tmp_path, text, row, column, message):
    profile = parse_profile(LONG_PROFILE, "long.toml")
    result = run_import(profile, _file(tmp_path, "long.csv", text), actor="test")
    assert not result.written
    assert [(e.row, e.column) for e in result.rejected] == [(row, column)], result.rejected
    assert message in result.rejected[0].reason


def test_with_skip_invalid_a_bad_row_of_a_person_is_left_out_whole(tmp_path):
    profile = parse_profile(LONG_PROFILE, "long.toml")
    text = LONG.replace("female,2024-03-01", "male,2024-03-01")
    result = run_import(profile, _file(tmp_path, "long.csv", text), actor="test", skip_invalid=True)
    assert result.written and len(result.rejected) == 1
    assert _person("long-test", "BY | 1").events.filter(kind="detained").count() == 1


@pytest.mark.parametrize(("extra", "where", "message"), [
    ('[[events]]\nkind = "detained"\ndate_value = "2023-13-01"', "events[0].date_value", "is not a date"),
    ('[[events]]\nkind = "detained"\ndate = "d"\ndate_value = "2023"', "events[0].date_value", "not both"),
    ('[[events]]\nkind = "detained"\ndate_map = { x = "2023" }', "events[0].date", "read the date column"),
    ('[[events]]\nkind = "detained"\ndate = "d"\ndate_pattern = "(["', "events[0].date_pattern",
     "not a regular expression"),
    ('[[events]]\nkind = "recognized"\norganization = "x"\norganization_column = "o"',
     "events[0].organization_column", "not both"),
    ('[fields]\ncountry = { age = "a", at = "2023" }', "fields.country.age", "gives a birth date only"),
    ('[fields]\nbirth_date = { age = "a" }', "fields.birth_date.at", "needs the date it was given at"),
    ('[fields]\ngender = { column = "g", map_pattern = { "(" = "male" } }', "fields.gender.map_pattern",
     "not a regular expression"),
    ('[organizations.x]\nkind = "club"', "organizations.x.kind", "'club' is not allowed"),
    ('spell = "s"', "spell", 'rows = "many"'),
    ('rows = "several"', "rows", "choose from one, many"),
])
def test_a_wrong_transform_in_a_profile_names_its_key(extra, where, message):
    text = 'name = "p"\nformat = "csv"\nnamespace = "p"\nkey = "id"\n' + extra + '\n[[names]]\ncolumn = "n"\n'
    if extra.startswith(("spell", "rows")):
        text = 'name = "p"\nformat = "csv"\nnamespace = "p"\nkey = "id"\n' + extra + '\n[[names]]\ncolumn = "n"\n'
    with pytest.raises(ImportError_) as raised:
        parse_profile(text, "p.toml")
    assert f"'{where}'" in str(raised.value) and message in str(raised.value), str(raised.value)

