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
    maryia.names.create(name="Марыя Тэстаўская", script="Cyrl", language="be")  # ў: a Belarusian letter
    event(maryia, "detained", "2020-09-07", facility=colony)
    return maryia


def test_the_envelope_in_the_countrys_form(client, held):
    html = client.get(f"/people/{held.pk}/letter/").content.decode()
    envelope = html[html.index('class="envelope"'):html.index("</div></div>") + 12]
    lines = [line.split(">")[-1] for line in envelope.split("</div>") if ">" in line]
    assert lines[:5] == ["Марыя Тэстаўская, 1982 г. р.", "ИК-4", "ул. Антошкина, 3", "246035 г. Гомель",
                         "REPUBLIC OF BELARUS"]
    assert "vul. Antoshkina 3, 246035 Gomel" in html
    assert ">libereco.org</a>" in html  # each piece of advice names the site that published it
    russian = client.get(f"/ru/people/{held.pk}/letter/").content.decode()
    assert "Пишите по-русски или по-белорусски" in russian
    # The envelope keeps to one language, the address's, whatever the page's: the address is in
    # Russian, so the year of birth is "г. р." on the Belarusian page too, and a Russian form of
    # the name, once recorded, is the one written.
    for language in ("ru", "be", "uk"):
        page = client.get(f"/{language}/people/{held.pk}/letter/").content.decode()
        assert "Марыя Тэстаўская, 1982 г. р." in page, language
    held.names.create(name="Мария Тестова", script="Cyrl", language="ru")
    assert "Мария Тестова, 1982 г. р." in client.get(f"/be/people/{held.pk}/letter/").content.decode()
    # An address written in Belarusian gets the Belarusian name and "г. н.".
    colony = m.Facility.objects.get(name_local="ИК-4")
    colony.name_local, colony.street_local = "ПК-4", "вул. Антошкіна, 3"
    colony.save()
    assert "Марыя Тэстаўская, 1982 г. н." in client.get(f"/ru/people/{held.pk}/letter/").content.decode()
    # The person page leads to it.
    assert f"/people/{held.pk}/letter/" in client.get(f"/people/{held.pk}/").content.decode()


def test_no_address_and_no_custody_are_said_plainly(client, held):
    free = person("Pavel Volny")
    event(free, "detained", "2020-01-01")
    event(free, "released_pardon", "2021-01-01")
    assert "has been released" in client.get(f"/people/{free.pk}/letter/").content.decode()
    nowhere = person("Ihar Nidze")
    event(nowhere, "detained", "2024-01-01")
    assert "does not know where this person is held" in client.get(f"/people/{nowhere.pk}/letter/").content.decode()
    held.visibility = "restricted"
    held.save()
    assert client.get(f"/people/{held.pk}/letter/").status_code == 404


def test_each_status_gets_its_own_honest_sentence(client, held):
    home = person("Volha Doma", gender="female")
    event(home, "detained", "2024-01-01", facility=m.Facility.objects.get(name_local="ИК-4"))
    event(home, "house_arrest", "2024-03-01")
    for path in (f"/people/{home.pk}/letter/", f"/people/{home.pk}/"):
        page = client.get(path).content.decode()
        assert "under house arrest" in page and "ИК-4" not in page.split('id="letters"')[-1], path
    deported = person("Ales Vysylny")
    event(deported, "detained", "2021-01-01")
    event(deported, "deported", "2025-09-11")
    dead = person("Mikola Nezhyvy")  # invented, like every name in these tests
    event(dead, "detained", "2020-01-01")
    event(dead, "died_in_custody", "2021-05-21")
    texts = {who: client.get(f"/people/{who.pk}/letter/").content.decode() for who in (deported, dead)}
    assert "sent out of the country" in texts[deported]
    assert "died" in texts[dead] and "released" not in texts[dead]


def test_advice_is_shown_only_where_it_applies(client, held):
    parcels = "Parcels (sweets"
    assert parcels in client.get(f"/people/{held.pk}/letter/").content.decode()  # detained, not sentenced
    case = m.Case.objects.create(jurisdiction="BY")
    sentence = m.Sentence.objects.create(case=case, person=held, date="2021-03-01", kind="colony", term_days=3650)
    event(held, "sentenced", "2021-03-01", case=case, sentence=sentence)
    assert parcels not in client.get(f"/people/{held.pk}/letter/").content.decode()  # serving in a colony
    remand = m.Facility.objects.create(name="Pre-trial detention centre No. 1, Minsk", name_local="СИЗО-1",
                                       kind="pretrial_centre", country="BY", town_local="г. Минск",
                                       street_local="ул. Володарского, 2", postcode="220030")
    waiting = person("Siarhei Chakannie")
    event(waiting, "detained", "2026-10-01", facility=remand)
    assert parcels in client.get(f"/people/{waiting.pk}/letter/").content.decode()


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
