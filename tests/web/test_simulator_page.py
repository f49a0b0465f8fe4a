"""The public simulator page: the bundled comparison with its assumptions, a rerun with the
visitor's values (no JavaScript), charts drawn on the server, bad values refused."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_bundled_comparison_with_its_assumptions(client):
    page = client.get("/simulator/").content.decode()
    for policy in ("No engagement", "Paying for releases", "Automatic cost for every new case",
                   "Paying for releases with the automatic cost"):
        assert f"<td>{policy}</td>" in page
    assert "Belarus, calibrated on December 2, 2026 (synthetic demo data)" in page and 'id="synthetic-notice"' in page
    assert "Brandt, George &amp; Sandler (2016" in page and "the arrests outweigh the early releases" in page
    # What the answer rests on, before the answer (issue 34, item 6).
    assert "Rests on: the registry (people in it: 7,500); political prisoners held on December 2, 2026: 1,020" in page
    assert "reported figures: 0; no reported total" in page
    data = client.get("/simulator/results.json").json()
    assert data["scenario"]["notes"].startswith("Rests on: the registry (people in it: 7,500)")
    assert [p["policy"]["name"] for p in data["policies"]] == [
        "no_engagement", "pay_for_releases", "automatic_cost", "mixed"]
    assert client.get("/simulator/results.json?arrests_per_week=many").status_code == 400
    # The two figures a diplomat read as contradicting each other are reconciled on the page.
    assert "Both figures hold; they answer different questions." in page
    assert 'name="response_to_deals" value="0.018"' in page
    held = client.get("/simulator/held.svg")
    assert held.status_code == 200 and b"<svg" in b"".join(held.streaming_content)
    assert client.get("/simulator/tornado.svg").status_code == 200
    assert client.get("/simulator/pie.svg").status_code == 404


def test_a_visitor_changes_a_value_and_runs_again(client):
    page = client.get("/simulator/?response_to_deals=0.6&arrests_per_week=").content.decode()
    assert 'name="response_to_deals" value="0.6"' in page and "changed by the user" in page
    assert "arrests 60% higher after each deal" in page
    assert client.get("/simulator/held.svg?response_to_deals=0.6").status_code == 200


@pytest.mark.parametrize("query, message", [
    ("response_to_deals=lots", "response_to_deals: &#x27;lots&#x27; is not a number"),
    ("pardon_per_year=3", "parameters.pardon_per_year: value 3 is outside [0, 1]"),
])
def test_bad_values_are_refused(client, query, message):
    response = client.get(f"/simulator/?{query}")
    assert response.status_code == 400 and message in response.content.decode()
    assert client.get(f"/simulator/held.svg?{query}").status_code == 400


def test_the_pages_read_in_the_visitors_language(client):
    russian = client.get("/ru/simulator/").content.decode()
    assert "Что плата за освобождения делает с числом политзаключённых" in russian
    # What the scenario rests on, worded from its facts: the studies cited stay as written.
    assert re.search(r"Беларусь, калибровка на 2 декабря 2026\sг\. \(синтетические демонстрационные данные\)",
                     russian)
    assert re.search(r"реестр, Беларусь, с 4 декабря 2024\sг\. по 2 декабря 2026\sг\.: новых политзаключённых: 848",
                     russian)
    assert '<cite translate="no">Brandt, George &amp; Sandler' in russian and "Rests on" not in russian
    assert "Кошт рэпрэсій" in client.get("/be/accountability/").content.decode()
    assert "Запустити знову" in client.get("/uk/simulator/").content.decode()


def test_while_one_simulation_runs_a_new_one_answers_busy(client, tmp_path, monkeypatch):
    """At most one computation at a time on the server: another visitor's new parameters get a
    503 with Retry-After, and cached results are still served."""
    from politzek.web.public.simulator import one_computation_at_a_time

    monkeypatch.setenv("POLITZEK_HOME", str(tmp_path))
    assert client.get("/simulator/").status_code == 200  # computed once, then cached
    with one_computation_at_a_time():  # another worker is computing
        busy = client.get("/simulator/?response_to_deals=0.3")
        assert busy.status_code == 503 and busy["Retry-After"] == "30"
        assert "computing for another visitor" in busy.content.decode()
        russian = client.get("/ru/simulator/?response_to_deals=0.3").content.decode()
        assert "симулятор сейчас считает для другого посетителя" in russian
        assert client.get("/simulator/").status_code == 200
    assert client.get("/simulator/?response_to_deals=0.3").status_code == 200


def test_visitors_asking_for_the_parameters_being_computed_wait_for_that_one_result(tmp_path, monkeypatch):
    """A crowd following one link with new parameters: the simulation runs once; the others
    wait for its result instead of a 503 or a second run."""
    import threading

    from django.test import Client

    from politzek.web.public import simulator

    monkeypatch.setenv("POLITZEK_HOME", str(tmp_path))
    calls = []
    real_run = simulator.run_simulation

    def counted_run(*args, **kwargs):
        calls.append(threading.get_ident())
        return real_run(*args, **kwargs)

    monkeypatch.setattr(simulator, "run_simulation", counted_run)
    paths = ["/simulator/?response_to_deals=0.41", "/ru/simulator/?response_to_deals=0.41",
             "/be/simulator/?response_to_deals=0.41"]
    statuses: dict[str, int] = {}

    def visit(path: str) -> None:
        statuses[path] = Client().get(path).status_code

    visitors = [threading.Thread(target=visit, args=(path,)) for path in paths]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=120)
    assert statuses == dict.fromkeys(paths, 200)
    assert len(calls) == 1


def test_the_charts_are_readable_on_a_phone(client):
    """Every simulator chart has a phone drawing served below 40rem whose text is 11 CSS px or
    more on a 390-px phone (the wide drawings shrink there)."""
    from tests.web.chart_text import READABLE_PX, smallest_text_px

    page = client.get("/simulator/").content.decode()
    for name in ("held", "tornado"):
        assert f"/simulator/{name}.svg?size=phone" in page
        phone = b"".join(client.get(f"/simulator/{name}.svg", {"size": "phone"}).streaming_content)
        wide = b"".join(client.get(f"/simulator/{name}.svg").streaming_content)
        assert smallest_text_px(phone) >= READABLE_PX, name
        assert smallest_text_px(wide) < READABLE_PX, name
    assert client.get("/simulator/held.svg", {"size": "poster"}).status_code == 400
