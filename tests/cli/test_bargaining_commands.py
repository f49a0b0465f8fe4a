"""`politzek vet` and `politzek deals` as a user runs them: a registry imported from CSV, a list
vetted in each format (subprocesses), a deal recorded from a file, its impact and price (the
same commands in-process on the test database), bad deal files refused whole."""

from __future__ import annotations

import csv
import io
import json

import pytest

from politzek.registry.models import Concession, Deal, DealRelease
from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow

COLUMNS = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
           "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources")
PEOPLE = COLUMNS + """
p1,Ганна Сцяпанава,Hanna Stsiapanava,BY,,f,1985-04-12,,BY,,public,2021-05-10,,viasna,2021-06-01,,,
p2,Павел Жук,Pavel Zhuk,BY,,m,1979,,BY,,public,2024-01-15,,,,,,
p3,Уладзімір Краўчук,Uladzimir Krauchuk,BY,,m,1958,,BY,,public,2020-08-20,,viasna,2020-09-01,,,
p4,Таццяна Карповіч,Tatsiana Karpovich,BY,,f,1990,,BY,,restricted,2022-02-02,,viasna,2022-03-01,,,
"""
LIST = """name,birth_date,citizenship,notes,side
Hanna Stsiapanava,1985-04-12,BY,,EU
Жук Павел,,BY,,EU
Oleg Nieznany,1961,RU,convicted of murder,RU
Andriy Kovalenko,,UA,військовополонений,RU
"""
DEAL = """
name = "Test release for concessions"
date = "2025-09-11"
kind = "concession_release"
parties = ["BY", "US"]
[[sources]]
url = "https://example.org/test-deal"
title = "A test statement"
[[released]]
name = "Hanna Stsiapanava"
birth_date = "1985-04-12"
destination = "LT"
[[released]]
name = "Someone Unlisted"
[[concessions]]
kind = "sanctions_relief"
program = "test sanctions program"
entity = "a test airline"
value_usd = 1000000
counterparty = "US"
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory, database_vendor):
    from tests.databases import new_database

    folder = tmp_path_factory.mktemp("bargaining")
    with new_database(folder, migrated=True) as url:
        source = folder / "people.csv"
        source.write_text(PEOPLE, encoding="utf-8")
        imported = run_politzek("import", "politzek-csv", str(source), db=url)
        assert imported.returncode == 0, imported.stderr
        yield url, folder


@pytest.fixture
def registry_here(db, tmp_path):
    """The same people imported by the same command in-process, on the test database, for the
    test that runs a dozen commands (each a second or more as a new process)."""
    imported = run_politzek_here("import", "politzek-csv", _file(tmp_path, "people.csv", PEOPLE))
    assert imported.returncode == 0, imported.stderr


def _file(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_vet_writes_markdown_for_a_negotiator(registry):
    url, folder = registry
    result = run_politzek("vet", _file(folder, "list.csv", LIST), "--country", "BY", db=url)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "| recognized political prisoner | 1 |" in text
    # The imported record of Pavel Zhuk holds no charge; the other two are not in the registry.
    assert "| does not meet the criteria | 0 |" in text and "| not documented | 3 |" in text
    assert "### Row 2: Hanna Stsiapanava, proposed by EU: recognized political prisoner" in text
    assert "**Flag: violence against persons" in text and "**Flag: combatant or prisoner of war" in text
    assert "missing from the list" in text and "Краўчук" in text
    assert "Карповіч" not in text and "Karpovich" not in text  # restricted: never to the public command


def test_vet_csv_and_json_carry_the_same_verdicts(registry):
    url, folder = registry
    path = _file(folder, "list.csv", LIST)
    rows = list(csv.DictReader(io.StringIO(run_politzek("vet", path, "--format", "csv", db=url).stdout)))
    data = json.loads(run_politzek("vet", path, "--format", "json", db=url).stdout)
    assert [r["verdict"] for r in rows] == [e["verdict"] for e in data["entries"]] == [
        "recognized", "not_documented", "not_documented", "not_documented"]
    # The organization imported by its code reads by its name (registry/data/organizations.toml).
    assert 'recognized by Human Rights Centre "Viasna" on 2021-06-01' in rows[0]["reasons"]
    assert rows[0]["recognized_by"] == 'Human Rights Centre "Viasna"'
    assert rows[0]["person_name_other_script"] == "Hanna Stsiapanava"
    assert data["summary"]["entries"] == 4 and data["rules"].startswith("politzek-vetting")
    # Citizens of Russia and Ukraine on a list whose detaining state is Belarus, by the list's own word.
    assert rows[2]["flags"] == "foreign_citizen violence" and rows[3]["flags"] == "combatant foreign_citizen"


def test_vet_writes_a_workbook_and_a_printable_page_as_of_a_day(registry):
    url, folder = registry
    path = _file(folder, "list.csv", LIST)
    workbook = folder / "vetting.xlsx"
    result = run_politzek("vet", path, "--format", "xlsx", "--out", str(workbook), "--at", "2025-01-01",
                          "--to-regime", "side=RU", db=url)
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    rows = list(load_workbook(workbook)["Entries"].iter_rows(values_only=True))
    verdicts = [row[rows[0].index("verdict")] for row in rows[1:]]
    assert verdicts == ["recognized", "not_documented", "sent_to_regime", "sent_to_regime"]
    about = [row[0] for row in load_workbook(workbook)["About"].iter_rows(values_only=True)]
    assert any("as of 2025-01-01" in line for line in about)
    page = run_politzek("vet", path, "--format", "html", db=url).stdout
    assert page.startswith("<!doctype html>") and "Hanna Stsiapanava" in page


def test_vet_refuses_bad_input_in_one_line(db, tmp_path):
    folder = tmp_path
    for args, message in [
        ((_file(folder, "empty.csv", ""),), "empty; a header row is expected"),
        ((_file(folder, "garbage.csv", "name\n12345\n"),), "row 2, column name: '12345' has no letters"),
        ((_file(folder, "list.csv", LIST), "--format", "pdf"), "--format: 'pdf' is not one of md, html, xlsx, csv"),
        ((_file(folder, "list.csv", LIST), "--format", "xlsx"), "--format xlsx: give --out FILE"),
        ((_file(folder, "list.csv", LIST), "--to-regime", "side"), "--to-regime: 'side' is not COLUMN=VALUE"),
        ((_file(folder, "list.csv", LIST), "--at", "yesterday"), "--at: 'yesterday' is not a date"),
        ((str(folder / "absent.csv"),), "cannot be read"),
        ((_file(folder, "list.csv", LIST), "--org", "nobody"), "--org: no organization with code 'nobody'"),
    ]:
        result = run_politzek_here("vet", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert ONE_LINE_ERROR.match(result.stderr) and message in result.stderr, result.stderr


def test_vet_skips_garbage_rows_when_told_and_says_so(registry):
    url, folder = registry
    path = _file(folder, "mixed.csv", LIST + "???,,,,\n")
    result = run_politzek("vet", path, "--skip-invalid", "--format", "json", db=url)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["entries"] == 4 and data["summary"]["unreadable_rows"] == 1
    assert "row 6, column name" in data["unreadable_rows"][0]


def test_a_deal_recorded_from_a_file_links_people_and_shows_its_impact_and_price(registry_here, tmp_path):
    folder = tmp_path
    path = _file(folder, "deal.toml", DEAL)
    checked = run_politzek_here("deals", "add", path, "--dry-run")
    assert checked.returncode == 0, checked.stderr
    assert "nothing written" in checked.stdout and "linked: Hanna Stsiapanava" in checked.stdout
    assert json.loads(run_politzek_here("deals", "list", "--json").stdout) == {"deals": []}

    added = run_politzek_here("deals", "add", path)
    assert added.returncode == 0, added.stderr
    assert "kept by name: Someone Unlisted (not in the registry)" in added.stdout
    # The deal moves the ledger: Hanna, held since 2021, now has a release event of the deal.
    assert "release event: Hanna Stsiapanava" in added.stdout and "released_pardon" in added.stdout
    [deal] = json.loads(run_politzek_here("deals", "list", "--json").stdout)["deals"]
    assert deal["released_by_regime"] == 2 and deal["concessions"] == 1
    shown = json.loads(run_politzek_here("deals", "show", str(deal["id"]), "--json").stdout)
    assert shown["concessions"][0]["program"] == "test sanctions program"
    assert {p["name"] for p in shown["released"]} == {"Ганна Сцяпанава", "Someone Unlisted"}

    impact = json.loads(run_politzek_here("deals", "impact", str(deal["id"]), "--weeks", "12", "--json").stdout)
    assert impact["country"] == "BY" and impact["released"]["recognized_political_prisoners"] == 1
    assert impact["released"]["not_in_registry"] == 1 and impact["windows"][0]["weeks"] == 12
    assert impact["windows"][0]["political_prisoners_before_deal"] == 3  # p1, p3 and the restricted p4
    assert impact["windows"][0]["released_in_window"] == 1
    # The registry's last other event is from 2024: no rate ratio, but the reason.
    assert impact["windows"][0]["new_detentions"] is None
    assert impact["windows"][0]["coverage"]["last_recorded"] == "2024-01-15"
    from django.utils import translation

    translation.activate("ru")  # as a web request earlier in the same process may leave it
    text = run_politzek_here("deals", "impact", str(deal["id"])).stdout
    assert "4 weeks before and after" in text and "not enough data after the deal" in text

    chart = folder / "price.svg"
    price = json.loads(run_politzek_here("deals", "price", "--chart", str(chart), "--json").stdout)
    assert price["deals"][0]["usd_per_political_prisoner"] == 1_000_000
    assert chart.read_text().startswith("<?xml")


@pytest.mark.parametrize(("text", "message"), [
    ("name = 'x'\nkind = 'bribe'\n", "kind: 'bribe' is not one of exchange"),
    ("kind = 'amnesty'\n", "name: missing; it is required"),
    ("name = 'x'\nkind = 'amnesty'\ndate = '2025-13-01'\n", "date: '2025-13-01'"),
    ("name = 'x'\nkind = 'amnesty'\n[[released]]\ndirection = 'sideways'\nname = 'A B'\n",
     "released[0].direction: 'sideways' is not one of"),
    ("name = 'x'\nkind = 'amnesty'\n[[released]]\nperson = 99999\n", "released[0].person: no person with id 99999"),
    ("name = 'x'\nkind = 'amnesty'\n[[concessions]]\nkind = 'money'\nvalue_usd = 'lots'\n",
     "concessions[0].value_usd: 'lots' is not a number"),
    ("name = 'x'\nkind = 'amnesty'\nprice = 3\n", "price: unknown field"),
    ("name = 'x'\nkind = 'amnesty'\n[[concessions]]\nkind = 'trade'\nsource = 'a rumour'\n",
     "concessions[0].source: 'a rumour' is not an http(s) address"),
    ("name = [", "not valid TOML"),
])
def test_a_bad_deal_file_is_refused_whole(db, tmp_path, text, message):
    result = run_politzek_here("deals", "add", _file(tmp_path, "bad.toml", text))
    assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr), result.stderr
    assert message in result.stderr and "bad.toml" in result.stderr
    assert not Deal.objects.exists() and not DealRelease.objects.exists() and not Concession.objects.exists()


def test_a_bad_deal_file_exits_2_from_the_installed_command(registry):
    """The table above runs in-process; here the real process, on a registry with people."""
    url, folder = registry
    before = run_politzek("deals", "list", "--json", db=url).stdout
    result = run_politzek("deals", "add", _file(folder, "bad.toml", "name = 'x'\nkind = 'bribe'\n"), db=url)
    assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr), result.stderr
    assert run_politzek("deals", "list", "--json", db=url).stdout == before


def test_deal_commands_name_an_unknown_deal(db):
    for command in ("show", "impact"):
        result = run_politzek_here("deals", command, "424242")
        assert result.returncode == 2 and "no deal with id 424242" in result.stderr
    for args in (("impact", "1", "--country", "Belarus"), ("price", "--country", "B1")):
        result = run_politzek_here("deals", *args)
        assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and "--country:" in result.stderr
