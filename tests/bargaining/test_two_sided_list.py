"""A two-sided exchange list, built like the August 2024 one (people released by the regime and
people handed to it, one table, `released_by` / `received_by` columns) but with invented names:
the people sent to the regime get their own verdict with the list's words and the registry's
record, never a political prisoner's; flags reach everyone, the missing list included; the
negotiator's Markdown, HTML and XLSX say it in sentences, sources beside the reasons."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from politzek.bargaining.exchange_list import vet_list
from politzek.bargaining.sides import detaining_states, read_side
from politzek.bargaining.vetting_report import html_page, markdown, render_bytes
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from tests.bargaining.test_exchange_list import _case, _person, registry  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)
HEADER = "name,birth_date,citizenship,notes,released_by,received_by\n"
TWO_SIDED = [
    "Ivan Petrov,1970-01-01,RU,,RU,US\n",  # row 2: recognized, freed by the regime
    "Юлия Серова,,RU,,RU,DE\n",  # row 3: recognized, held as a spy
    "Олег Сидоркин,1961,RU,,RU,US\n",  # row 4: in the registry, convicted of murder, freed by the regime
    "Vadim Syntheticov,1965,RU,convicted of murder in Berlin,DE,RU\n",  # row 5: handed to the regime
    "Artem Syntheticov,1980,RU,intelligence officer; espionage,SI,RU\n",  # row 6: handed to the regime
    "Анна Синтетикова,,RU,,PL,RU\n",  # row 7: handed to the regime, nothing said of her
]
# row: (verdict, flags)
EXPECTED = {
    2: ("recognized", set()),
    3: ("recognized", {"state_label"}),
    4: ("does_not_meet", {"violence"}),
    5: ("sent_to_regime", {"violence"}),
    6: ("sent_to_regime", {"state_label"}),
    7: ("sent_to_regime", set()),
}


@pytest.fixture
def violent_prisoner(registry):  # noqa: F811
    """A recognized political prisoner of Russia, not on the list, whose record also holds a
    violence charge: the missing list must flag it as an entry would be."""
    return _case(_person(["Сергей Синтетиков", "Sergei Syntheticov"], "RU", "1975"), "RU-CC", "318",
                 "violence against an official", "2024-03-01", "2024-09-01", 5, "memorial")


def _list(tmp_path, rows):
    path = tmp_path / "exchange.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _vet(tmp_path, **options):
    return vet_list(_list(tmp_path, TWO_SIDED), Viewer.public(), country="RU", day=TODAY, **options)


def test_both_sides_of_the_exchange_get_their_verdicts(tmp_path, registry, violent_prisoner):  # noqa: F811
    result = _vet(tmp_path)
    got = {item.entry.row: (item.vetting.verdict, {f.code for f in item.vetting.flags}) for item in result.entries}
    assert got == EXPECTED
    assert result.summary["verdicts"]["sent_to_regime"] == 3 and result.summary["verdicts"]["recognized"] == 2
    # Without a side column, the summary's sides are who releases whom.
    assert result.summary["by_side"] == {"DE → RU": {"sent_to_regime": 1}, "PL → RU": {"sent_to_regime": 1},
                                         "RU → DE": {"recognized": 1}, "RU → US": {"recognized": 1, "does_not_meet": 1},
                                         "SI → RU": {"sent_to_regime": 1}}
    [killer] = [item for item in result.entries if item.entry.row == 5]
    facts = [reason.fact for reason in killer.vetting.reasons]
    assert facts[0] == "the list sends this person to the regime (received_by = RU (RU); released_by = DE (DE))"
    assert "the list's notes: 'convicted of murder in Berlin'" in facts
    assert "not in the registry: no record documents this person" in facts
    # The missing list: political prisoners of Russia left out, with the flags an entry gets.
    missing = {x.record.person_id: {f.code for f in x.flags} for x in result.missing}
    assert missing == {registry["petrov_young"].pk: set(), violent_prisoner.pk: {"violence"}}


def test_a_registry_record_sent_to_the_regime_keeps_its_flags(tmp_path, registry):  # noqa: F811
    """The convicted murderer of the registry, listed as handed *to* the regime: the verdict
    is the exchange's side, the record's conviction stays a flag and a reason."""
    rows = ["Олег Сидоркин,1961,RU,,LT,RU\n"]
    [item] = vet_list(_list(tmp_path, rows), Viewer.public(), country="RU", day=TODAY).entries
    assert item.vetting.verdict == "sent_to_regime" and item.match.person_id == registry["murderer"].pk
    assert {f.code for f in item.vetting.flags} == {"violence"}
    assert any("does not meet the criteria" in r.fact for r in item.vetting.reasons)


@pytest.mark.parametrize(("fields", "expected"), [
    ({"direction": "returned_to_regime"}, "to_regime"),
    ({"direction": "released_by_regime"}, "from_regime"),
    ({"direction": "to RU"}, "to_regime"),
    # Direction phrases carrying a country, as lists write them (issue 35).
    ({"direction": "to_russia"}, "to_regime"),
    ({"direction": "from_russia"}, "from_regime"),
    ({"direction": "в Россию"}, "to_regime"),
    ({"direction": "передан России"}, "to_regime"),
    ({"direction": "handed to Russia"}, "to_regime"),
    ({"direction": "from the United States"}, "to_regime"),
    ({"side": "RU"}, "unknown"),  # a country code says nothing of the direction: --to-regime side=RU does
    ({"side": "returned to RU"}, "to_regime"),
    ({"side": "US"}, "unknown"),
    ({"received_by": "ru"}, "to_regime"),
    ({"released_by": "RU", "received_by": "US"}, "from_regime"),
    # Country names in any language and form (CLDR's names and common short forms).
    ({"released_by": "Russian Federation", "received_by": "United States"}, "from_regime"),
    ({"released_by": "РФ", "received_by": "ФРГ"}, "from_regime"),
    ({"released_by": "Германия", "received_by": "Россия"}, "to_regime"),
    ({"released_by": "Польшча", "received_by": "Расія"}, "to_regime"),
    ({"released_by": "США", "received_by": "Росія"}, "to_regime"),
    # Never guessed: cells that contradict each other, or name no country.
    ({"released_by": "RU", "received_by": "RU"}, "unknown"),
    ({"released_by": "the other side", "received_by": ""}, "unknown"),
    ({}, "unknown"),
])
def test_the_side_is_read_as_lists_write_it(fields, expected):
    assert read_side(fields, frozenset({"RU"})).direction == expected


def test_the_detaining_side_is_read_off_the_rows():
    """Rows set the countries they join on opposite sides: a country that releases people to
    the same side as the regime's releases stands with the regime. Rows that cannot be split
    in two leave the regime alone."""
    rows = [{"released_by": "Russia", "received_by": "Norway"}, {"released_by": "Belarus", "received_by": "Norway"},
            {"released_by": "Norway", "received_by": "Russia"}]
    assert detaining_states(rows, "RU") == {"RU", "BY"}
    assert read_side({"released_by": "Belarus", "received_by": "Norway"}, detaining_states(rows, "RU")).direction \
        == "from_regime"
    contradictory = [*rows, {"released_by": "Belarus", "received_by": "Russia"}]
    assert detaining_states(contradictory, "RU") == {"RU"}


def test_a_political_prisoner_the_list_seems_to_send_back_is_a_conflict_not_a_verdict(tmp_path, registry):  # noqa: F811
    """A recognized political prisoner of Russia, in custody, whom the rows read as handed TO
    Russia: most likely a list read or written backwards. The record's verdict stands, with a
    flag saying to check the list."""
    rows = ["Ivan Petrov,1970-01-01,RU,,United States,Russia\n"]
    [item] = vet_list(_list(tmp_path, rows), Viewer.public(), country="RU", day=TODAY).entries
    assert item.reading.direction == "to_regime" and item.vetting.verdict == "recognized"
    [flag] = item.vetting.flags
    assert flag.code == "side_conflict" and flag.detail == (
        "received_by = Russia (RU); released_by = United States (US); the registry holds this person as a political "
        "prisoner of RU")


def test_a_user_names_the_column_and_value_that_mean_sent_to_the_regime(tmp_path, registry):  # noqa: F811
    path = tmp_path / "own.csv"
    path.write_text("name,birth_date,lado\nIvan Petrov,1970-01-01,nosotros\nAnna Syntheticova,,ellos\n",
                    encoding="utf-8")
    result = vet_list(path, Viewer.public(), country="RU", day=TODAY, to_regime=(("lado", "ellos"),))
    assert [item.vetting.verdict for item in result.entries] == ["recognized", "sent_to_regime"]


def test_the_negotiators_markdown_speaks_in_sentences(tmp_path, registry, violent_prisoner):  # noqa: F811
    m.Event.objects.filter(kind="recognized", person=registry["petrov_old"]).get().sources.add(
        m.Source.objects.create(url="https://example.org/memorial-statement"))
    text = markdown(_vet(tmp_path))
    assert "## Entries the regime would release" in text and "## Entries sent to the regime" in text
    assert "### Row 5: Vadim Syntheticov, DE → RU: sent to the regime (the other side of the exchange)" in text
    # Names in both scripts, the organization's name (not its code), the reason's source.
    assert "The registry documents this person as Иван Петров (Ivan Petrov) (registry no." in text
    assert "Recognized by Memorial on 2022-04-01" in text
    assert "Source: <https://example.org/memorial-statement>" in text
    # The matcher's features are in the appendix only.
    findings, appendix = text.split("## Appendix: how the names were matched")
    assert "surname" not in findings.split("## Most urgent")[0] and "surname" in appendix
    # Every state-label flag carries the same note; the missing table carries flags.
    assert text.count("proves nothing by itself") == text.count("**Flag: held as a spy")
    assert "Сергей Синтетиков (Sergei Syntheticov)" in text and "violence against persons" in text


def test_the_vetting_is_counted_to_the_day_asked(tmp_path, registry):  # noqa: F811
    """Time served and age are counted to --at: vetted in 2023, Petrov (detained April 2022)
    had served a year, not four."""
    early = vet_list(_list(tmp_path, TWO_SIDED), Viewer.public(), country="RU", day=dt.date(2023, 4, 1))
    late = _vet(tmp_path)
    assert early.day == dt.date(2023, 4, 1)
    served = {x.record.person_id: x.priority.as_dict() for x in early.missing}
    later = {x.record.person_id: x.priority.as_dict() for x in late.missing}
    young = registry["petrov_young"].pk
    assert served[young]["score"] < later[young]["score"]


def test_html_and_xlsx_carry_the_same_verdicts(tmp_path, registry):  # noqa: F811
    result = _vet(tmp_path)
    page = html_page(result)
    assert page.count('<section id="row-') == 6 and "<script" not in page and "http" not in page.split("<body>")[0]
    book = load_workbook(io.BytesIO(render_bytes(result, "xlsx")))
    rows = list(book["Entries"].iter_rows(values_only=True))
    header = rows[0]
    verdicts = [row[header.index("verdict")] for row in rows[1:]]
    assert verdicts == [EXPECTED[row][0] for row in sorted(EXPECTED)]
    assert book.sheetnames == ["Entries", "Missing from the list", "About"]

