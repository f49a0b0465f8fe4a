"""`politzek dedupe` and `politzek merge` end to end: a registry imported with a duplicate
spelled in two scripts, the queue, a review answered on standard input, merge and undo."""

from __future__ import annotations

import json

from tests.conftest import run_politzek

COLUMNS = ("source_key,name,name_latin,country,region,gender,birth_date,occupation,citizenships,tags,visibility,"
           "detained_on,sentenced_on,recognized_by,recognized_on,release_mode,released_on,sources")
PEOPLE = COLUMNS + """
a1,Марыя Калеснікава,Maryia Kalesnikava,BY,,f,1982-04-24,,BY,,public,2020-09-07,,,,,,
a2,Мария Колесникова,,BY,,f,1982,,,,public,,,,,,,
a3,Віктар Бабарыка,Viktar Babaryka,BY,,m,1963-11-09,,BY,,public,2020-06-18,,,,,,
a4,Эдуард Бабарыка,Eduard Babaryka,BY,,m,1989,,,,public,2020-06-18,,,,,,
"""

def _registry(tmp_path, url):
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    imported = run_politzek("import", "politzek-csv", str(source), db=url)
    assert imported.returncode == 0, imported.stderr


def test_dedupe_queues_the_duplicate_and_a_review_merges_it(tmp_path, migrated_database_url):
    url = migrated_database_url
    _registry(tmp_path, url)
    found = json.loads(run_politzek("dedupe", "--json", db=url).stdout)
    assert found["people"] == 4 and found["waiting"] == 1
    pair = found["queue"][0]
    assert {pair["left_name"], pair["right_name"]} == {"Марыя Калеснікава", "Мария Колесникова"}
    assert any("vowels as the languages differ" in f["detail"] for f in pair["features"])

    reviewed = run_politzek("dedupe", "--review", "--actor", "anna", db=url, input="s\n")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "merged" in reviewed.stdout and "1 decided" in reviewed.stdout
    listed = run_politzek("list", "--json", db=url)
    assert len(json.loads(listed.stdout)) == 3

    merges = json.loads(run_politzek("merge", "--list", "--json", db=url).stdout)["merges"]
    assert merges[0]["actor"] == "anna"
    undone = run_politzek("merge", "--undo", str(merges[0]["merge"]), db=url)
    assert undone.returncode == 0, undone.stderr
    assert len(json.loads(run_politzek("list", "--json", db=url).stdout)) == 4
    again = json.loads(run_politzek("dedupe", "--json", db=url).stdout)
    assert again["waiting"] == 0  # undoing a merge says they are two people
    assert _restrict_everyone(url) and json.loads(run_politzek("merge", "--list", "--json", db=url).stdout) == {
        "merges": []}  # a merge of restricted records is not listed to the public command line
    assert json.loads(run_politzek("merge", "--list", "--json", "--include-restricted", db=url).stdout)["merges"]


def _restrict_everyone(url):
    result = run_politzek("manage", "shell", "-c",
                          "from politzek.registry.models import Person; Person.objects.update(visibility='restricted')",
                          db=url)
    assert result.returncode == 0, result.stderr
    return True


def test_judge_and_bad_input(tmp_path, migrated_database_url):
    url = migrated_database_url
    _registry(tmp_path, url)
    pair = json.loads(run_politzek("dedupe", "--json", db=url).stdout)["queue"][0]
    judged = run_politzek("dedupe", "--judge", str(pair["left"]), str(pair["right"]), "--as", "different",
                          "--reason", "sisters", db=url)
    assert judged.returncode == 0, judged.stderr
    assert json.loads(run_politzek("dedupe", "--json", db=url).stdout)["waiting"] == 0
    for args, message in ((["dedupe", "--judge", "1", "2"], "--judge needs --as"),
                          (["merge", "999998", "999999"], "no such person"),
                          (["merge"], "give KEPT MERGED"),
                          (["merge", "--undo", "77"], "merge 77: no such merge")):
        result = run_politzek(*args, db=url)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)


def test_an_import_flags_a_probable_duplicate_instead_of_creating_it_blindly(tmp_path, migrated_database_url):
    url = migrated_database_url
    _registry(tmp_path, url)
    again = tmp_path / "other-group.csv"
    again.write_text(COLUMNS + "\nb7,Babariko Viktor Dmitrievich,,BY,,m,09.11.1963,,,,public,,,,,,,\n",
                     encoding="utf-8")
    imported = run_politzek("import", "politzek-csv", str(again), "--json", db=url)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)
    assert summary["created"] == 1 and summary["possible_duplicates"] >= 1
    queue = json.loads(run_politzek("dedupe", "--json", db=url).stdout)["queue"]
    assert any({q["left_name"], q["right_name"]} == {"Віктар Бабарыка", "Babariko Viktor Dmitrievich"}
               for q in queue)


def test_a_list_is_matched_against_the_registry_entry_by_entry(tmp_path, migrated_database_url):
    url = migrated_database_url
    _registry(tmp_path, url)
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
