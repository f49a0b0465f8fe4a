"""Vetting whole lists against a small registry built here: mixed scripts, a duplicate,
namesakes, a garbage row, a combatant and a convicted murderer among dissidents, a record
only staff may see, and the urgent people the list leaves out. Names are invented."""

import datetime as dt

import pytest

from politzek.bargaining.exchange_list import save, vet_list
from politzek.names.lists import ListError
from politzek.registry import models as m
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, organization

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)
HEADER = "name,birth_date,citizenship,notes,side\n"


def _person(names, country, born=None, tags=(), visibility="public", citizenships=None):
    who = m.Person.objects.create(visibility=visibility, country=country, birth_date=born,
                                  citizenships=citizenships or [country])
    for i, name in enumerate(names):
        who.names.create(name=name, is_primary=i == 0)
    for tag in tags:
        who.tags.add(m.Tag.objects.get_or_create(code=tag, defaults={"label": tag})[0])
    return who


def _case(who, system, article, label, detained, sentenced=None, years=None, recognized_by=None,
          recognized_on=None, extra=()):
    case = m.Case.objects.create(jurisdiction=who.country, case_number=f"1-{who.pk}/{detained[:4]}")
    case.defendants.add(who)
    m.Charge.objects.create(case=case, person=who, code_system=system, article=article, label=label)
    event(who, "detained", detained, case=case)
    if sentenced:
        sentence = m.Sentence.objects.create(case=case, person=who, date=sentenced, kind="colony",
                                             term_days=int(years * 365.25))
        event(who, "sentenced", sentenced, case=case, sentence=sentence)
    if recognized_by:
        event(who, "recognized", recognized_on or detained,
              organization=organization(recognized_by, kind="human_rights"))
    for kind, day in extra:
        event(who, kind, day)
    return who


@pytest.fixture
def registry():
    people = {
        "dissident": _case(_person(["Ганна Сцяпанава", "Hanna Stsiapanava"], "BY", "1985-04-12"),
                           "BY-CC", "342", "group actions grossly violating public order", "2021-05-10",
                           "2021-09-01", 3, "viasna", "2021-06-01"),
        "unrecognized": _case(_person(["Павел Жук", "Pavel Zhuk"], "BY", "1979"), "BY-CC", "361-1",
                              "extremist formation", "2024-01-15"),
        "murderer": _case(_person(["Олег Сидоркин", "Oleg Sidorkin"], "RU", "1961-02-03"), "RU-CC", "105",
                          "murder", "2019-03-01", "2019-11-20", 15),
        "combatant": _case(_person(["Андрій Коваленко", "Andrii Kovalenko"], "RU", "1996", tags=["prisoner-of-war"],
                                   citizenships=["UA"]), "RU-CC", "205.5", "terrorist organization", "2022-05-20",
                           "2023-08-01", 20),
        "petrov_old": _case(_person(["Иван Петров", "Ivan Petrov"], "RU", "1970-01-01"), "RU-CC", "207.3",
                            "'fakes' about the army", "2022-04-01", "2023-01-10", 7, "memorial"),
        "petrov_young": _case(_person(["Иван Петров", "Ivan Petrov"], "RU", "1992-06-30"), "RU-CC", "280.3",
                              "discrediting the army", "2023-03-01", "2023-10-01", 3, "memorial"),
        "spy": _case(_person(["Юлия Серова", "Yulia Serova"], "RU", "1988"), "RU-CC", "276", "espionage",
                     "2023-02-01", "2024-02-01", 12, "memorial"),
        "restricted": _case(_person(["Таццяна Карповіч", "Tatsiana Karpovich"], "BY", "1990", visibility="restricted"),
                            "BY-CC", "342", "protest", "2022-02-02", "2022-06-01", 2, "viasna"),
        # Not on the list: two political prisoners of Belarus, one far more urgent.
        "urgent": _case(_person(["Уладзімір Краўчук", "Uladzimir Krauchuk"], "BY", "1958"), "BY-CC", "361",
                        "calls harming national security", "2020-08-20", "2021-03-01", 14, "viasna",
                        extra=[("incommunicado", "2023-01-10"), ("torture_reported", "2023-02-01")]),
        "less_urgent": _case(_person(["Дзмітрый Швед", "Dzmitry Shved"], "BY", "2000"), "BY-CC", "342",
                             "protest", "2025-06-01", "2025-09-01", 1.5, "viasna"),
    }
    return people


