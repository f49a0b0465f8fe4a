"""`politzek simulate` end to end: the bundled scenario, reproducibility, changes, charts,
calibration from a demo registry, and bad input refused in one line."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.cli.test_commands import ONE_LINE_ERROR
from tests.commands import run_politzek, run_politzek_here

# Commands in subprocesses, servers or browsers: `-m 'not slow'` leaves them out.
pytestmark = pytest.mark.slow


def test_the_bundled_scenario_runs_the_four_policies_reproducibly(tmp_path):
    first = json.loads(run_politzek("simulate", "belarus-demo", "--runs", "40", "--seed", "3", "--json").stdout)
    again = json.loads(run_politzek("simulate", "belarus-demo", "--runs", "40", "--seed", "3", "--json").stdout)
    assert first == again
    assert [p["policy"]["name"] for p in first["policies"]] == [
        "no_engagement", "pay_for_releases", "automatic_cost", "mixed"]
    assert first["scenario"]["synthetic"] is True and first["parameter_uncertainty"] is True
    assert len(first["held_by_week"]["mixed"]["median"]) == first["scenario"]["horizon_weeks"]
    [trolley] = first["trolley"]
    assert trolley["policy"] == "pay_for_releases" and trolley["break_even_response"] > 0
    text = run_politzek("simulate", "belarus-demo", "--runs", "30", "--fixed", "--set", "response_to_deals=0.5",
                        "--sensitivity", "--charts", str(tmp_path / "charts")).stdout
    assert "CALIBRATED ON SYNTHETIC DEMO DATA" in text and "response_to_deals = 0.5" in text
    assert "Rests on: the registry (people in it: 7,500)" in text and "reported figures: 0" in text
    assert "changed by the user" in text and "stop paying off" in text and "sensitivity" in text
    assert (tmp_path / "charts" / "held.svg").read_text().startswith("<?xml")
    assert (tmp_path / "charts" / "tornado.svg").exists()


def test_calibrate_writes_a_scenario_that_runs(demo, tmp_path):
    out = tmp_path / "by.yaml"
    done = run_politzek("simulate", "--calibrate", "--country", "BY", "--out", str(out), db=demo)
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["synthetic"] is True and written["parameters"]["arrests_per_week"]["value"] > 0
    arrests = written["parameters"]["arrests_per_week"]
    assert arrests["source"].startswith("registry, Belarus, ")  # the basis in English, for the file's reader
    assert arrests["basis"]["fact"] == "registry_new" and arrests["basis"]["country"] == "BY"
    assert written["calibration"]["country"] == "BY" and written["calibration"]["synthetic"] is True
    ran = run_politzek("simulate", str(out), "--runs", "20", "--json")
    assert ran.returncode == 0 and json.loads(ran.stdout)["scenario"]["country"] == "BY"


def test_simulate_refuses_bad_input(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nparameters: {}\n", encoding="utf-8")
    for args, message in [
        ((), "SCENARIO: give a scenario file or a bundled name (belarus-demo)"),
        (("nowhere.yaml",), "SCENARIO: nowhere.yaml is neither a file nor a bundled scenario"),
        ((str(bad),), f"{bad}: parameters.initial_prisoners is missing"),  # the rest: tests/simulate
        (("belarus-demo", "--runs", "0"), "--runs: 0 is not between 1 and 100000"),
        (("belarus-demo", "--set", "response_to_deals"), "--set: 'response_to_deals' is not NAME=NUMBER"),
        (("belarus-demo", "--set", "pardon_per_year=2"), "parameters.pardon_per_year: value 2 is outside [0, 1]"),
        (("--calibrate",), "--calibrate: give --country"),
        (("--calibrate", "--country", "ZZ"), "--calibrate: no political prisoner's custody began in ZZ"),
    ]:
        result = run_politzek_here("simulate", *args)
        assert result.returncode == 2 and ONE_LINE_ERROR.match(result.stderr) and message in result.stderr, result


def test_calibrating_on_a_few_records_is_refused_unless_asked(db, tmp_path):
    from tests.registry.factories import event, organization, person

    viasna = organization("viasna", kind="human_rights")
    for number in range(3):
        held = person(f"Testau Few {number}", country="BY")
        event(held, "detained", "2025-03-01")
        event(held, "recognized", "2025-04-01", organization=viasna)
        case = held.cases.create(jurisdiction="BY", case_number=f"few-{number}")
        case.sentences.create(person=held, kind="colony", term_days=3 * 365, date="2025-06-01")
    refused = run_politzek_here("simulate", "--calibrate", "--country", "BY")
    assert refused.returncode == 2 and ONE_LINE_ERROR.match(refused.stderr)
    assert "holds 3 political prisoner(s) in BY" in refused.stderr and "--accept-few" in refused.stderr
    out = tmp_path / "few.yaml"
    done = run_politzek_here("simulate", "--calibrate", "--country", "BY", "--accept-few", "--out", str(out))
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["name"].endswith("(few records)") and "TOO FEW" in written["notes"]
