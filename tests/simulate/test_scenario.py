"""Scenario files: a typo is refused naming the file, the key and the value."""

from __future__ import annotations

import copy

import pytest
import yaml

from politzek.simulate.report import bundled_scenarios
from politzek.simulate.scenario import ScenarioError, load_scenario, parse_scenario

GOOD = yaml.safe_load(bundled_scenarios()["belarus-demo"].read_text(encoding="utf-8"))


def _with(path: str, value):
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is KeyError:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


CASES = [
    ("parameters.arrests_per_week.value", "many",
     "s.yaml: parameters.arrests_per_week: value = 'many' is not a number"),
    ("parameters.arrests_per_week.source", KeyError, "parameters.arrests_per_week: source is missing"),
    ("parameters.pardon_per_year.value", 1.5, "parameters.pardon_per_year: value 1.5 is outside [0, 1]"),
    ("parameters.response_to_deals.value", 2.0, "value 2 is outside its range [0, 0.87]"),
    ("parameters.response_to_deals.range", [0.5], "range = [0.5] is not [low, high]"),
    ("parameters.speed", {"value": 1, "source": "x"}, "parameters.speed: not a parameter"),
    ("parameters.death_per_year", KeyError, "parameters.death_per_year is missing"),
    ("horizon_weeks", 0, "horizon_weeks = 0 is not a whole number from 1 to 1560"),
    ("custody_weeks.edges", [10, 5], "edges = [10, 5] are not rising whole weeks from 1"),
    ("custody_weeks.shares", [1], "shares = [1] are not 11 numbers"),
    ("policies.1.kind", "bribe", "policies entry 2: kind = 'bribe' is not one of none, deals, automatic_cost, mixed"),
    ("policies.1.share_released", 0, "policies entry 2: share_released = 0 is not above 0 and at most 1"),
    ("policies.1.every_weeks", 2.5, "every_weeks = 2.5 is not a whole number of weeks"),
    ("policies.2.name", "no_engagement", "two policies are called 'no_engagement'"),
    ("country", "Belarus", "country = 'Belarus' is not a two-letter code"),
    # A source stored as a fact must be one the wording knows, with every key it needs.
    ("parameters.arrests_per_week.basis.fact", "rumour",
     "parameters.arrests_per_week.basis: fact = 'rumour' is not one of registry_held"),
    ("parameters.arrests_per_week.basis.new", KeyError, "parameters.arrests_per_week.basis: new is missing"),
    ("parameters.arrests_per_week.basis.new", [848], "basis = {"),
    ("custody_weeks.basis.terms", KeyError, "custody_weeks.basis: terms is missing"),
    ("calibration.held", KeyError, "s.yaml: calibration: held is missing"),
]


@pytest.mark.parametrize("path, value, message", CASES)
def test_a_bad_scenario_is_refused_naming_the_key(path, value, message):
    with pytest.raises(ScenarioError) as refused:
        parse_scenario(_with(path, value), "s.yaml")
    assert message in str(refused.value)


def test_files_that_are_not_scenarios(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(ScenarioError, match="broken.yaml: is not YAML"):
        load_scenario(broken)
    with pytest.raises(ScenarioError, match="cannot be read"):
        load_scenario(tmp_path / "missing.yaml")
    listed = tmp_path / "list.yaml"
    listed.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="is not a mapping"):
        load_scenario(listed)


def test_changing_a_value_marks_it_and_is_checked():
    scenario = parse_scenario(GOOD, "s.yaml").with_values(response_to_deals=0.5)
    changed = scenario.parameters["response_to_deals"]
    assert changed.source == "changed by the user" and not changed.uncertain  # every run uses 0.5
    with pytest.raises(ScenarioError, match="response_to_deals: value 50 is outside"):
        scenario.with_values(response_to_deals=50)
    with pytest.raises(ScenarioError, match="speed: not a parameter"):
        scenario.with_values(speed=1)