def _list(tmp_path, rows, name="list.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


MIXED = [
    "Hanna Stsiapanava,1985-04-12,BY,,EU\n",  # row 2: the dissident, Latin spelling of a Belarusian record
    "Жук Павел,,BY,,EU\n",  # row 3: surname first, Cyrillic
    "Олег Сидоркин,1961,RU,convicted of murder,RU\n",  # row 4
    "Andriy Kovalenko,,UA,військовополонений,RU\n",  # row 5
    "Ivan Petrov,01.01.1970,RU,,US\n",  # row 6: the older namesake, told apart by the birth date
    "Юлия Серова,,RU,шпионка,US\n",  # row 7
    "Ганна Сцяпанава,,BY,,EU\n",  # row 8: row 2 again
    "Piotr Nieznany,,PL,,EU\n",  # row 9: nobody in the registry
    "???,,,,\n",  # row 10: not a name
    "Tatsiana Karpovich,1990,BY,,EU\n",  # row 11: only staff may see her record
]

EXPECTED = {  # row: (verdict, flags, person key)
    2: ("recognized", {"duplicate"}, "dissident"),
    3: ("meets_criteria", {"state_label"}, "unrecognized"),
    4: ("does_not_meet", {"violence"}, "murderer"),
    5: ("does_not_meet", {"combatant", "state_label", "foreign_citizen"}, "combatant"),
    6: ("recognized", set(), "petrov_old"),
    7: ("recognized", {"state_label"}, "spy"),
    8: ("recognized", {"duplicate"}, "dissident"),
    9: ("not_documented", {"foreign_citizen"}, None),  # a Polish citizen by the list's word
    11: ("not_documented", set(), None),
}


def test_a_mixed_list_gets_the_expected_verdicts_and_flags(tmp_path, registry):
    result = vet_list(_list(tmp_path, MIXED), Viewer.public(), skip_invalid=True, country="BY", day=TODAY)
    got = {item.entry.row: (item.vetting.verdict, {f.code for f in item.vetting.flags},
                            item.match.person_id if item.match else None) for item in result.entries}
    expected = {row: (verdict, flags, registry[key].pk if key else None)
                for row, (verdict, flags, key) in EXPECTED.items()}
    assert got == expected
    assert len(result.unreadable) == 1 and "row 10, column name: '???' has no letters" in result.unreadable[0]
    summary = result.summary
    assert summary["verdicts"] == {"recognized": 4, "meets_criteria": 1, "does_not_meet": 2, "not_documented": 2,
                                   "ambiguous": 0, "sent_to_regime": 0}
    assert summary["flags"]["duplicate"] == 2 and summary["flags"]["violence"] == 1
    assert summary["by_side"]["RU"] == {"does_not_meet": 2}
    # The murderer is flagged both by his record and by the list's own words.
    [murderer] = [item for item in result.entries if item.entry.row == 4]
    details = [f.detail for f in murderer.vetting.flags]
    assert any("RU-CC 105" in d for d in details) and any("'murder'" in d for d in details)
    assert any(r.criterion == "hr-guidelines-2013:violence" for r in murderer.vetting.reasons)


def test_the_urgent_people_missing_from_the_list_come_first_and_hidden_ones_never(tmp_path, registry):
    result = vet_list(_list(tmp_path, MIXED), Viewer.public(), skip_invalid=True, country="BY", day=TODAY)
    assert [x.record.person_id for x in result.missing] == [registry["urgent"].pk, registry["less_urgent"].pk]
    assert result.missing_total == 2  # the listed dissident is not missing; the restricted record is not shown
    reasons = " ".join(why for why, _points in result.missing[0].priority.reasons)
    assert "incommunicado" in reasons and "torture" in reasons and "aged 60 or over" in reasons


def test_staff_see_the_restricted_record_in_the_verdicts_and_the_missing(tmp_path, registry):
    staff = Viewer(Clearance.RESTRICTED)
    result = vet_list(_list(tmp_path, MIXED), staff, skip_invalid=True, country="BY", day=TODAY)
    [karpovich] = [item for item in result.entries if item.entry.row == 11]
    assert karpovich.vetting.verdict == "recognized" and karpovich.match.person_id == registry["restricted"].pk
    alone = vet_list(_list(tmp_path, MIXED[:1], "one.csv"), staff, country="BY", day=TODAY)
    assert registry["restricted"].pk in [x.record.person_id for x in alone.missing]


def test_namesakes_without_a_birth_date_are_ambiguous(tmp_path, registry):
    result = vet_list(_list(tmp_path, ["Petrov Ivan,,RU,,US\n"]), Viewer.public(), day=TODAY)
    [item] = result.entries
    assert item.vetting.verdict == "ambiguous" and item.match is None
    assert {c.person_id for c in item.fitting} == {registry["petrov_old"].pk, registry["petrov_young"].pk}
    assert "a birth date in the list would tell them apart" in item.vetting.reasons[0].fact


def test_a_garbage_row_stops_the_vetting_unless_skipped(tmp_path, registry):
    with pytest.raises(ListError, match=r"list.csv: row 10, column name: '\?\?\?' has no letters"):
        vet_list(_list(tmp_path, MIXED), Viewer.public(), day=TODAY)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty; a header row is expected"),
    (HEADER, "no entries to vet"),
    ("who,birth_date\nIvan,1980\n", "row 1: no column 'name'"),
    (HEADER + "Ivan Petrov,31.02.1970,,,\n", "row 2, column birth_date: '31.02.1970'"),
])
def test_lists_that_cannot_be_vetted(tmp_path, registry, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ListError, match=message):
        vet_list(path, Viewer.public(), day=TODAY)


