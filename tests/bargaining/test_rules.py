"""The rules and weights data files: every criterion they cite exists, versions are set."""

from politzek.bargaining.rules import criterion_name, criterion_text, priority_weights, vetting_rules
from politzek.registry.criteria import ground_codes


def test_every_ground_the_vetting_rules_cite_is_in_the_criteria_data():
    rules = vetting_rules()
    assert rules.version.startswith("politzek-vetting ")
    assert {rule.ground for rule in rules.article_grounds} <= ground_codes()
    assert rules.is_violent("RU-CC", "105") and not rules.is_violent("RU-CC", "207.3")
    assert rules.state_label("BY-CC", "356") == "spy or traitor"


def test_criteria_are_cited_by_name_and_text():
    assert criterion_name("pace-1900:c") == "PACE Resolution 1900 (2012), ground (c)"
    assert "out of proportion" in criterion_text("pace-1900:c")
    assert "violence against persons" in criterion_text("hr-guidelines-2013:violence")
    assert "Geneva" in criterion_text("politzek-vetting:combatants")


def test_priority_weights_are_versioned_and_complete():
    weights = priority_weights()
    assert weights.version.startswith("politzek-priority ")
    assert {"health", "age", "sentence", "time_served", "incommunicado", "torture"} <= set(weights.factors)
    assert all(f.weight > 0 or f.per_year > 0 for f in weights.factors.values())
