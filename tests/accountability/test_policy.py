"""The cost policy file: the bundled one loads, a mistake is refused naming the file and the
key, and authorities are known by any of their names."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest

from politzek.accountability.policy import PolicyError, default_policy, load_policy, parse_policy

BUNDLED = tomllib.loads(resources.files("politzek.accountability").joinpath("data/cost-policy.toml").read_text())


def test_the_bundled_policy_and_its_defaults():
    policy = default_policy()
    assert policy.version == "politzek-cost 2026-12" and policy.authorities == ("EU", "US", "UK", "CA")
    # the documented default: no release lowers the index
    assert policy.index.release_credit_bought == 0 and policy.index.release_credit_unbought == 0
    assert [m.code for m in policy.measures] == ["case-officials", "facility-head"]


@pytest.mark.parametrize("change, message", [
    (("political_case", "when", "sometimes"),
     "p.toml: [political_case] when = 'sometimes' is not one of recognized, any"),
    (("triggers", "events", ["detained", "arrested"]), "[triggers] events: 'arrested' is not one of"),
    (("proposals", "authorities", ["EU", "Mars"]), "[proposals] authorities: 'Mars' is not one of"),
    (("index", "quiet_weeks", "many"), "[index]: quiet_weeks = 'many' is not a whole number"),
    (("index", "per_new_case", -1), "[index]: per_new_case = -1.0 is below 0"),
    (("index", "quiet_decay_per_week", 2), "quiet_decay_per_week = 2.0 is above 1"),
])
def test_a_bad_policy_is_refused_naming_the_key(change, message):
    data = copy.deepcopy(BUNDLED)
    section, key, value = change
    data[section][key] = value
    with pytest.raises(PolicyError) as refused:
        parse_policy(data, "p.toml")
    assert message in str(refused.value)


def test_a_measure_with_an_unknown_role():
    data = copy.deepcopy(BUNDLED)
    data["measures"][0]["roles"] = ["judge_first_instance", "janitor"]
    with pytest.raises(PolicyError, match="measures entry 1: roles: 'janitor' is not one of"):
        parse_policy(data, "p.toml")


def test_policy_files_that_cannot_be_read(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("this is = = not toml")
    with pytest.raises(PolicyError, match="broken.toml: is not TOML"):
        load_policy(broken)
    with pytest.raises(PolicyError, match="missing.toml: cannot be read"):
        load_policy(tmp_path / "missing.toml")