def test_a_saved_list_keeps_each_verdict_and_the_rules_version(tmp_path, registry):
    result = vet_list(_list(tmp_path, MIXED), Viewer.public(), skip_invalid=True, country="BY", day=TODAY)
    saved = save(result, "Proposed list, test")
    entries = {e.row_number: e for e in saved.entries.all()}
    assert set(entries) == set(EXPECTED)
    assert entries[4].verdict == "does_not_meet" and entries[4].matched_person_id == registry["murderer"].pk
    assert entries[4].side == "RU" and any(f["flag"] == "violence" for f in entries[4].flags)
    assert "politzek-vetting" in saved.rules_version and "politzek-priority" in saved.rules_version
    assert len(saved.file_sha256) == 64


def test_records_read_withdrawals_and_only_the_events_the_viewer_may_see(registry):
    from politzek.bargaining.records import person_records

    who = registry["unrecognized"]
    viasna = organization("viasna", kind="human_rights")
    event(who, "recognized", "2024-03-01", organization=viasna)
    event(who, "recognition_withdrawn", "2024-09-01", organization=viasna)
    event(who, "recognized", "2025-01-10", organization=viasna, visibility="restricted")
    public = person_records([who.pk], Viewer.public(), TODAY)[who.pk]
    assert [(r.date, r.withdrawn_on) for r in public.recognitions] == [("2024-03-01", "2024-09-01")]
    staff = person_records([who.pk], Viewer(Clearance.RESTRICTED), TODAY)[who.pk]
    assert [(r.date, r.withdrawn_on) for r in staff.recognitions] == [("2024-03-01", "2024-09-01"),
                                                                       ("2025-01-10", None)]
    assert person_records([registry["restricted"].pk], Viewer.public(), TODAY) == {}


def test_a_record_in_custody_carries_its_sentence_and_recent_events(registry):
    from politzek.bargaining.records import person_records

    urgent = person_records([registry["urgent"].pk], Viewer.public(), TODAY)[registry["urgent"].pk]
    assert urgent.in_custody and urgent.custody_since == dt.date(2020, 8, 20)
    assert urgent.sentence_days == int(14 * 365.25) and urgent.birth_year == 1958
    assert {"incommunicado", "torture_reported"} <= urgent.current_custody_events
    assert [c.article for c in urgent.charges] == ["361"] and urgent.charges[0].convicted


def test_the_markdown_says_how_to_rank_the_missing_when_no_country_is_known(tmp_path, registry):
    from politzek.bargaining.vetting_report import render

    result = vet_list(_list(tmp_path, ["Piotr Nieznany,,PL,,EU\n"]), Viewer.public(), day=TODAY)
    text = render(result, "md")
    assert result.country is None and "give --country to rank the political prisoners missing" in text
    assert "| not documented | 1 |" in text


def test_private_health_notes_count_only_for_cleared_staff(registry):
    from politzek.bargaining.records import person_records

    who = registry["less_urgent"]
    m.Person.objects.filter(pk=who.pk).update(health_notes="a private note")
    assert not person_records([who.pk], Viewer.public(), TODAY)[who.pk].has_health_notes
    assert not person_records([who.pk], Viewer(Clearance.RESTRICTED), TODAY)[who.pk].has_health_notes
    assert person_records([who.pk], Viewer(Clearance.CONFIDENTIAL), TODAY)[who.pk].has_health_notes
