import csv
import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow

PERIOD = ("--country", "BY", "--from", "2024-01-01", "--to", "2025-12-31")


@pytest.fixture
def demo_database(demo):
    """The 300-person demo registry the command tests share (tests/cli/conftest.py)."""
    return demo


def test_report_in_json_keeps_the_identity_and_says_it_is_synthetic(demo_database):
    result = run_politzek("report", *PERIOD, "--period", "quarter", "--format", "json", db=demo_database)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["synthetic"] is True and "SYNTHETIC" in report["summary"][0]
    quarters = report["political_prisoners"]
    assert [q["period"] for q in quarters] == [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert after["stock_start"] == before["stock_end"]
    for quarter in quarters:
        assert quarter["stock_end"] == quarter["stock_start"] + quarter["entries"] - quarter["exits"]
    assert sum(q["entries"] for q in quarters) > 0 and sum(q["exits"] for q in quarters) > 0


def test_report_as_text_and_markdown(demo_database):
    text = run_politzek("report", *PERIOD, "--period", "year", db=demo_database)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Belarus, 1 January 2024 to 31 December 2025. SYNTHETIC DEMO DATA")
    assert "Political prisoners in custody (recognized by any organization):" in text.stdout
    assert "Yearly figures:" in text.stdout
    markdown = run_politzek("report", *PERIOD, "--period", "year", "--format", "md", db=demo_database)
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("## Belarus")
    assert "| period | from | to |" in markdown.stdout and "| 2025 | 2025-01-01 | 2025-12-31 |" in markdown.stdout


def test_report_writes_charts_and_the_time_series(demo_database, tmp_path):
    charts, series = tmp_path / "charts", tmp_path / "series.csv"
    result = run_politzek("report", *PERIOD, "--period", "month", "--charts", str(charts), "--series", str(series),
                          db=demo_database)
    assert result.returncode == 0, result.stderr
    for name in ("stock", "inflow-outflow", "releases-by-mode", "stock-by-region"):
        svg = ElementTree.parse(charts / f"{name}.svg").getroot()
        assert svg.tag.endswith("svg")
        assert "SYNTHETIC DEMO DATA" in (charts / f"{name}.svg").read_text(encoding="utf-8")
        assert (charts / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    rows = list(csv.DictReader(series.open(encoding="utf-8")))
    assert len(rows) == 24 and rows[0]["period"] == "2024-01" and rows[0]["synthetic"] == "True"
    for row in rows:
        assert int(row["political_prisoners_end"]) == (int(row["political_prisoners_start"])
                                                        + int(row["political_prisoners_entries"])
                                                        - int(row["political_prisoners_exits"]))


@pytest.mark.parametrize(("arguments", "message"), [
    (("--period", "fortnight"), "--period: 'fortnight' is not one of"),
    (("--from", "2025-02-01", "--to", "2025-01-01"), "--from 2025-02-01 is after --to 2025-01-01"),
    (("--from", "01.02.2025"), "--from: '01.02.2025' is not a date"),
    (("--format", "xml"), "--format: 'xml' is not one of"),
    (("--series", "out.txt"), "--series: 'out.txt' must end in .csv or .json"),
    (("--org", "nobody"), "--org: no organization with code 'nobody'"),
    (("--country", "Belarus"), "--country: 'Belarus' is not a two-letter country code"),
    (("--series", "/no-such-folder/series.csv"), "--series: '/no-such-folder' is not a folder"),
    (("--charts", "/etc/passwd"), "--charts: '/etc/passwd' is a file, not a folder"),
    (("--language", "de"), "--language: 'de' is not one of en, ru, be, uk"),
])
def test_bad_report_options_exit_2_with_one_line(db, arguments, message):
    result = run_politzek_here("report", *arguments)
    assert result.returncode == 2
    assert ONE_LINE_ERROR.match(result.stderr) and message in result.stderr


def test_report_and_stats_agree(demo_database):
    """Two derivations of the same figure, one from the facts table, one from the timelines."""
    report = json.loads(run_politzek("report", *PERIOD, "--period", "year", "--format", "json",
                                     db=demo_database).stdout)
    stats = json.loads(run_politzek("stats", "--at", "2025-12-31", "--json", db=demo_database).stdout)
    belarus = stats["by_country"]["BY"]
    assert report["political_prisoners"][-1]["stock_end"] == belarus["political_prisoners"] > 0
    assert report["in_custody"][-1]["stock_end"] == belarus["in_custody"]
