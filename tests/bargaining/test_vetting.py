"""Verdicts and flags of single records, table-driven, on plain values (no database)."""

import datetime as dt

import pytest

from politzek.bargaining.rules import vetting_rules
from politzek.bargaining.vetting import (
    ChargeFact,
    PersonRecord,
    RecognitionFact,
    not_in_registry,
    vet_record,
)

VIASNA = RecognitionFact("viasna", "Viasna", "2021-03-01", ("pace-1900:a", "pace-1900:e"))
PROTEST = ChargeFact("BY-CC", "342", label="group actions violating public order", case="1-2/2021", convicted=True)
MURDER = ChargeFact("RU-CC", "105", label="murder", case="1-9/2019", convicted=True)
POLICE = ChargeFact("BY-CC", "364", label="violence against a police officer", case="1-5/2020")
ESPIONAGE = ChargeFact("RU-CC", "276", label="espionage", case="1-1/2023", convicted=True)
FAKES = ChargeFact("RU-CC", "207.3", label="'fakes' about the army", case="1-3/2022", convicted=True)
THEFT = ChargeFact("RU-CC", "158", label="theft")


def record(**fields):
    fields.setdefault("in_custody", True)
    fields.setdefault("status", "serving_sentence")
    return PersonRecord(person_id=1, name="Test Person", country=fields.pop("country", "BY"), **fields)


CASES = [
    {"what": "recognized, with its grounds cited", "record": record(recognitions=(VIASNA,), charges=(PROTEST,)),
     "verdict": "recognized", "criteria": ["pace-1900:a", "pace-1900:e"], "flags": []},
    {"what": "a protest conviction meets ground (a) before any recognition", "record": record(charges=(PROTEST,)),
     "verdict": "meets_criteria", "criteria": ["pace-1900:a"], "flags": []},
    {"what": "a murder conviction falls under the violence exclusion", "record": record(charges=(MURDER,)),
     "verdict": "does_not_meet", "criteria": ["hr-guidelines-2013:violence"], "flags": ["violence"]},
    {"what": "violence wins over a ground when nobody recognized the person",
     "record": record(charges=(PROTEST, POLICE)), "verdict": "does_not_meet",
     "criteria": ["hr-guidelines-2013:violence"], "flags": ["violence"]},
    {"what": "a recognition stands over a violence charge, which is flagged",
     "record": record(recognitions=(VIASNA,), charges=(POLICE,)), "verdict": "recognized",
     "criteria": ["pace-1900:a", "pace-1900:e"], "flags": ["violence"]},
    {"what": "a combatant is another legal category",
     "record": record(tags=frozenset({"prisoner-of-war"}), charges=(FAKES,)), "verdict": "does_not_meet",
     "criteria": ["politzek-vetting:combatants"], "flags": ["combatant", ]},
    {"what": "an 'espionage' case with a recognition is political, and flagged as the state's label",
     "record": record(country="RU", recognitions=(RecognitionFact("memorial", "Memorial", "2023-05-01",
                                                                  ("pace-1900:e",)),), charges=(ESPIONAGE,)),
     "verdict": "recognized", "criteria": ["pace-1900:e"], "flags": ["state_label"]},
    {"what": "an 'espionage' charge alone proves nothing either way", "record": record(country="RU",
                                                                                       charges=(ESPIONAGE,)),
     "verdict": "not_documented", "criteria": ["record"], "flags": ["state_label"]},
    {"what": "an ordinary theft charge meets no ground", "record": record(charges=(THEFT,)),
     "verdict": "not_documented", "criteria": ["record"], "flags": []},
    {"what": "a withdrawn recognition no longer counts",
     "record": record(recognitions=(
         RecognitionFact("viasna", "Viasna", "2021-03-01", ("pace-1900:a",), "2022-01-01"),)),
     "verdict": "not_documented", "criteria": ["record"], "flags": []},
    {"what": "a recognition by a state body is no recognition",
     "record": record(recognitions=(RecognitionFact("by-kgb", "KGB", "2021-03-01", (), None, human_rights=False),)),
     "verdict": "not_documented", "criteria": ["record"], "flags": []},
    {"what": "someone already released is flagged", "record": record(
        recognitions=(VIASNA,), in_custody=False, status="released", status_since=dt.date(2025, 9, 11),
        release_mode="pardon"), "verdict": "recognized", "criteria": ["pace-1900:a", "pace-1900:e"],
     "flags": ["not_in_custody"]},
    {"what": "a foreign citizen held by Belarus", "record": record(citizenships=("DE",), charges=(PROTEST,)),
     "verdict": "meets_criteria", "criteria": ["pace-1900:a"], "flags": ["foreign_citizen"]},
]


@pytest.mark.parametrize("case", CASES, ids=[c["what"] for c in CASES])
def test_verdicts(case):
    vetting = vet_record(case["record"], vetting_rules())
    assert vetting.verdict == case["verdict"]
    assert [r.criterion for r in vetting.reasons] == case["criteria"]
    assert sorted(f.code for f in vetting.flags) == sorted(case["flags"])
    for reason in vetting.as_dict()["reasons"]:
        assert reason["fact"] and reason["cites"]


def test_reasons_name_the_fact_and_the_criterion_text():
    vetting = vet_record(record(charges=(PROTEST,)), vetting_rules()).as_dict()
    reason = vetting["reasons"][0]
    assert reason["cites"] == "PACE Resolution 1900 (2012), ground (a)"
    assert "of assembly and association" in reason["criterion_text"] and "BY-CC 342" in reason["fact"]
    assert "freedom of assembly" in reason["fact"]
    assert "convicted" in reason["fact"] and "1-2/2021" in reason["fact"]


def test_only_the_chosen_organizations_recognize():
    chosen = vet_record(record(recognitions=(VIASNA,), charges=(PROTEST,)), vetting_rules(), frozenset({"memorial"}))
    assert chosen.verdict == "meets_criteria"


def test_a_state_label_on_a_political_case_says_the_charge_proves_nothing():
    vetting = vet_record(record(country="RU", charges=(FAKES, ESPIONAGE)), vetting_rules())
    assert vetting.verdict == "meets_criteria"
    [flag] = [f for f in vetting.flags if f.code == "state_label"]
    assert "spy or traitor" in flag.detail and "proves nothing" in flag.detail


@pytest.mark.parametrize(("notes", "flags"), [
    ("военнопленный, военнослужащий ВСУ", ["combatant"]),
    ("Військовополонений", ["combatant"]),
    ("a marine of the 36th brigade, prisoner of war", ["combatant"]),
    ("convicted of murder in Germany", ["violence"]),
    ("осуждён за убийство", ["violence"]),
    ("обвинён в шпионаже в пользу Украины", ["state_label"]),
    ("'terrorist' per FSB; journalist", ["state_label"]),
    ("power engineer, blogger", []),  # "pow" is a whole word only
    ("spyware researcher", []),
    ("", []),
])
def test_list_notes_raise_flags_in_several_languages(notes, flags):
    vetting = not_in_registry(notes, vetting_rules())
    assert vetting.verdict == "not_documented"
    assert sorted(f.code for f in vetting.flags) == flags
