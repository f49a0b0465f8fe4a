"""Officials' dossiers and sanctions gaps on a registry built here, with totals counted by hand."""

import pytest

from politzek.accountability.dossier import NoSuchOfficial, official_dossier, totals
from politzek.accountability.gaps import sanctions_gaps
from politzek.registry import models as m
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import person

pytestmark = pytest.mark.django_db
YEAR = 365.25


def _official(name, country="BY"):
    official = m.Official.objects.create(country=country)
    official.names.create(name=name, is_primary=True)
    return official


def _case(number, official, role, defendants, sentences, article="342"):
    case = m.Case.objects.create(jurisdiction="BY", case_number=number)
    case.defendants.add(*defendants)
    m.Charge.objects.create(case=case, code_system="BY-CC", article=article)
    m.CaseRole.objects.create(case=case, official=official, role=role)
    for who, kind, years, absentia, date in sentences:
        m.Sentence.objects.create(case=case, person=who, kind=kind, term_days=round(years * YEAR) if years else None,
                                  in_absentia=absentia, date=date)
    return case


@pytest.fixture
def officials():
    judge, prosecutor = _official("Judge Testava"), _official("Prosecutor Testau")
    shown, other, hidden, exile = (person("Shown One"), person("Shown Two"),
                                   person("Hidden One", visibility="restricted"), person("Exile One"))
    _case("1-1/2021", judge, "judge_first_instance", [shown, hidden],
          [(shown, "colony", 3, False, "2021-05-01"), (hidden, "colony", 5, False, "2021-05-01")])
    _case("1-2/2022", judge, "judge_first_instance", [other], [(other, "fine", None, False, "2022-03-01")],
          article="369")
    _case("1-3/2023", judge, "judge_first_instance", [exile], [(exile, "colony", 8, True, "2023-02-01")])
    _case("1-1/2021-p", prosecutor, "prosecutor", [shown], [(shown, "colony", 4, False, "2021-06-01")])
    m.Sanction.objects.create(official=prosecutor, authority="EU", program="Belarus")
    m.Sanction.objects.create(official=judge, authority="UK", program="Belarus", delisted_on="2024-01-01")
    return judge, prosecutor, hidden


def test_a_judges_dossier_counts_every_sentence_and_names_only_the_visible(officials):
    judge, _prosecutor, hidden = officials
    dossier = official_dossier(judge.pk, Viewer.public())
    # 3 + 5 years in the first case; a fine and a sentence in absentia do not deprive of liberty.
    assert dossier.totals == {"cases": 3, "cases_by_role": {"judge_first_instance": 3}, "defendants_sentenced": 4,
                              "custodial_sentences_handed_down": 2, "custodial_years_handed_down": 8.0}
    assert [c.case_number for c in dossier.cases] == ["1-1/2021", "1-2/2022", "1-3/2023"]
    first = dossier.cases[0]
    assert [name for _pid, name in first.defendants] == ["Shown One"] and first.hidden_defendants == 1
    assert len(first.sentences) == 1 and first.sentences[0]["person_id"] != hidden.pk
    assert dossier.sanctioned_by == []  # the UK listing was lifted
    staff = official_dossier(judge.pk, Viewer(Clearance.RESTRICTED))
    assert sorted(name for _pid, name in staff.cases[0].defendants) == ["Hidden One", "Shown One"]
    assert staff.totals == dossier.totals


def test_sanctions_gaps_rank_the_unlisted(officials):
    judge, prosecutor, _hidden = officials
    assert [g.official_id for g in sanctions_gaps("EU", min_cases=1)] == [judge.pk]
    assert [g.official_id for g in sanctions_gaps("uk", min_cases=1)] == [judge.pk, prosecutor.pk]
    assert sanctions_gaps("EU", min_cases=4) == []
    [gap] = sanctions_gaps("EU", min_cases=3)
    assert (gap.cases, gap.custodial_years, gap.listed_by) == (3, 8.0, ())
    assert sanctions_gaps("UK", min_cases=1)[1].listed_by == ("EU",)


def test_totals_are_plain_arithmetic():
    assert totals([(1, "prosecutor")], [(1, 9, "colony", 3653, False)])["custodial_years_handed_down"] == 0
    assert totals([(1, "judge_appeal")], [(1, 9, "prison", 3653, False)])["custodial_years_handed_down"] == 10.0


def test_an_unknown_official():
    with pytest.raises(NoSuchOfficial):
        official_dossier(424242, Viewer.public())


def test_the_public_official_page_shows_the_totals_and_only_visible_defendants(client, officials):
    judge, _prosecutor, _hidden = officials
    text = client.get(f"/officials/{judge.pk}/").content.decode()
    assert "3 cases; 2 custodial sentences handed down, 8.0 years in all" in text
    assert "Shown One" in text and "Hidden One" not in text


def test_the_dossier_in_followthemoney_has_real_listings_only_and_visible_cases(officials):
    import io
    import json

    from followthemoney import model

    from politzek.ingest.export_ftm import export_official_ftm

    judge, prosecutor, _hidden = officials
    out = io.StringIO()
    export_official_ftm(out, prosecutor.pk, Viewer.public())
    entities = [model.get_proxy(json.loads(line)) for line in out.getvalue().splitlines()]
    schemas = sorted(e.schema.name for e in entities)
    assert schemas.count("Sanction") == 1 and "CourtCase" in schemas and "CourtCaseParty" in schemas
    assert {e.first("name") for e in entities if e.schema.name == "Person"} == {"Prosecutor Testau", "Shown One"}
    out = io.StringIO()
    export_official_ftm(out, judge.pk, Viewer.public())
    text = out.getvalue()
    assert "Hidden One" not in text and "1-1/2021" not in text  # a case with a hidden defendant is left out
    assert "1-2/2022" in text and '"Sanction"' in text  # the lifted UK listing is a real listing, with its end
