"""`politzek cost` and `politzek officials review` on a small demo registry: the cost run and its
proposals in-process on the test database, the review end to end."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.conftest import DEMO_PEOPLE
from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


@pytest.fixture
def demo_here(db):
    """A demo registry made by the same command in-process, on the test database: the test
    below runs nine commands on it, each a second or more as a new process."""
    made = run_politzek_here("demo", "--people", str(DEMO_PEOPLE))
    assert made.returncode == 0, made.stderr


def test_a_run_keeps_proposals_once_and_they_can_be_submitted(demo_here, tmp_path):
    first = json.loads(run_politzek_here("cost", "--country", "BY", "--json").stdout)
    assert first["policy"]["version"].startswith("politzek-cost ")
    # The demo ran the policy once already (its accountability page shows proposals): a run
    # finds every proposal kept and adds nothing.
    assert first["new_cases"] > 0 and len(first["proposals"]) > 0
    assert (first["recorded"]["created"], first["recorded"]["evidence_added"]) == (0, 0)
    assert first["recorded"]["unchanged"] == len(first["proposals"])
    assert {p["authority"] for p in first["proposals"]} == {"EU", "US", "UK", "CA"}
    assert set(first["index"]) == {"BY"} and first["index"]["BY"][-1]["value"] > 0
    again = json.loads(run_politzek_here("cost", "--country", "BY", "--json").stdout)
    assert (again["recorded"]["created"], again["recorded"]["evidence_added"]) == (0, 0)
    text = run_politzek_here("cost", "--since", "2025-01-01", "--dry-run").stdout
    assert "dry run: nothing kept" in text and "cost index BY" in text

    kept = json.loads(run_politzek_here("cost", "proposals", "--authority", "EU", "--json").stdout)["proposals"]
    assert kept and all(p["authority"] == "EU" and p["status"] == "proposed" for p in kept)
    chosen = kept[0]
    done = run_politzek_here("cost", "status", str(chosen["id"]), "submitted", "--note", "sent")
    assert done.returncode == 0 and "is now submitted" in done.stdout
    submitted = json.loads(run_politzek_here("cost", "proposals", "--status", "submitted", "--json").stdout)
    assert [p["id"] for p in submitted["proposals"]] == [chosen["id"]]

    out = tmp_path / "eu.csv"
    written = run_politzek_here("cost", "export", "--authority", "eu", "--format", "csv", str(out))
    assert written.returncode == 0, written
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == len(kept) and {r["synthetic"] for r in rows} == {"yes"}
    html = run_politzek_here("cost", "export", "--authority", "EU", "--format", "html", "-").stdout
    assert "<h1>Proposed personal measures" in html and "synthetic" in html and chosen["official_name"] in html


def test_cost_refuses_bad_input(db, tmp_path):
    bad_policy = tmp_path / "policy.toml"
    bad_policy.write_text('code = "x"\nversion = "1"\n[political_case]\nwhen = "sometimes"\n')
    for args, message in [
        (("--since", "2025-13-01"), "--since: '2025-13-01' is not a date"),
        (("--since", "2026-01-01", "--until", "2025-01-01"), "--since: 2026-01-01 is after --until 2025-01-01"),
        (("--country", "Belarus"), "--country: 'Belarus' is not a two-letter country code"),
        (("--policy", str(bad_policy)), f"{bad_policy}: [political_case] when = 'sometimes' is not one of"),
        (("status", "424242", "submitted"), "no proposal with id 424242"),  # the rest: tests/accountability
        (("export", "--authority", "EU", str(tmp_path / "no-such-folder" / "eu.csv")), "OUT: cannot write"),
        (("export", "--authority", "EU", "--format", "pdf", "-"), "--format: 'pdf' is not one of csv, html"),
    ]:
        result = run_politzek_here("cost", *args)
        assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and message in result.stderr, result


def test_officials_review_lists_and_refuses(demo):
    listed = json.loads(run_politzek("officials", "review", "--json", db=demo).stdout)
    assert listed == {"pending": []}
    for args, message in [
        (("--decide", "1"), "--decide: give exactly one of --same or --different"),
        (("--decide", "424242", "--same"), "--decide: no official match with id 424242"),
    ]:
        result = run_politzek("officials", "review", *args, db=demo)
        assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and message in result.stderr, result
