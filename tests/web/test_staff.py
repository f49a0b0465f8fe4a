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
    assert "<del>Old Name</del> → <ins>New Name</ins>" in html
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
