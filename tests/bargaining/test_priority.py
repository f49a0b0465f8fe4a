"""The priority score of a political prisoner: each factor adds what the weights file says."""

import datetime as dt

import pytest

from politzek.bargaining.priority import priority
from politzek.bargaining.rules import priority_weights
from politzek.bargaining.vetting import PersonRecord

TODAY = dt.date(2026, 12, 1)


def held(**fields):
    return PersonRecord(person_id=1, name="Test", in_custody=True, **fields)


def test_each_factor_adds_its_weight_with_a_reason():
    weights = priority_weights().factors
    record = held(birth_year=1950, tags=frozenset({"serious-illness"}), sentence_days=3652,
                  custody_since=dt.date(2022, 12, 1), current_custody_events=frozenset({"incommunicado",
                                                                                         "torture_reported"}))
    score = priority(record, priority_weights(), TODAY)
    expected = (weights["health"].weight + weights["age"].weight + 3652 / 365.25 * weights["sentence"].per_year
                + (TODAY - dt.date(2022, 12, 1)).days / 365.25 * weights["time_served"].per_year
                + weights["incommunicado"].weight + weights["torture"].weight)
    assert score.score == pytest.approx(expected)
    assert len(score.reasons) == 6
    assert score.reasons[0][1] == max(points for _why, points in score.reasons)  # largest first
    assert any("aged 60 or over (born 1950)" in why for why, _p in score.reasons)


def test_caps_stop_a_life_sentence_from_outweighing_everything():
    weights = priority_weights().factors
    score = priority(held(sentence_days=60 * 365), priority_weights(), TODAY)
    assert score.score == pytest.approx(weights["sentence"].cap_years * weights["sentence"].per_year)


def test_nothing_on_record_scores_nothing():
    assert priority(held(birth_year=1990), priority_weights(), TODAY).score == 0


def test_health_notes_count_without_being_quoted():
    score = priority(held(has_health_notes=True), priority_weights(), TODAY)
    assert score.reasons == (("serious illness or disability on record (health notes on record)",
                              priority_weights().factors["health"].weight),)
