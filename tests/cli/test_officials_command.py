"""`politzek officials` end to end on a small demo registry."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def test_list_gaps_and_a_dossier(demo):
    listed = json.loads(run_politzek("officials", "list", "--json", db=demo).stdout)["officials"]
    assert listed and all(o["cases"] >= 0 for o in listed)
    busiest = max(listed, key=lambda o: o["cases"])
    gaps = json.loads(run_politzek("officials", "gaps", "--authority", "XX", "--min-cases", "1", "--json",
                                   db=demo).stdout)
    assert gaps["authority"] == "XX" and busiest["official"] in [g["official"] for g in gaps["gaps"]]
    dossier = json.loads(run_politzek("officials", "dossier", str(busiest["official"]), "--format", "json",
                                      db=demo).stdout)
    assert dossier["totals"]["cases"] == busiest["cases"] and dossier["synthetic"] is True
    rows = list(csv.DictReader(io.StringIO(run_politzek("officials", "dossier", str(busiest["official"]),
                                                        "--format", "csv", db=demo).stdout)))
    assert len(rows) <= busiest["cases"] and rows[0]["case_number"]
    html = run_politzek("officials", "dossier", str(busiest["official"]), "--format", "html", db=demo).stdout
    assert "<h1>Dossier of an official</h1>" in html and 'id="synthetic-notice"' in html
    assert f"In all, {busiest['cases']} cases" in html
    text = run_politzek("officials", "dossier", str(busiest["official"]), db=demo).stdout
    assert "(synthetic)" in text and "custodial sentences handed down" in text


def test_officials_refuse_bad_input(db):
    for args, message in [
        (("dossier", "424242"), "no official with id 424242"),
        (("dossier", "1", "--format", "pdf"), "--format: 'pdf' is not one of text, json, csv, html, ftm"),
        (("gaps", "--authority", "EU", "--min-cases", "0"), "--min-cases: 0 is below 1"),
        (("gaps", "--authority", " "), "--authority: empty"),
        (("list", "--country", "Belarus"), "--country: 'Belarus' is not a two-letter country code"),
    ]:
        result = run_politzek_here("officials", *args)
        assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and message in result.stderr, result
