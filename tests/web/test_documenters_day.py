"""A documenter's day in their language (issue 33): the workspace stays in the language chosen
across sign-in, sign-out and an ended session; a form sent after the session ended comes back
filled for the user who typed it (and only for them) after signing in again."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from tests.registry.factories import STAFF_PASSWORD, staff

pytestmark = pytest.mark.django_db

TYPED = {"name": "Алесь Пачаткоўца", "country": "BY", "gender": "unknown", "visibility": "public",
         "consent": "yes", "event_kind": "detained", "event_date": "12.04.2026",
         "description": "Затрыманы дома.\r\nТры суткі без сувязі.", "reason": "паведамленне Вясны"}


def _sign_in(client, username: str, prefix: str = "/ru", next_page: str = ""):
    return client.post(f"{prefix}/staff/login/", {"username": username, "password": STAFF_PASSWORD,
                                                  "otp_token": "", "next": next_page})


def test_sign_in_and_out_keep_the_language(client):
    staff("anna", "editor")
    assert client.get("/ru/staff/")["Location"].startswith("/ru/staff/login/?next=/ru/staff/")
    assert _sign_in(client, "anna")["Location"] == "/ru/staff/"
    page = client.get("/ru/staff/").content.decode()
    assert 'lang="ru"' in page and "Выйти" in page
    assert client.post("/ru/staff/logout/")["Location"] == "/ru/"
    assert _sign_in(client, "anna", prefix="/be")["Location"] == "/be/staff/"


def _typed_form(client) -> dict:
    """The add-a-person form as its page gives it (with the signed name of who typed it)."""
    page = client.get("/ru/staff/people/new/").content.decode()
    typed_by = page.split('name="_typed_by" value="')[1].split('"')[0]
    return {**TYPED, "_typed_by": typed_by}


def test_work_typed_when_the_session_ended_comes_back_filled_after_signing_in(client):
    staff("anna", "editor")
    _sign_in(client, "anna")
    form = _typed_form(client)
    client.post("/ru/staff/logout/")  # the session ends (here: signed out in another tab)
    sent = client.post("/ru/staff/people/new/", form)
    assert sent["Location"].startswith("/ru/staff/login/?next=/ru/staff/people/new/")
    assert not m.Person.objects.exists()
    assert _sign_in(client, "anna", next_page="/ru/staff/people/new/")["Location"] == "/ru/staff/people/new/"
    page = client.get("/ru/staff/people/new/").content.decode()
    assert 'value="Алесь Пачаткоўца"' in page and "Тры суткі без сувязі." in page
    assert 'value="12.04.2026"' in page and "сохраните" in page.lower()
    assert not m.Person.objects.exists()  # shown again, not saved: the documenter checks and saves
    assert client.get("/ru/staff/people/new/").content.decode().count("Пачаткоўца") == 0  # given back once


def test_kept_work_is_given_back_only_to_who_typed_it(client):
    staff("anna", "editor")
    staff("boris", "editor")
    _sign_in(client, "anna")
    form = _typed_form(client)
    client.post("/ru/staff/logout/")
    client.post("/ru/staff/people/new/", form)
    _sign_in(client, "boris")
    assert "Пачаткоўца" not in client.get("/ru/staff/people/new/").content.decode()


def test_a_form_without_a_valid_signature_is_not_kept(client):
    staff("anna", "editor")
    client.post("/ru/staff/people/new/", {**TYPED, "_typed_by": "anna"})  # forged: not signed
    _sign_in(client, "anna")
    assert "Пачаткоўца" not in client.get("/ru/staff/people/new/").content.decode()


def test_every_mistake_is_shown_at_once_in_russian_and_names_of_countries_are_read(client):
    staff("anna", "editor")
    _sign_in(client, "anna")
    wrong = {**TYPED, "country": "Нарния", "event_date": "31.02.2026", "birth_date": "весной", "reason": ""}
    page = client.post("/ru/staff/people/new/", wrong).content.decode()
    assert "«Нарния» — такой страны мы не знаем" in page
    assert "«31.02.2026» — невозможная дата" in page
    assert "«весной» не читается как дата" in page
    assert page.count('class="errorlist') >= 4  # and the missing reason: four at once
    assert not m.Person.objects.exists()
    right = {**TYPED, "country": "Беларусь", "birth_date": "12 апреля 1991", "event_date": "12.04.2026"}
    assert client.post("/ru/staff/people/new/", right).status_code == 302
    added = m.Person.objects.get()
    assert (added.country, str(added.birth_date)) == ("BY", "1991-04-12")
    assert str(added.events.get().date) == "2026-04-12"
    assert added.events.get().description == "Затрыманы дома.\nТры суткі без сувязі."


def test_a_person_is_edited_on_a_staff_page_in_russian(client):
    from tests.registry.factories import event, person

    someone = person("Алесь Бяляцкі", country="BY", internal_notes="адвакат тэлефанаваў")
    event(someone, "detained", "2021-07-14")
    staff("anna", "editor")  # without confidential clearance
    _sign_in(client, "anna")
    page = client.get(f"/ru/staff/people/{someone.pk}/edit/").content.decode()
    assert 'lang="ru"' in page and "Алесь Бяляцкі" in page and "адвакат" not in page
    form = {"names-TOTAL_FORMS": "2", "names-INITIAL_FORMS": "1", "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000", "names-0-id": str(someone.names.get().pk), "names-0-person": str(someone.pk),
            "names-0-name": "Алесь Бяляцкі", "names-0-language": "be", "names-0-kind": "original",
            "names-0-is_primary": "on", "names-1-person": str(someone.pk), "names-1-name": "Ales Bialiatski",
            "names-1-language": "en", "names-1-kind": "transliteration",
            "country": "Беларусь", "region": "Мінск", "gender": "male", "birth_date": "25.09.1962",
            "occupation": "", "visibility": "public", "consent": "yes", "reason": "Viasna"}
    assert client.post(f"/ru/staff/people/{someone.pk}/edit/", form).status_code == 302
    someone.refresh_from_db()
    assert (someone.region, str(someone.birth_date)) == ("Мінск", "1962-09-25")
    assert sorted(someone.names.values_list("name", flat=True)) == ["Ales Bialiatski", "Алесь Бяляцкі"]
    assert someone.internal_notes == "адвакат тэлефанаваў"  # not in the uncleared form, not emptied
    assert someone.history.latest().history_change_reason == "Viasna"


def test_facilities_are_offered_by_their_local_names_on_a_russian_page(client):
    m.Facility.objects.create(name="Pre-trial centre No. 1, Minsk", name_local="СИЗО-1 г. Минска",
                              kind="pretrial_centre", country="BY")
    staff("anna", "editor")
    _sign_in(client, "anna")
    russian = client.get("/ru/staff/people/new/").content.decode()
    assert "СИЗО-1 г. Минска · Pre-trial centre No. 1, Minsk" in russian
    english = client.get("/staff/people/new/").content.decode()
    assert ">Pre-trial centre No. 1, Minsk</option>" in english


def test_an_impossible_event_is_refused_in_russian(client):
    from tests.registry.factories import event, person

    someone = person("Алесь Бяляцкі", country="BY")
    event(someone, "detained", "2021-07-14")
    staff("anna", "editor")
    _sign_in(client, "anna")
    page = client.post(f"/ru/staff/people/{someone.pk}/events/new/", {
        "kind": "released_pardon", "date": "01.03.2020", "visibility": "public", "reason": "проверка"})
    text = page.content.decode()
    assert page.status_code == 200 and "раньше первого задержания 2021-07-14" in text, text[-3000:]
    recognition = client.post(f"/ru/staff/people/{someone.pk}/events/new/", {
        "kind": "recognized", "date": "2021", "visibility": "public", "reason": "проверка"})
    assert "Для признания или его отзыва нужна организация." in recognition.content.decode()
    assert someone.events.count() == 1
