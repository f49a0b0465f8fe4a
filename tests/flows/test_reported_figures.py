"""Organizations' reported figures beside the registry's own (issue 34, item 5), on published
figures (tests/data/published_figures_research.md, each with its source and quote) and a
registry of Viasna's five named political prisoners of late 2014 (tests/registry/
test_list_of_2014.py tells their story).

Expected answers, written by hand from the sources before the program was run:
- Viasna, "as of late 2014" (read as 2014-12-31): 6 held; the registry holds 5 of them (83.3 %);
- Viasna, 2025-12-23: 1,135 held; the registry holds 0 of them (0.0 %): its five were pardoned on
  22 August 2015 and nobody later is recorded, so the registry says how little it covers;
- Viasna, 2025-12-31: 1,131 held: the latest total as of the end of 2025, the one `stats` and the
  API give beside the registry's count for that day;
- Viasna, January 2025: 18 newly recognized; the registry records 0 of them (0.0 %);
- Memorial, 1,262 held, published 2025-12-30 with no day stated (day_stated no); the registry's
  Russian count is 0 of them (0.0 %);
- a total given with a period instead of a day is refused naming its row and column, exit 2,
  nothing written."""

from __future__ import annotations

import csv
import json

import pytest

from politzek.registry import models as m
from tests.commands import run_politzek_here
from tests.registry.test_list_of_2014 import FREEDOM_HOUSE, NAMES, REVIEW_2014, _write

pytestmark = pytest.mark.django_db

CHARTER97 = "https://charter97.org/ru/news/2025/12/25/667779/"
REFORM_DECEMBER = ("https://reform.news/en/rights-defenders-record-more-than-80-cases-of-politically-motivated-"
                   "repression-in-december/amp")
VIASNA_JANUARY = "https://spring96.org/en/news/117384"
MEMORIAL_2025 = "https://memopzk.org/en/news/2025-annual-report/"
COLUMNS = ["organization", "country", "kind", "value", "qualifier", "as_of", "period_start", "period_end",
           "day_stated", "source_url", "quote"]
FIGURES = [
    ["Viasna", "Belarus", "total_held", "6", "", "2014-12-31", "", "", "no", REVIEW_2014,
     "as of late 2014, Belarusian prisons held six political prisoners"],
    ["Вясна", "BY", "total_held", "1 135", "", "2025-12-23", "", "", "yes", CHARTER97,
     "По состоянию на 23 декабря 2025 года в белорусских местах заключения продолжают удерживать 1135 "
     "политзаключенных."],
    ["viasna", "BY", "total_held", "1,131", "", "2025-12-31", "", "", "yes", REFORM_DECEMBER,
     "As of the end of December 2025, 1,131 political prisoners were being held in places of detention"],
    ["viasna", "BY", "newly_recognized", "18", "", "", "2025-01-01", "2025-01-31", "yes", VIASNA_JANUARY,
     "during the month, the human rights community recognized 18 individuals as such"],
    ["Memorial", "Russia", "total_held", "1262", "", "2025-12-30", "", "", "no", MEMORIAL_2025,
     "The number of recognised political prisoners rose from 803 to 1,262."],
]


def _registry(tmp_path):
    rows = [{"source_key": f"viasna-review-2014-{n}", "name": name, "country": "BY", "visibility": "public",
             "detained_on": "unknown", "recognized_by": "viasna", "release_mode": "pardon",
             "released_on": "2015-08-22", "sources": f"{REVIEW_2014} {FREEDOM_HOUSE}", "as_of": "2014"}
            for n, name in enumerate(NAMES, start=1)]
    done = run_politzek_here("import", "politzek-csv", str(_write(tmp_path / "viasna-2014.csv", rows)))
    assert done.returncode == 0, done.stderr


def _figures_file(tmp_path, rows):
    path = tmp_path / "reported.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def test_each_reported_figure_stands_beside_the_registrys_count(tmp_path, client):
    _registry(tmp_path)
    done = run_politzek_here("figures", "import", str(_figures_file(tmp_path, FIGURES)))
    assert done.returncode == 0, done.stderr
    assert "5 figures recorded" in done.stdout
    listed = json.loads(run_politzek_here("figures", "list", "--json").stdout)["figures"]
    got = {(f["organization"], f["kind"], f["as_of"] or f["period_start"]): (f["value"], f["registry"],
                                                                             f["registry_share_percent"])
           for f in listed}
    assert got == {
        ("viasna", "total_held", "2014-12-31"): (6, 5, 83.3),
        ("viasna", "total_held", "2025-12-23"): (1135, 0, 0.0),
        ("viasna", "total_held", "2025-12-31"): (1131, 0, 0.0),
        ("viasna", "newly_recognized", "2025-01-01"): (18, 0, 0.0),
        ("memorial", "total_held", "2025-12-30"): (1262, 0, 0.0),
    }
    text = run_politzek_here("figures", "list", "--country", "BY", "--kind", "total_held").stdout
    assert "as of 2014-12-31: political prisoners held: 6. The registry holds 5 of them (83.3 %)." in text

    stats = json.loads(run_politzek_here("stats", "--json", "--at", "2025-12-31").stdout)
    # Each organization's latest total as of that day, Belarus's before Russia's.
    assert [(r["country"], r["organization"], r["value"], r["registry"]) for r in stats["reported"]] == [
        ("BY", "viasna", 1131, 0), ("RU", "memorial", 1262, 0)]
    api = client.get("/api/statistics?at=2014-12-31").json()
    assert [(r["organization"], r["value"], r["registry"], r["source"]["url"]) for r in api["reported"]] == [
        ("viasna", 6, 5, REVIEW_2014)]
    listed_api = client.get("/api/reported-figures?country=BY&kind=total_held").json()["items"]
    assert [(r["as_of"], r["value"], r["registry"], r["registry_share_percent"]) for r in listed_api] == [
        ("2014-12-31", 6, 5, 83.3), ("2025-12-23", 1135, 0, 0.0), ("2025-12-31", 1131, 0, 0.0)]
    assert client.get("/api/reported-figures?kind=arrests").status_code == 422  # not a kind of figure
    page = client.get("/statistics/?country=BY&period=month&from=2014-12-01&to=2014-12-31").content.decode()
    assert "political prisoners held: 6. The registry holds 5 of them (83.3 %)." in page
    russian = client.get("/ru/statistics/?country=BY&period=month&from=2014-12-01&to=2014-12-31").content.decode()
    assert "В реестре из них: 5 (83,3 %)" in russian

    again = run_politzek_here("figures", "import", str(_figures_file(tmp_path, FIGURES)))
    assert "0 figures recorded, 5 updated" in again.stdout and m.ReportedFigure.objects.count() == 5


