"""Calibration rests on what organizations report where the registry covers little (issue 34,
item 6), with Viasna's published figures (tests/data/published_figures_research.md):
- total held: 1,131 "as of the end of December 2025" (reform.news quoting Viasna);
- newly recognized: 18 in January 2025, 39 in February 2025, 50 in December 2025 (Viasna's
  reviews), and 283 from 18 January to 17 September 2025 (charter97 quoting Viasna), which
  overlaps January and February and so must not be added to them.

Expected by hand, calibrating on 2025-12-31 over 104 weeks: the counted periods are January,
February and December 2025 (the 283 overlaps January and is left out): 107 newly recognized in
(31 + 28 + 31) / 7 = 12.857 weeks, 8.322 a week; prisoners held at the start 1,131, "the
registry holds 25 of them"; the notes say it rests on 4 reported figures. The registry here is
25 anonymous spells (no person), enough records to calibrate without --accept-few."""

from __future__ import annotations

import datetime as dt

import pytest

from politzek.registry import models as m
from politzek.simulate.calibrate import Spell, estimate
from politzek.simulate.calibrate_data import reported_for

pytestmark = pytest.mark.django_db

AT = dt.date(2025, 12, 31)
REFORM_DECEMBER = ("https://reform.news/en/rights-defenders-record-more-than-80-cases-of-politically-motivated-"
                   "repression-in-december/amp")


def _figure(kind, value, source, as_of=None, period=None):
    viasna = m.Organization.objects.get_or_create(code="viasna", defaults={"name": "Viasna"})[0]
    start, end = period or (None, None)
    m.ReportedFigure.objects.create(organization=viasna, country="BY", kind=kind, value=value, as_of=as_of,
                                    period_start=start, period_end=end,
                                    source=m.Source.objects.get_or_create(url=source)[0])


def test_calibration_uses_reported_totals_and_counts():
    _figure("total_held", 1131, REFORM_DECEMBER, as_of=AT)
    _figure("newly_recognized", 18, "https://spring96.org/en/news/117384",
            period=(dt.date(2025, 1, 1), dt.date(2025, 1, 31)))
    _figure("newly_recognized", 39, "https://spring96.org/en/news/117568",
            period=(dt.date(2025, 2, 1), dt.date(2025, 2, 28)))
    _figure("newly_recognized", 283, "https://charter97.org/ru/news/2025/9/17/656093/",
            period=(dt.date(2025, 1, 18), dt.date(2025, 9, 17)))
    _figure("newly_recognized", 50, REFORM_DECEMBER, period=(dt.date(2025, 12, 1), dt.date(2025, 12, 31)))
    reported = reported_for("BY", AT, 104)
    assert (reported.total, reported.recognized, reported.figures) == (1131, 107, 4)
    assert reported.recognized_weeks == pytest.approx(90 / 7)

    spells = [Spell(AT - dt.timedelta(weeks=2 * n + 1), None) for n in range(25)]
    scenario = estimate(spells, [365 * 3] * 25, [], AT, 104, "BY", synthetic=False, reported=reported)
    initial, arrests = scenario.parameters["initial_prisoners"], scenario.parameters["arrests_per_week"]
    assert initial.value == 1131 and "in the registry: 25" in initial.source
    assert arrests.value == pytest.approx(8.322, abs=0.001)
    assert ("reported figures: 4; of the 1,131 political prisoners Viasna reports held on December 31, 2025, the "
            "registry holds 25") in scenario.notes


def test_without_reported_figures_the_scenario_says_it_takes_the_registry_as_the_country():
    spells = [Spell(AT - dt.timedelta(weeks=2 * n + 1), None) for n in range(25)]
    scenario = estimate(spells, [365 * 3] * 25, [], AT, 104, "BY", synthetic=False,
                        reported=reported_for("BY", AT, 104))
    assert "reported figures: 0; no reported total: the registry's counts are taken as the country's" in scenario.notes
    assert scenario.parameters["initial_prisoners"].value == 25
