"""The report's sentences in English, Russian, Belarusian and Ukrainian on the hand-counted registry of
tests/flows/conftest.py: exact wording, plural agreement, local dates and numbers."""

import json

import pytest

from politzek.flows.figures import Scope, compute
from politzek.flows.report import render
from tests.flows.conftest import FIRST, LAST

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Belarus, 1 December 2025 to 14 December 2025.",
    "Political prisoners in custody (recognized by any organization): 3 at the end of 30 November 2025, 3 at the "
    "end of 14 December 2025 (no change).",
    "In this period 2 people were newly recognized as political prisoners, 1 was detained and 0 were sentenced.",
    "1 political prisoner was released (1 pardoned) and 1 died in custody or was executed.",
    # The net is not 2 − 1: the death is said beside it.
    "For every 1 released, 2 came in (newly recognized, or detained while recognized): net 0. Besides releases, 1 "
    "died in custody and 0 recognitions were withdrawn: the net counts them too. Those released had spent a median "
    "of 6 months (185 days) in custody.",
    "Everyone in custody in the registry, recognized or not: 5 → 3 (−2).",
    "Counted without names (protest detentions as published): 30 people detained at 1 event; not included in the "
    "figures above.",
    "Data quality: 2 events have no date and are in no period; 1 move of political prisoners is dated only to the "
    "month or year and counted on its first day.",
]
RUSSIAN = [
    "Беларусь, с 1 декабря 2025 по 14 декабря 2025.",
    "За этот период 2 человека признаны политзаключёнными, 1 человек задержан и 0 человек осуждены.",
    "1 политзаключённый освобождён (1 помилован) и 1 человек умер под стражей или казнён.",
    "Медианный срок, проведённый освобождёнными под стражей: 6 месяцев (185 дней).",
    "задержано 30 человек на 1 акции",
    "Качество данных: 2 события без даты не вошли ни в один период; 1 вход или выход политзаключённых датирован "
    "лишь месяцем или годом и учтён в его первый день.",
]
BELARUSIAN = [
    "Беларусь, з 1 снежня 2025 па 14 снежня 2025.",
    "За гэты перыяд 2 чалавекі прызнаныя палітвязнямі, 1 чалавек затрыманы і 0 чалавек асуджаныя.",
    "1 палітвязень вызвалены (1 памілаваны) і 1 чалавек памёр пад вартай або быў пакараны смерцю.",
    "Медыянны тэрмін, праведзены вызваленымі пад вартай: 6 месяцаў (185 дзён).",
]

UKRAINIAN = [
    "Білорусь, з 1 грудня 2025 по 14 грудня 2025.",
    "За цей період 2 людини вперше визнано політв’язнями, 1 людину затримано і 0 людей засуджено.",
    "1 політв’язня звільнено (1 помилуваний) і 1 людина померла під вартою або була страчена.",
    "Медіанний строк, проведений звільненими під вартою: 6 місяців (185 днів).",
    "затримано 30 людей на 1 акції",
]


@pytest.mark.parametrize(("language", "expected"),
                         [("en", ENGLISH), ("ru", RUSSIAN), ("be", BELARUSIAN), ("uk", UKRAINIAN)])
def test_the_summary_says_the_hand_counted_figures(registry, language, expected):
    text = render(compute(Scope(country="BY"), FIRST, LAST, "week"), "text", language)
    for sentence in expected:
        assert sentence in text


def test_json_carries_the_summary_and_every_figure(registry):
    report = json.loads(render(compute(Scope(country="BY"), FIRST, LAST, "week"), "json", "ru"))
    assert report["language"] == "ru" and report["summary"][0].startswith("Беларусь")
    assert [p["stock_end"] for p in report["political_prisoners"]] == [3, 3]
    assert report["undated_events"] == {"detained": 1, "sentenced": 1}


def test_large_numbers_are_grouped_the_local_way():
    from django.utils import translation

    from politzek.flows import report

    with translation.override("en"):
        assert report._number(1227) == "1,227"
    with translation.override("ru"):
        assert report._number(1227) == "1\xa0227"
        assert report._count(report.ngettext("%(n)s person", "%(n)s people", 21), 21) == "21 человек"
        assert report._count(report.ngettext("%(n)s person", "%(n)s people", 22), 22) == "22 человека"
        assert report._count(report.ngettext("%(n)s person", "%(n)s people", 11), 11) == "11 человек"


def test_no_name_or_private_field_of_anyone_reaches_a_report(registry, tmp_path):
    """Reports count restricted and confidential people (docs/privacy.md) but show nothing
    about them: no name, no private field, in any format or in the time series."""
    from politzek.flows.series import write_series
    from politzek.registry.models import Person
    from tests.flows.conftest import timeline
    from tests.registry.factories import person

    canaries = {"relatives_contacts": "CANARY-RELATIVES-5521", "lawyer_contacts": "CANARY-LAWYER-5522",
                "health_notes": "CANARY-HEALTH-5523", "internal_notes": "CANARY-NOTES-5524"}
    hidden = person("CANARY-NAME-5525", visibility="confidential", consent="no", **canaries)
    timeline(hidden, ("detained", "2025-12-02"), ("recognized", "2025-12-03", "viasna"))
    Person.objects.filter(pk=registry["C"].pk).update(visibility="restricted", health_notes="CANARY-HEALTH-5526")
    figures = compute(Scope(country="BY"), FIRST, LAST, "week", breakdowns=["region", "gender", "age", "tag"])
    assert figures.political[-1].stock_end == 4  # counted
    outputs = [render(figures, form, language) for form in ("text", "md", "json") for language in ("en", "ru")]
    write_series(figures, tmp_path / "series.csv")
    write_series(figures, tmp_path / "series.json")
    outputs += [(tmp_path / "series.csv").read_text(encoding="utf-8"),
                (tmp_path / "series.json").read_text(encoding="utf-8")]
    for output in outputs:
        assert "CANARY" not in output
