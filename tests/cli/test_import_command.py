import csv
import json

import pytest

from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek
from tests.ingest.test_importer import HEADER, ROWS

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def test_import_command_end_to_end(migrated_database_url, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text(HEADER + ROWS, encoding="utf-8")
    dry = run_politzek("import", "politzek-csv", str(source), "--dry-run", db=migrated_database_url)
    assert dry.returncode == 0, dry.stderr
    assert "would create 2" in dry.stdout and "nothing written" in dry.stdout
    done = run_politzek("import", "politzek-csv", str(source), "--json", db=migrated_database_url)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["created"], summary["rejected"], summary["written"]) == (2, 0, True)
    again = json.loads(run_politzek("import", "politzek-csv", str(source), "--json", db=migrated_database_url).stdout)
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert json.loads(run_politzek("stats", "--json", db=migrated_database_url).stdout)["people"] == 2


def test_bad_rows_exit_2_with_a_one_line_reason_and_an_error_report(migrated_database_url, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text(HEADER + ROWS + "p3,Сидоров,Sidorov,BY,,m,1985-02-30,,,,public,,,,,,,\n"
                      + "p4,Орлов,Orlov,Belarus,,m,,,,,public,,,,,,,\n", encoding="utf-8")
    report = tmp_path / "errors.csv"
    result = run_politzek("import", "politzek-csv", str(source), "--errors", str(report), db=migrated_database_url)
    assert result.returncode == 2
    assert ONE_LINE_ERROR.match(result.stderr), result.stderr
    assert f"{source}, row 4, column 'birth_date', value '1985-02-30'" in result.stderr
    assert "and 1 more" in result.stderr and "nothing was imported" in result.stderr
    with report.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert [(line["row"], line["column"], line["value"]) for line in lines] == [
        ("4", "birth_date", "1985-02-30"), ("5", "country", "Belarus")]
    assert json.loads(run_politzek("stats", "--json", db=migrated_database_url).stdout)["people"] == 0
    # A dry run with --skip-invalid answers as the real run will: the rows set aside, exit 0.
    dry = run_politzek("import", "politzek-csv", str(source), "--skip-invalid", "--dry-run", "--errors", str(report),
                       db=migrated_database_url)
    assert dry.returncode == 0, dry.stderr
    skipped = run_politzek("import", "politzek-csv", str(source), "--skip-invalid", "--errors", str(report),
                           db=migrated_database_url)
    assert skipped.returncode == 0, skipped.stderr
    assert "created 2" in skipped.stdout and "rejected 2" in skipped.stdout


def test_rejected_counts_rows_not_reasons(migrated_database_url, tmp_path):
    """A row whose cells slid one column right (an unquoted comma, its extra cell empty) breaks
    three fields: it is one row rejected, beside three problems in the report."""
    source = tmp_path / "people.csv"
    slid = "p3,Петров Пётр,Petr Petrov,BY,Minsk, extra,m,1981,,BY,,public,2021-05-03,,,,,,\n"
    source.write_text(HEADER + ROWS + slid, encoding="utf-8")
    result = run_politzek("import", "politzek-csv", str(source), "--skip-invalid", "--json", "--errors",
                          str(tmp_path / "errors.csv"), db=migrated_database_url)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["created"], summary["rejected"], summary["problems"]) == (2, 1, 3)


def test_unreadable_input_and_unknown_profile_exit_2(migrated_database_url, tmp_path):
    missing = run_politzek("import", "politzek-csv", str(tmp_path / "nope.csv"), db=migrated_database_url)
    assert missing.returncode == 2 and "no such file" in missing.stderr
    profile = run_politzek("import", "viasna-typo", str(tmp_path / "nope.csv"), db=migrated_database_url)
    assert profile.returncode == 2 and ONE_LINE_ERROR.match(profile.stderr)
