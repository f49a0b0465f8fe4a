"""`politzek dedupe` and `politzek merge`: a registry imported with a duplicate spelled in two
scripts, the queue, a review answered on standard input, merge and undo; the list matched end
to end in a subprocess, the rest in-process on the test database (run_politzek_here)."""

from __future__ import annotations

import json

import pytest

from politzek.registry.models import Person
from tests.commands import run_politzek, run_politzek_here
from tests.databases import new_database

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow

COLUMNS = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
           "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources")
PEOPLE = COLUMNS + """
a1,Марыя Калеснікава,Maryia Kalesnikava,BY,,f,1982-04-24,,BY,,public,2020-09-07,,,,,,
a2,Мария Колесникова,,BY,,f,1982,,,,public,,,,,,,
a3,Віктар Бабарыка,Viktar Babaryka,BY,,m,1963-11-09,,BY,,public,2020-06-18,,,,,,
a4,Эдуард Бабарыка,Eduard Babaryka,BY,,m,1989,,,,public,2020-06-18,,,,,,
"""

@pytest.fixture(scope="module")
def imported(tmp_path_factory, database_vendor):
    """The four people imported once by the real command; each test gets a copy."""
    folder = tmp_path_factory.mktemp("dedupe")
    source = folder / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    with new_database(folder, migrated=True) as url:
        done = run_politzek("import", "politzek-csv", str(source), db=url)
        assert done.returncode == 0, done.stderr
        yield url


@pytest.fixture
def registry_here(db, tmp_path):
    """The same four people imported by the same command in-process, on the test database: the
    tests below run many commands each, and a new process for each is a second or more."""
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    done = run_politzek_here("import", "politzek-csv", str(source))
    assert done.returncode == 0, done.stderr


@pytest.fixture
def registry(imported, tmp_path):
    with new_database(tmp_path, copy_of=imported) as url:
        yield url


def test_dedupe_queues_the_duplicate_and_a_review_merges_it(tmp_path, registry_here):
    found = json.loads(run_politzek_here("dedupe", "--json").stdout)
    assert found["people"] == 4 and found["waiting"] == 1
    pair = found["queue"][0]
    assert {pair["left_name"], pair["right_name"]} == {"Марыя Калеснікава", "Мария Колесникова"}
    assert any("vowels as the languages differ" in f["detail"] for f in pair["features"])

    reviewed = run_politzek_here("dedupe", "--review", "--actor", "anna", input="s\n")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "merged" in reviewed.stdout and "1 decided" in reviewed.stdout
    listed = run_politzek_here("list", "--json")
    assert len(json.loads(listed.stdout)) == 3

    merges = json.loads(run_politzek_here("merge", "--list", "--json").stdout)["merges"]
    assert merges[0]["actor"] == "anna"
    undone = run_politzek_here("merge", "--undo", str(merges[0]["merge"]))
    assert undone.returncode == 0, undone.stderr
    assert len(json.loads(run_politzek_here("list", "--json").stdout)) == 4
    again = json.loads(run_politzek_here("dedupe", "--json").stdout)
    assert again["waiting"] == 0  # undoing a merge says they are two people
    Person.objects.update(visibility="restricted")
    assert json.loads(run_politzek_here("merge", "--list", "--json").stdout) == {
        "merges": []}  # a merge of restricted records is not listed to the public command line
    assert json.loads(run_politzek_here("merge", "--list", "--json", "--include-restricted").stdout)["merges"]


def test_judge_and_bad_input(tmp_path, registry_here):
    pair = json.loads(run_politzek_here("dedupe", "--json").stdout)["queue"][0]
    judged = run_politzek_here("dedupe", "--judge", str(pair["left"]), str(pair["right"]), "--as", "different",
                          "--reason", "sisters")
    assert judged.returncode == 0, judged.stderr
    assert json.loads(run_politzek_here("dedupe", "--json").stdout)["waiting"] == 0
    for args, message in ((["dedupe", "--judge", "1", "2"], "--judge needs --as"),
                          (["merge", "999998", "999999"], "no such person"),
                          (["merge"], "give KEPT MERGED"),
                          (["merge", "--undo", "77"], "merge 77: no such merge")):
        result = run_politzek_here(*args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)


def test_an_import_flags_a_probable_duplicate_instead_of_creating_it_blindly(tmp_path, registry_here):
    again = tmp_path / "other-group.csv"
    again.write_text(COLUMNS + "\nb7,Babariko Viktor Dmitrievich,,BY,,m,09.11.1963,,,,public,,,,,,,\n",
                     encoding="utf-8")
    unchecked = run_politzek_here("import", "politzek-csv", str(again), "--json", "--no-duplicate-check",
                                  "--dry-run")
    assert json.loads(unchecked.stdout)["possible_duplicates"] == 0  # left for `politzek dedupe`
    imported = run_politzek_here("import", "politzek-csv", str(again), "--json")
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)
    assert summary["created"] == 1 and summary["possible_duplicates"] >= 1
    queue = json.loads(run_politzek_here("dedupe", "--json").stdout)["queue"]
    assert any({q["left_name"], q["right_name"]} == {"Віктар Бабарыка", "Babariko Viktor Dmitrievich"}
               for q in queue)


def test_a_list_is_matched_against_the_registry_entry_by_entry(tmp_path, registry):
    url = registry
    other = tmp_path / "negotiators.csv"
    other.write_text("id,name,birth_date\n"
                     "n1,Babariko Viktor Dmitrievich,09.11.1963\n"
                     "n2,Kolesnikova Maria,1982\n"
                     "n3,Petrov Ivan,\n", encoding="utf-8")
    result = run_politzek("dedupe", "--list", str(other), "--json", db=url)
    assert result.returncode == 0, result.stderr
    entries = {e["id"]: e for e in json.loads(result.stdout)["entries"]}
    assert entries["n1"]["verdict"] == "in the registry" and entries["n1"]["person_name"] == "Віктар Бабарыка"
    # the registry holds her twice (Марыя Калеснікава and Мария Колесникова): both fit
    assert entries["n2"]["verdict"] == "ambiguous" and len(entries["n2"]["candidates"].split()) == 2
    assert entries["n3"]["verdict"] == "not in the registry"
    bad = tmp_path / "bad.csv"
    bad.write_text("who\nX\n", encoding="utf-8")
    failed = run_politzek("dedupe", "--list", str(bad), db=url)
    assert failed.returncode == 2 and "row 1: no column 'name'" in failed.stderr
