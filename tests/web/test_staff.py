"""The staff workspace: sign-in with argon2, lockout after repeated failures, TOTP for users
who set it up, roles, the add-a-person form, history with a diff and restore."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from politzek.registry import models as m
from politzek.web.staff.roles import ensure_roles
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def _user(role: str, name: str = "anna") -> User:
    ensure_roles()
    user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _sign_in(client, username: str = "anna", password: str = PASSWORD, token: str = ""):
    return client.post("/staff/login/", {"username": username, "password": password, "otp_token": token})


def _error(page: str) -> str:
    return page.split('class="error"')[1].split("</div>")[0] if 'class="error"' in page else ""


def test_passwords_are_stored_with_argon2():
    assert _user("viewer").password.startswith("argon2")


def test_sign_in_and_lockout_after_repeated_failures(client, settings):
    _user("editor")
    assert _sign_in(client)["Location"] == "/staff/"
    client.post("/staff/logout/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, password="wrong password").status_code == 200
    assert _sign_in(client, password="wrong password").status_code == 429
    # Locked: even the right password is refused now.
    locked = _sign_in(client)
    assert locked.status_code == 429
    assert client.get("/staff/").status_code == 302


def test_totp_is_asked_once_a_device_is_set_up(client):
    user = _user("editor")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = _sign_in(client)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    # A right password without the code reads exactly as a wrong password: no confirmation.
    wrong = _sign_in(client, password="wrong password").content.decode()
    assert _error(response.content.decode()) == _error(wrong) != ""
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert _sign_in(client, token=code)["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_roles_decide_who_may_add(client):
    viewer = _user("viewer", "vera")
    client.force_login(viewer)
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/people/new/").status_code == 403
    client.force_login(_user("editor"))
    assert client.get("/staff/people/new/").status_code == 200


def test_add_a_person_with_a_first_event_then_it_is_listed(client):
    client.force_login(_user("editor"))
    form = {"name": "Алесь Новы", "language": "be", "other_name": "Ales Novy", "country": "by", "region": "Hrodna",
            "gender": "male", "birth_date": "1990", "occupation": "", "visibility": "public", "consent": "yes",
            "event_kind": "detained", "event_date": "2026-11-20", "description": "detained at home",
            "source_url": "https://spring96.org/example", "source_title": "Viasna", "reason": "Viasna report"}
    response = client.post("/staff/people/new/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = m.Person.objects.get(names__name="Алесь Новы")
    assert created.events.get().date_earliest.isoformat() == "2026-11-20"
    assert created.history.get().history_change_reason == "Viasna report"
    client.logout()
    assert "Алесь Новы" in client.get("/", {"q": "Ales Novy"}).content.decode()


def test_a_bad_date_is_shown_on_the_form_and_nothing_is_saved(client):
    client.force_login(_user("editor"))
    form = {"name": "Someone", "country": "BY", "gender": "unknown", "visibility": "public", "consent": "unknown",
            "event_kind": "detained", "event_date": "2026-02-30", "reason": "test"}
    response = client.post("/staff/people/new/", form)
    assert response.status_code == 200
    assert "2026-02-30" in response.content.decode()
    assert not m.Person.objects.exists()


def test_history_shows_who_when_why_and_restores(client):
    someone = person("Old Name")
    event(someone, "detained", "2024-01-01")
    name = someone.names.get()
    name.name = "New Name"
    name._change_reason = "court record spelling"
    name.save()
    client.force_login(_user("editor"))
    html = client.get(f"/staff/people/{someone.pk}/history/").content.decode()
    assert "court record spelling" in html
    assert '<del translate="no">Old Name</del> → <ins translate="no">New Name</ins>' in html
    first = m.PersonName.history.filter(id=name.pk).earliest("history_date")
    response = client.post(f"/staff/people/{someone.pk}/history/name/{first.history_id}/restore/")
    assert response.status_code == 302
    name.refresh_from_db()
    assert name.name == "Old Name"
    assert m.PersonName.history.filter(id=name.pk).latest("history_date").history_actor == "web:anna"


def test_history_hides_private_fields_from_staff_without_clearance(client):
    someone = person("Private Person", health_notes="diabetes")
    someone.health_notes = "diabetes, untreated"
    someone.save()
    client.force_login(_user("editor"))
    html = client.get(f"/staff/people/{someone.pk}/history/").content.decode()
    assert "health_notes" in html and "diabetes" not in html


def _duplicates():
    from politzek.registry import dedupe
    from politzek.registry.visibility import Clearance, Viewer

    kept = person("Марыя Калеснікава", birth_date="1982-04-24")
    other = person("Kolesnikova Maria Aleksandrovna", birth_date="1982")
    dedupe.find_duplicates(Viewer(Clearance.CONFIDENTIAL))
    return kept, other


def test_the_review_queue_merges_and_the_merge_is_undone(client):
    kept, other = _duplicates()
    event(other, "detained", "2020-09-07")
    client.force_login(_user("reviewer"))
    html = client.get("/staff/duplicates/").content.decode()
    assert "Марыя Калеснікава" in html and "Kolesnikova Maria Aleksandrovna" in html
    assert "vowels as the languages differ" in html
    response = client.post(f"/staff/duplicates/{kept.pk}/{other.pk}/decide/",
                           {"judgement": "same", "keep": str(kept.pk), "reason": "same passport"})
    assert response.status_code == 302
    assert not m.Person.objects.filter(pk=other.pk).exists() and kept.events.count() == 1
    assert "Nothing waits for review" in client.get("/staff/duplicates/").content.decode()
    merge = m.PersonMerge.objects.get()
    assert merge.actor == "web:anna" and "same passport" in client.get("/staff/merges/").content.decode()
    client.post(f"/staff/merges/{merge.pk}/undo/", {"reason": "two sisters"})
    assert m.Person.objects.filter(pk=other.pk).exists() and m.Person.objects.get(pk=other.pk).events.count() == 1


def test_different_is_recorded_and_editors_cannot_review(client):
    kept, other = _duplicates()
    client.force_login(_user("editor", "ed"))
    assert client.get("/staff/duplicates/").status_code == 403
    client.force_login(_user("reviewer", "rita"))
    client.post(f"/staff/duplicates/{kept.pk}/{other.pk}/decide/", {"judgement": "different", "reason": "sisters"})
    judgement = m.MatchJudgement.objects.get()
    assert (judgement.judgement, judgement.actor, judgement.reason) == ("different", "web:rita", "sisters")


def test_a_reviewer_without_clearance_never_sees_a_confidential_pair(client):
    kept, other = _duplicates()
    other.visibility = "confidential"
    other.save()
    client.force_login(_user("reviewer"))
    html = client.get("/staff/duplicates/").content.decode()
    assert "Kolesnikova Maria Aleksandrovna" not in html and "Nothing waits for review" in html
    client.post(f"/staff/duplicates/{kept.pk}/{other.pk}/decide/", {"judgement": "same"})
    assert m.Person.objects.filter(pk=other.pk).exists()  # not merged: not theirs to decide


@pytest.mark.parametrize("path", ["/staff/duplicates/", "/staff/duplicates/?unsure=1", "/staff/merges/"])
def test_the_review_pages_show_nothing_to_visitors(client, path):
    _duplicates()
    response = client.get(path)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert "Kolesnikova" not in response.content.decode()


def test_a_reviewer_decides_only_pairs_in_the_queue(client):
    kept, other = _duplicates()
    outsider = person("Someone Else Entirely")
    client.force_login(_user("reviewer", "rita"))
    client.post(f"/staff/duplicates/{kept.pk}/{outsider.pk}/decide/", {"judgement": "different"})
    assert not m.MatchJudgement.objects.exists()
    client.post(f"/staff/duplicates/{kept.pk}/{other.pk}/decide/", {"judgement": "different"})
    assert m.MatchJudgement.objects.get().judgement == "different"


def test_a_visitor_cannot_decide_or_undo(client):
    kept, other = _duplicates()
    client.post(f"/staff/duplicates/{kept.pk}/{other.pk}/decide/", {"judgement": "same"})
    assert m.Person.objects.filter(pk=other.pk).exists() and not m.MatchJudgement.objects.exists()
