"""Write a letter: the envelope in the country's form (the name in Cyrillic with the year of
birth, the institution's official name, the address in the local script, the country in Latin
letters), the sourced advice of the reader's language, and honest pages when no address is known."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from politzek.web.public.letters import guidance
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    colony = m.Facility.objects.create(
        name="Penal colony No. 4, Gomel", name_local="ИК-4", kind="colony", country="BY", postcode="246035",
        street_local="ул. Антошкина, 3", town_local="г. Гомель", street_latin="vul. Antoshkina 3", town_latin="Gomel")
    maryia = person("Maryia Testava", birth_date="1982-04-24", gender="female")
    maryia.names.create(name="Марыя Тэставая", script="Cyrl", language="be")
    event(maryia, "detained", "2020-09-07", facility=colony)
    return maryia


def test_the_envelope_in_the_countrys_form(client, held):
    html = client.get(f"/people/{held.pk}/letter/").content.decode()
    envelope = html[html.index('class="envelope"'):html.index("</div></div>") + 12]
    lines = [line.split(">")[-1] for line in envelope.split("</div>") if ">" in line]
    assert lines[:5] == ["Марыя Тэставая, 1982 г. р.", "ИК-4", "ул. Антошкина, 3", "246035 г. Гомель",
                         "REPUBLIC OF BELARUS"]
    assert "vul. Antoshkina 3, 246035 Gomel" in html
    assert "libereco.org" in html  # each piece of advice names its source
    russian = client.get(f"/ru/people/{held.pk}/letter/").content.decode()
    assert "Пишите по-русски или по-белорусски" in russian
    assert "Марыя Тэставая, 1982 г. р." in russian
    belarusian = client.get(f"/be/people/{held.pk}/letter/").content.decode()
    assert "Марыя Тэставая, 1982 г. н." in belarusian
    # The person page leads to it.
    assert f"/people/{held.pk}/letter/" in client.get(f"/people/{held.pk}/").content.decode()


def test_no_address_and_no_custody_are_said_plainly(client, held):
    free = person("Pavel Volny")
    event(free, "detained", "2020-01-01")
    event(free, "released_pardon", "2021-01-01")
    assert "not in custody" in client.get(f"/people/{free.pk}/letter/").content.decode()
    nowhere = person("Ihar Nidze")
    event(nowhere, "detained", "2024-01-01")
    assert "does not know where this person is held" in client.get(f"/people/{nowhere.pk}/letter/").content.decode()
    held.visibility = "restricted"
    held.save()
    assert client.get(f"/people/{held.pk}/letter/").status_code == 404


def test_every_piece_of_advice_has_a_source_and_every_language():
    for country, data in guidance().items():
        assert data["envelope"], country
        for item in data["advice"]:
            assert item["source"].startswith("https://"), (country, item)
            assert all(item.get(language) for language in ("en", "ru", "be", "uk")), (country, item["en"])


def test_the_api_gives_the_address_in_parts(client, held):
    facility = client.get("/api/facilities", {"country": "BY"}).json()["items"][0]
    assert facility["address"]["postcode"] == "246035"
    assert facility["address"]["street_local"] == "ул. Антошкина, 3"
    assert facility["address"]["town_latin"] == "Gomel"
