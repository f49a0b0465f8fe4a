"""Real exchange and release lists, kept as their sources publish them (tests/data/exchange_lists/,
every row quoted from its source in SOURCES.md there), vetted on a registry that holds none of
their people: which way each entry goes, read from country names as the sources write them
("Russia", "United States", "U.S.", "Білорусь"), and who is a foreign citizen by the list's own
word. Expected answers written by hand from the sources before the program was run (issue 35).

- Griner–Bout, 8 December 2022 (country RU): Brittney Griner freed by Russia, an American:
  foreign citizen; Viktor Bout handed to Russia: sent to the regime, "convicted of terrorism-related
  charges" flags the state's label.
- Iran–US, 18 September 2023 (IR): three freed by Iran; Namazi (dual US-Iranian) is no foreign
  citizen of Iran, Sharghi (US) and Tahbaz (US; British) are; Namazi and Sharghi were sentenced
  "on charges of espionage" / "charged with espionage"; five handed to Iran.
- US–Venezuela, 20 December 2023 (VE): Alex Saab handed to Venezuela; ten freed by Venezuela,
  nine of them foreign citizens (eight Americans, Leonard Francis a Malaysian), and Roberto Abdul, a
  Venezuelan "arrested this month for treason", freed with no country named as receiving him.
- Russia–Ukraine, 7 September 2019 (RU): 35 freed by Russia, all Ukrainian citizens (the Civil
  M+ report: "The plane with Ukrainian citizens…"); four named of the 35 handed to Russia.
- Belarus, early July 2024 (BY): six freed, "Білорусь" in the source's Ukrainian; no citizenship
  given, so no flag.
- Karelina–Petrov, 10 April 2025 (RU): Ksenia Karelina (US; Russian) freed, no foreign flag (a dual
  citizen of the holding state), "sentenced to 12 years for treason"; Artur Petrov handed to Russia."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from politzek.bargaining.exchange_list import vet_list
from politzek.registry.visibility import Viewer

pytestmark = pytest.mark.django_db

LISTS = Path(__file__).resolve().parents[1] / "data" / "exchange_lists"
TODAY = dt.date(2026, 12, 7)


def _vet(name, country):
    result = vet_list(LISTS / f"{name}.csv", Viewer.public(), country=country, day=TODAY)
    # No source lists anyone twice, and the registry holds none of them: no duplicate, no conflict.
    assert result.summary["flags"]["duplicate"] == 0 and result.summary["flags"]["side_conflict"] == 0
    return result, {item.entry.names[0]: (item.reading.direction, item.vetting.verdict,
                                          {flag.code for flag in item.vetting.flags}) for item in result.entries}


def test_griner_and_bout():
    result, got = _vet("us_ru_2022_12_08_griner_bout", "RU")
    assert got == {"Brittney Griner": ("from_regime", "not_documented", {"foreign_citizen"}),
                   "Viktor Bout": ("to_regime", "sent_to_regime", {"state_label"})}
    assert result.summary["directions"] == {"from_regime": 1, "to_regime": 1, "unknown": 0}


def test_iran_and_the_united_states_2023():
    result, got = _vet("us_ir_2023_09_18", "IR")
    assert got["Siamak Namazi"] == ("from_regime", "not_documented", {"state_label"})
    assert got["Emad Sharghi"] == ("from_regime", "not_documented", {"foreign_citizen", "state_label"})
    assert got["Morad Tahbaz"] == ("from_regime", "not_documented", {"foreign_citizen"})
    handed = ["Kaveh Lotfolah Afrasiabi", "Mehrdad Ansari", "Amin Hasanzadeh", "Reza Sarhangpour Kafrani",
              "Kambiz Attar Kashani"]
    assert {name: got[name][:2] for name in handed} == {name: ("to_regime", "sent_to_regime") for name in handed}
    assert result.summary["directions"] == {"from_regime": 3, "to_regime": 5, "unknown": 0}
    [tahbaz] = [item for item in result.entries if item.entry.names[0] == "Morad Tahbaz"]
    assert [flag.detail for flag in tahbaz.vetting.flags] == ["citizenship US, GB (the list); held by IR"]


def test_venezuela_and_alex_saab():
    result, got = _vet("us_ve_2023_12_20_saab", "VE")
    assert got.pop("Alex Saab") == ("to_regime", "sent_to_regime", set())
    assert got.pop("Roberto Abdul") == ("from_regime", "not_documented", {"state_label"})
    assert list(got.values()) == [("from_regime", "not_documented", {"foreign_citizen"})] * 9
    assert result.summary["flags"]["foreign_citizen"] == 9


def test_russia_and_ukraine_35_for_35():
    result, got = _vet("ru_ua_2019_09_07", "RU")
    freed = {name: value for name, value in got.items() if value[0] == "from_regime"}
    handed = {name: value for name, value in got.items() if value[0] == "to_regime"}
    assert len(freed) == 35 and all("foreign_citizen" in flags for _d, _v, flags in freed.values())
    assert sorted(handed) == ["Kirill Vyshinsky", "Volodymyr Tsemakh", "Максим Одинцов", "Олександр Баранов"]
    assert {verdict for _d, verdict, _f in handed.values()} == {"sent_to_regime"}
    assert "state_label" in got["Oleg Sentsov"][2] and "state_label" in got["Roman Sushchenko"][2]
    assert result.summary["directions"] == {"from_regime": 35, "to_regime": 4, "unknown": 0}


def test_belarus_july_2024_written_in_ukrainian():
    result, got = _vet("by_2024_07_releases", "BY")
    assert list(got.values()) == [("from_regime", "not_documented", set())] * 6
    [first] = result.entries[:1]
    assert first.reading.read_from == "released_by = Білорусь (BY)"


def test_karelina_and_petrov():
    _result, got = _vet("us_ru_2025_04_10_karelina_petrov", "RU")
    assert got == {"Ksenia Karelina": ("from_regime", "not_documented", {"state_label"}),
                   "Artur Petrov": ("to_regime", "sent_to_regime", set())}


def test_reed_and_yaroshenko_and_fogel_and_vinnik():
    """Reed–Yaroshenko (27 April 2022) and Fogel–Vinnik (February 2025), both with Russia: the
    Americans freed by Russia are foreign citizens; the Russians handed back are sent to the
    regime; no note names violence ("endangering the life and health of Russian police
    officers" is no word of the rules) or a state's label."""
    _result, reed = _vet("us_ru_2022_04_27_reed_yaroshenko", "RU")
    assert reed == {"Trevor Reed": ("from_regime", "not_documented", {"foreign_citizen"}),
                    "Konstantin Yaroshenko": ("to_regime", "sent_to_regime", set())}
    _result, fogel = _vet("us_ru_2025_02_11_fogel_vinnik", "RU")
    assert fogel == {"Marc Fogel": ("from_regime", "not_documented", {"foreign_citizen"}),
                     "Alexander Vinnik": ("to_regime", "sent_to_regime", set())}


def test_iran_and_the_united_states_2016_written_us():
    """Iran–US, 16–17 January 2016, "U.S." as the source writes it: five freed by Iran (three
    dual Iranian-American citizens, no foreign flag; Matthew Trevithick, American, a foreign
    citizen), seven handed to Iran. Rezaian's "espionage" and Hekmati's "spying for the CIA"
    are the state's labels."""
    result, got = _vet("us_ir_2016_01_16", "IR")
    assert result.summary["directions"] == {"from_regime": 5, "to_regime": 7, "unknown": 0}
    assert got["Jason Rezaian"] == ("from_regime", "not_documented", {"state_label"})
    assert got["Amir Hekmati"] == ("from_regime", "not_documented", {"state_label"})
    assert got["Saeed Abedini"] == ("from_regime", "not_documented", set())
    assert got["Nosratollah Khosravi-Roodsari"] == ("from_regime", "not_documented", set())
    assert got["Matthew Trevithick"] == ("from_regime", "not_documented", {"foreign_citizen"})
    assert {value[:2] for name, value in got.items() if value[0] == "to_regime"} == {("to_regime", "sent_to_regime")}