def test_a_page_with_no_reported_figure_says_nothing_tells_the_coverage(client):
    page = client.get("/statistics/?country=BY").content.decode()
    assert "nothing says how much of the whole these counts cover" in page


@pytest.mark.parametrize(("change", "column", "message"), [
    ({"period_start": "2025-12-01", "period_end": "2025-12-31"}, "period_start", "not a period"),
    ({"as_of": ""}, "as_of", "give the day"),
    ({"value": "about a thousand"}, "value", "not a whole number"),
    ({"organization": "Some Group!"}, "organization", "neither a known organization"),
    ({"source_url": "javascript:alert(1)"}, "source_url", "not an http(s) address"),
])
def test_a_bad_figure_is_refused_naming_its_row_and_column(tmp_path, change, column, message):
    row = dict(zip(COLUMNS, FIGURES[1], strict=True)) | change
    path = _figures_file(tmp_path, [FIGURES[0], [row[c] for c in COLUMNS]])
    done = run_politzek_here("figures", "import", str(path))
    assert done.returncode == 2
    assert f"row 3, column '{column}'" in done.stderr and message in done.stderr
    assert not m.ReportedFigure.objects.exists()


def test_a_source_only_a_confidential_record_cites_is_no_side_door(client):
    """A figure recorded (through the admin) with a source that only a confidential person's
    event cites: the figure and the registry's share are public, the source's address and the
    quote are not, on the API, stats and the statistics page; cleared staff see them."""
    from politzek.flows.reported import reported_beside_registry
    from politzek.registry.visibility import Clearance, Viewer
    from tests.registry.factories import event, person

    secret = m.Source.objects.create(url="https://example.org/secret-testimony", title="Secret testimony")
    hidden = person("Testau Hidden", country="BY", visibility="confidential")
    event(hidden, "detained", "2025-01-10").sources.add(secret)
    viasna = m.Organization.objects.get_or_create(code="viasna", defaults={"name": "Viasna"})[0]
    m.ReportedFigure.objects.create(organization=viasna, country="BY", kind="total_held", value=1131,
                                    as_of="2025-12-31", source=secret, quote="a quote from the secret source")
    api = client.get("/api/reported-figures").json()["items"]
    assert [(r["value"], r["source"], r["quote"]) for r in api] == [(1131, None, "")]
    for text in (client.get("/api/statistics?at=2025-12-31").content.decode(),
                 client.get("/statistics/?country=BY&from=2025-12-01&to=2025-12-31").content.decode(),
                 run_politzek_here("figures", "list").stdout, run_politzek_here("stats", "--json").stdout):
        assert "secret-testimony" not in text and "a quote from the secret source" not in text
    [cleared] = reported_beside_registry(Viewer(Clearance.CONFIDENTIAL))
    assert cleared.as_dict()["source"]["url"] == "https://example.org/secret-testimony"


def test_the_admin_shows_no_figure_whose_source_is_above_the_staff_members_clearance(client):
    """The admin's raw id widget would label the figure's source with its title: an editor
    without clearance does not get the figure at all; a cleared one does."""
    from tests.registry.factories import event, person, staff

    secret = m.Source.objects.create(url="https://example.org/secret-testimony", title="Secret testimony")
    hidden = person("Testau Hidden", country="BY", visibility="confidential")
    event(hidden, "detained", "2025-01-10").sources.add(secret)
    viasna = m.Organization.objects.get_or_create(code="viasna", defaults={"name": "Viasna"})[0]
    figure = m.ReportedFigure.objects.create(organization=viasna, country="BY", kind="total_held", value=1131,
                                             as_of="2025-12-31", source=secret)
    client.force_login(staff("editor-uncleared", "editor", confidential=False))
    page = client.get(f"/admin/registry/reportedfigure/{figure.pk}/change/")
    assert page.status_code in (302, 404) and b"Secret testimony" not in page.content
    assert b"Secret testimony" not in client.get("/admin/registry/reportedfigure/").content
    client.force_login(staff("admin-cleared", "admin", confidential=True, superuser=True))
    assert b"Secret testimony" in client.get(f"/admin/registry/reportedfigure/{figure.pk}/change/").content
