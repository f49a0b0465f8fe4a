"""The journalist's statistics page: country (never all summed without saying so),
recognizing organization, period and dates as a GET form; the table as CSV and every chart as
SVG and PNG at addresses that keep the choices; alt texts that state the figures; bad choices
answered 400 naming the value."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


@pytest.fixture
def registry():
    viasna = organization("viasna", kind="human_rights")
    memorial = organization("memorial", kind="human_rights")
    for number in range(3):
        held = person(f"Belarus Testau {number}", country="BY", region="Minsk")
        event(held, "detained", day(-40))
        event(held, "recognized", day(-30), organization=viasna)
    freed = person("Belarus Volny", country="BY")
    event(freed, "detained", day(-200))
    event(freed, "recognized", day(-190), organization=viasna)
    event(freed, "died_in_custody", day(-10))
    russian = person("Ivan Testov", country="RU")
    event(russian, "detained", day(-40))
    event(russian, "recognized", day(-30), organization=memorial)


def test_the_default_is_one_country_never_all_summed(client, registry):
    html = client.get("/statistics/").content.decode()
    assert '<option value="BY" selected>' in html  # the country with the most people
    assert "added together" in html  # the sum is a choice, named as such
    summed = client.get("/statistics/", {"country": "all"}).content.decode()
    assert "These figures add every country of the registry together" in summed


def test_deaths_stand_beside_releases(client, registry):
    html = client.get("/statistics/", {"country": "BY"}).content.decode()
    assert "died in custody" in html
    table = client.get("/statistics.csv", {"country": "BY", "period": "month", "from": day(-60), "to": day(0)})
    rows = list(csv.reader(io.StringIO(table.content.decode("utf-8-sig"))))
    header = rows[0]
    died = header.index("died in custody")
    assert sum(int(row[died]) for row in rows[1:]) == 1


def test_organization_period_and_dates(client, registry):
    by_memorial = client.get("/statistics.csv", {"country": "all", "organization": "memorial", "period": "month",
                                                 "from": day(-60), "to": day(0)})
    rows = list(csv.reader(io.StringIO(by_memorial.content.decode("utf-8-sig"))))
    end = rows[0].index("political prisoners at end")
    assert rows[-1][end] == "1"  # only Memorial's recognition counts
    assert by_memorial["Content-Disposition"].startswith(
        'attachment; filename="politzek-statistics-all-memorial-month-')
    page = client.get("/statistics/", {"country": "BY", "period": "month", "from": day(-60), "to": day(0)})
    html = page.content.decode()
    assert 'value="month" selected' in html
    assert f"/statistics/charts/stock.png?country=BY&amp;period=month&amp;from={day(-60)}" in html
    assert "Line chart: political prisoners in custody went from" in html  # alt text with figures


def test_a_phone_gets_a_chart_drawn_for_its_width(client, registry):
    html = client.get("/statistics/", {"country": "BY"}).content.decode()
    assert 'media="(max-width: 40rem)"' in html and "size=phone" in html
    wide = b"".join(client.get("/statistics/charts/stock.svg", {"country": "BY"}).streaming_content)
    phone = b"".join(client.get("/statistics/charts/stock.svg", {"country": "BY", "size": "phone"}).streaming_content)
    assert b'width="' in phone and phone != wide
    # Narrower and with larger type: the text stays readable at 360 px.
    assert float(phone.split(b'width="')[1].split(b"pt")[0]) < float(wide.split(b'width="')[1].split(b"pt")[0])
    assert client.get("/statistics/charts/stock.svg", {"country": "BY", "size": "huge"}).status_code == 400
    # Measured: every text of every chart's phone drawing is 11 CSS px or more on a 390-px phone.
    from tests.web.chart_text import READABLE_PX, smallest_text_px

    for name in ("stock", "inflow-outflow"):
        drawn = b"".join(client.get(f"/statistics/charts/{name}.svg",
                                    {"country": "BY", "size": "phone"}).streaming_content)
        assert smallest_text_px(drawn) >= READABLE_PX, name


def test_charts_download_as_svg_and_png(client, registry):
    svg = client.get("/statistics/charts/stock.svg", {"country": "BY", "period": "month"})
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in b"".join(svg.streaming_content)
    png = client.get("/statistics/charts/inflow-outflow.png", {"country": "BY"})
    assert png["Content-Type"] == "image/png" and b"".join(png.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(("params", "named"), [
    ({"period": "fortnight"}, "period=fortnight"), ({"from": "yesterday"}, "from=yesterday"),
    ({"organization": "kgb"}, "organization=kgb"), ({"from": "2026-01-01", "to": "2025-01-01"}, "is after"),
    ({"period": "day", "from": "2000-01-01"}, "more than 400 periods"), ({"country": "Belarus"}, "BELARUS"),
])
def test_bad_choices_are_400(client, registry, params, named):
    for path in ("/statistics/", "/statistics.csv", "/statistics/charts/stock.svg"):
        response = client.get(path, params)
        assert response.status_code == 400, path
        assert named in response.content.decode(), path


def test_charts_are_drawn_in_the_pages_language(client, registry):
    """The charts of /be/statistics/ were byte for byte the English ones."""
    english = b"".join(client.get("/statistics/charts/stock.svg", {"country": "BY"}).streaming_content).decode()
    belarusian = b"".join(client.get("/be/statistics/charts/stock.svg", {"country": "BY"}).streaming_content).decode()
    assert "Stock: Belarus" in english and "Колькасць пад вартай: Беларусь" in belarusian
    assert "палітвязні пад вартай" in belarusian and "political prisoners" not in belarusian


def test_values_only_hidden_people_hold_are_counted_never_named(client, registry):
    """A region, tag or article held only by restricted, confidential or unconsenting people is
    counted under "other (not shown)" on the page, its alt texts, its chart, in Russian, and in
    the report; values a visible person holds are named (issue 33)."""
    from politzek.flows.figures import NOT_SHOWN, Scope, compute
    from politzek.flows.report import render
    from politzek.registry import models as m

    viasna = m.Organization.objects.get(code="viasna")
    rare_tag = m.Tag.objects.create(code="navapolatsk-choir", label="Navapolatsk choir")
    for visibility, consent, region in (("restricted", "unknown", "Navapolatsk"), ("confidential", "unknown", "Shklou"),
                                        ("public", "no", "Dokshytsy")):
        hidden = person(f"Hidden {region}", country="BY", region=region, visibility=visibility, consent=consent)
        event(hidden, "detained", day(-40))
        event(hidden, "recognized", day(-30), organization=viasna)
        hidden.tags.add(rare_tag)
        case = m.Case.objects.create(jurisdiction="BY", case_number=f"hidden-{region}")
        case.defendants.add(hidden)
        case.charges.create(code_system="BY-CC", article="361-4", person=hidden)
    figures = compute(Scope(country="BY"), dt.date.fromisoformat(day(-60)), TODAY, "week",
                      breakdowns=["region", "tag", "article"])
    assert figures.breakdowns["region"] == {"Minsk": 3, NOT_SHOWN: 3}
    assert figures.breakdowns["tag"] == {NOT_SHOWN: 3}
    assert figures.breakdowns["article"] == {NOT_SHOWN: 3}
    for text in (render(figures, "text"), render(figures, "md", "ru")):
        assert not any(word in text for word in ("Navapolatsk", "Shklou", "Dokshytsy", "navapolatsk", "361-4"))
    assert "other (not shown) 3" in render(figures, "text")
    for prefix in ("", "/ru"):
        for url in ("/statistics/", "/statistics.csv", "/statistics/stock-by-region.svg"):
            body = client.get(f"{prefix}{url}", {"country": "BY"}).content.decode("utf-8", "replace")
            assert not any(word in body for word in ("Navapolatsk", "Shklou", "Dokshytsy")), (prefix, url)
    page = client.get("/statistics/", {"country": "BY"}).content.decode()
    assert "Minsk 3, other (not shown) 3" in page
    # The same rule names a value once a visible person holds it.
    m.Person.objects.filter(region="Navapolatsk").update(visibility="public")
    figures = compute(Scope(country="BY"), dt.date.fromisoformat(day(-60)), TODAY, "week", breakdowns=["region"])
    assert figures.breakdowns["region"] == {"Minsk": 3, "Navapolatsk": 1, NOT_SHOWN: 2}


def test_a_country_only_hidden_people_are_persecuted_in_is_counted_not_named(client, registry):
    from politzek.registry.visibility import NOT_SHOWN
    from tests.commands import run_politzek_here

    hidden = person("Hidden Kazakh", country="KZ", visibility="confidential")
    event(hidden, "detained", day(-40))
    figures = client.get("/api/statistics").json()
    assert "KZ" not in figures["by_country"] and figures["by_country"][NOT_SHOWN]["in_custody"] == 1
    assert set(figures["by_country"]) >= {"BY", "RU"}
    assert figures["in_custody"] == sum(c["in_custody"] for c in figures["by_country"].values())
    shown = run_politzek_here("stats", "--json")
    assert shown.returncode == 0 and '"KZ"' not in shown.stdout and NOT_SHOWN in shown.stdout
