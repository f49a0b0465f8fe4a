"""Every command, run as a user runs it: a real subprocess on a real database of its own; the
tables of bad input run the same command in-process on the test database (run_politzek_here)."""

import csv
import json
import re

import pytest

from tests.cli.conftest import DEMO_PEOPLE
from tests.commands import run_politzek, run_politzek_here
from tests.databases import query_value

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow

ONE_LINE_ERROR = re.compile(r"^politzek: error: .+\n$")


# `demo`: the 300-person demo registry the command tests share (tests/cli/conftest.py).


def test_demo_leaves_the_query_planner_statistics(demo, database_vendor):
    """A bulk load without them left SQLite planning a search's facet as a full event scan."""
    if database_vendor == "sqlite":
        analyzed = query_value(demo, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'registry_event'")
    else:
        analyzed = query_value(demo, "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'registry_event' "
                                     "AND last_analyze IS NOT NULL")
    assert analyzed > 0


def test_stats_json_shape(demo):
    result = run_politzek("stats", "--json", db=demo)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["people"] == DEMO_PEOPLE
    assert 0 < figures["political_prisoners"] <= figures["in_custody"] <= figures["people"]
    assert set(figures["by_country"]) <= {"BY", "RU"}
    for counts in figures["by_country"].values():
        assert set(counts) == {"people", "in_custody", "political_prisoners", "held_since_unknown",
                               "last_confirmed_long_ago"}
    assert sum(c["people"] for c in figures["by_country"].values()) == DEMO_PEOPLE
    assert sum(c["in_custody"] for c in figures["by_country"].values()) == figures["in_custody"]
    assert sum(figures["by_status"].values()) == DEMO_PEOPLE


def test_stats_for_one_organization_and_a_past_day(demo):
    everyone = json.loads(run_politzek("stats", "--json", db=demo).stdout)
    viasna = json.loads(run_politzek("stats", "--json", "--org", "viasna", db=demo).stdout)
    assert viasna["political_prisoners"] <= everyone["political_prisoners"]
    assert viasna["by_country"].get("RU", {"political_prisoners": 0})["political_prisoners"] == 0
    past = json.loads(run_politzek("stats", "--json", "--at", "2020-01-01", db=demo).stdout)
    assert past["in_custody"] <= everyone["people"]
    assert past["at"] == "2020-01-01"


def test_list_and_show(demo):
    result = run_politzek("list", "--json", "--limit", "10", db=demo)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert 0 < len(rows) <= 10
    assert {"id", "name", "other_names", "country", "status", "since", "synthetic"} <= set(rows[0])
    assert all(row["synthetic"] for row in rows)
    detail = json.loads(run_politzek("show", str(rows[0]["id"]), "--json", db=demo).stdout)
    assert detail["id"] == rows[0]["id"]
    assert detail["synthetic"] is True
    assert detail["events"] and detail["cases"]
    assert "health_notes" not in detail
    text = run_politzek("show", str(rows[0]["id"]), db=demo)
    assert "Synthetic demo record" in text.stdout


def test_list_filters(demo):
    serving = json.loads(
        run_politzek("list", "--json", "--status", "serving_sentence", "--limit", "500", db=demo).stdout
    )
    assert serving and all(row["status"] == "serving_sentence" for row in serving)
    belarus = json.loads(run_politzek("list", "--json", "--country", "by", "--limit", "500", db=demo).stdout)
    assert belarus and all(row["country"] == "BY" for row in belarus)


def test_list_hides_restricted_people_unless_asked(demo):
    public = json.loads(run_politzek("list", "--json", "--limit", "500", db=demo).stdout)
    everyone = json.loads(run_politzek("list", "--json", "--limit", "500", "--include-confidential", db=demo).stdout)
    assert len(public) < len(everyone) == DEMO_PEOPLE


def test_show_private_fields_only_with_confidential_clearance(demo):
    # A public record holding private notes, found in the database itself.
    person = query_value(demo, "SELECT id FROM registry_person WHERE health_notes <> '' AND visibility = 'public' "
                               "ORDER BY id")
    assert person, "the demo data should hold public records with private notes to protect"
    detail = json.loads(run_politzek("show", str(person), "--json", "--include-confidential", db=demo).stdout)
    assert detail["health_notes"]
    public = run_politzek("show", str(person), "--json", db=demo)
    assert public.returncode == 0, public.stderr
    assert detail["health_notes"] not in public.stdout


def test_demo_refuses_to_run_twice_and_if_empty_skips(db):
    """In-process on the test database: five commands, each a second or more as a process."""
    assert run_politzek_here("demo", "--people", "30").returncode == 0
    again = run_politzek_here("demo", "--people", "10")
    assert again.returncode == 2
    assert ONE_LINE_ERROR.match(again.stderr)
    assert "--replace" in again.stderr
    skipped = run_politzek_here("demo", "--if-empty")
    assert skipped.returncode == 0
    assert "not added" in skipped.stdout
    replaced = run_politzek_here("demo", "--people", "10", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert re.search(r"created 10 synthetic people, \d+ events", replaced.stdout)
    assert json.loads(run_politzek_here("stats", "--json").stdout)["people"] == 10


BAD_INPUT = [
    (["show", "999999"], "no person with id 999999"),
    (["show", "abc"], "'abc' is not a person id"),
    (["list", "--status", "jailed"], "'jailed' is not a status"),
    (["list", "--country", "Belarus"], "'Belarus' is not a two-letter country code"),
    (["stats", "--at", "31.12.2025"], "--at: '31.12.2025' is not a date"),
    (["stats", "--org", "nobody"], "no organization with code 'nobody'"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT, ids=[" ".join(a) for a, _m in BAD_INPUT])
def test_bad_input_exits_2_with_one_line(db, args, message):
    result = run_politzek_here(*args)
    assert result.returncode == 2
    assert ONE_LINE_ERROR.match(result.stderr), result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_exits_2_from_the_installed_command(demo):
    """The tables of bad input run in-process (run_politzek_here); here the real process."""
    result = run_politzek("show", "abc", db=demo)
    assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr)
    assert "'abc' is not a person id" in result.stderr


def test_bad_database_url_exits_2():
    result = run_politzek("stats", db="mysql://root@localhost/x")
    assert result.returncode == 2
    assert ONE_LINE_ERROR.match(result.stderr)
    assert "mysql://root@localhost/x" in result.stderr


def test_uninitialized_database_says_to_run_init(fresh_database_url):
    result = run_politzek("stats", db=fresh_database_url)
    assert result.returncode == 1
    assert "politzek init" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2():
    result = run_politzek("demo", "--people", "0")
    assert result.returncode == 2


def _command_paths(group, prefix=()):
    """Every command of the `politzek` click group, as its words (("deals", "impact"), …)."""
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_command_documents_an_example():
    from typer.main import get_command
    from typer.testing import CliRunner

    from politzek.cli import app

    paths = list(_command_paths(get_command(app)))
    assert ("vet",) in paths and ("deals", "impact") in paths and ("user", "add") in paths
    runner = CliRunner()
    for path in paths:
        result = runner.invoke(app, [*path, "--help"], terminal_width=200)
        assert result.exit_code == 0, path
        text = " ".join(result.output.split())
        assert re.search(rf"Examples?: politzek {' '.join(path)}\b", text), (path, text[:300])


def test_manage_creates_a_staff_account_on_the_chosen_database(migrated_database_url):
    created = run_politzek(
        "manage", "createsuperuser", "--noinput", "--username", "documenter", "--email", "d@example.org",
        db=migrated_database_url, env={"DJANGO_SUPERUSER_PASSWORD": "a-long-enough-password"},
    )
    assert created.returncode == 0, created.stderr
    again = run_politzek(
        "manage", "createsuperuser", "--noinput", "--username", "documenter", "--email", "d@example.org",
        db=migrated_database_url, env={"DJANGO_SUPERUSER_PASSWORD": "a-long-enough-password"},
    )
    assert again.returncode != 0
    assert "already taken" in again.stderr


def test_match_finds_a_person_from_a_list_spelling(demo):
    people = json.loads(run_politzek("list", "--json", "--limit", "500", db=demo).stdout)
    person = next(row for row in people if len(row["name"].split()) == 2)
    given, surname = person["name"].split()
    # As a court record writes it: surname first, the given name as an initial.
    result = run_politzek("match", f"{surname} {given[0]}.", "--json", db=demo)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)["candidates"]
    top = found[0]
    # The person is among the best (a namesake with the same initial may tie).
    assert person["id"] in {c["person_id"] for c in found if c["score"] == top["score"]}
    assert top["same"] and {f["name"] for f in top["features"]} >= {"surname", "given name"}
    assert any("initial" in f["detail"] for f in top["features"])


def test_match_never_offers_a_hidden_person(demo):
    everyone = json.loads(run_politzek("list", "--json", "--limit", "500", "--include-confidential", db=demo).stdout)
    public = {row["id"] for row in json.loads(run_politzek("list", "--json", "--limit", "500", db=demo).stdout)}
    hidden = next(row for row in everyone if row["id"] not in public)
    found = json.loads(run_politzek("match", hidden["name"], "--json", "--limit", "100", db=demo).stdout)
    assert hidden["id"] not in {c["person_id"] for c in found["candidates"]}


@pytest.mark.parametrize(("args", "message"), [
    (["match", " "], "NAME: empty"),
    (["match", "Ivanov", "--birth-date", "19x"], "--birth-date: '19x'"),
])
def test_match_bad_input_exits_2_naming_it(args, message):
    result = run_politzek_here(*args)
    assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and message in result.stderr


def test_match_pairs_writes_score_and_same_per_row(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("left,right,left_birth_date,right_birth_date\n"
                     "Maryia Kalesnikava,Мария Колесникова,1982,1982-04-24\n"
                     "Babariko Eduard Viktorovich,Babariko Viktor Dmitrievich,,\n", encoding="utf-8")
    out = tmp_path / "scored.csv"
    result = run_politzek("match", "--pairs", str(pairs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["same"] for row in rows] == ["true", "false"]
    assert float(rows[0]["score"]) >= 0.75 and "different fathers" in rows[1]["why"]


def test_match_lists_writes_the_matched_pairs(tmp_path):
    left, right = tmp_path / "viasna.csv", tmp_path / "sanctions.csv"
    left.write_text("id,name,birth_date\nv1,Віктар Бабарыка,09.11.1963\nv2,Ales Bialiatski,\n", encoding="utf-8")
    right.write_text("name,birth_date\nBabariko Viktor Dmitrievich,1963-11-09\nPetrov Ivan,\n", encoding="utf-8")
    result = run_politzek("match", "--lists", str(left), str(right), "--json")
    assert result.returncode == 0, result.stderr
    matches = json.loads(result.stdout)["matches"]
    assert [(m["left_id"], m["right_row"], m["same"]) for m in matches] == [("v1", 2, True)]


@pytest.mark.parametrize(("args", "message"), [
    (["match"], "give one of NAME, --pairs FILE or --lists"),
    (["match", "--pairs", "/nonexistent/pairs.csv"], "/nonexistent/pairs.csv: cannot be read"),
])
def test_match_without_a_database_bad_input_exits_2(args, message):
    result = run_politzek_here(*args)
    assert result.returncode == 2 and message in result.stderr and ONE_LINE_ERROR.match(result.stderr), result.stderr


def test_match_pairs_bad_row_exits_2_naming_file_row_and_column(tmp_path):
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("left,right,left_birth_date\nIvan Ivanov,Ivanov I.,1980-13-01\n", encoding="utf-8")
    result = run_politzek("match", "--pairs", str(pairs))
    assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr)
    assert f"{pairs}: row 2, column left_birth_date: '1980-13-01'" in result.stderr
