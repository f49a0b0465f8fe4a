"""The public index page: only what a visitor may see, the demo notice, a strict CSP."""

import pytest
from django.contrib.auth.models import User

from politzek.registry import models as m
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    shown = person("Visible Prisoner", visibility="public", synthetic=True, health_notes="asthma")
    event(shown, "detained", "2021-01-01")
    person("Hidden Prisoner", visibility="restricted")
    person("Secret Prisoner", visibility="confidential")
    return shown


def test_index_lists_public_people_only(client, people):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Visible Prisoner" in html
    assert "Hidden Prisoner" not in html and "Secret Prisoner" not in html
    assert "asthma" not in html
    assert "in pre-trial custody" in html


def test_index_says_demo_data_is_synthetic(client, people):
    html = client.get("/").content.decode()
    assert "Demo data." in html and "not real people" in html


def test_index_without_demo_data_has_no_notice(client):
    person("Real Record", visibility="public")
    assert "Demo data." not in client.get("/").content.decode()


def test_strict_content_security_policy(client, people):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # no scripts at all
    # The Django admin alone runs its own scripts, from this server only.
    User.objects.create_superuser("admin", password="a-long-enough-password")
    client.force_login(User.objects.get(username="admin"))
    assert "script-src 'self'" in client.get("/admin/")["Content-Security-Policy"]


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    # The admin's own login page hands over to the staff sign-in (lockout, TOTP).
    assert "/staff/login/" in client.get(response["Location"])["Location"]
    User.objects.create_superuser("admin", password="a-long-enough-password")
    client.force_login(User.objects.get(username="admin"))
    assert client.get("/admin/registry/person/").status_code == 200


def test_admin_change_records_user_and_reason(client):
    User.objects.create_superuser("admin", password="a-long-enough-password")
    client.force_login(User.objects.get(username="admin"))
    someone = person("Edited Person", visibility="restricted")
    form = {
        "visibility": "public", "consent": "unknown", "birth_date": "1990-02", "gender": "unknown",
        "citizenships": "[]", "country": "BY", "region": "", "occupation": "", "relatives_contacts": "",
        "lawyer_contacts": "", "health_notes": "", "internal_notes": "",
        "change_reason": "consent given by the family",
    }
    for prefix in ("names", "biographies", "events", "external_keys"):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    form.update({"names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "1",
                 "names-0-id": str(someone.names.get().pk), "names-0-person": str(someone.pk),
                 "names-0-name": "Edited Person", "names-0-kind": "original"})
    response = client.post(f"/admin/registry/person/{someone.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = someone.history.latest()
    assert latest.visibility == "public"
    assert latest.history_user.username == "admin"
    assert latest.history_actor == "admin"
    assert latest.history_change_reason == "consent given by the family"


def _staff(*codenames):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("staff", password="a-long-enough-password", is_staff=True)
    for codename in ("view_person", "change_person", "view_event", *codenames):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_admin_shows_staff_only_what_their_clearance_allows(client, people):
    secret = m.Person.objects.get(names__name="Secret Prisoner")
    _staff("view_restricted")
    client.force_login(User.objects.get(username="staff"))
    listing = client.get("/admin/registry/person/").content.decode()
    assert "Visible Prisoner" in listing and "Hidden Prisoner" in listing
    assert "Secret Prisoner" not in listing
    assert client.get(f"/admin/registry/person/{secret.pk}/change/").status_code == 302  # not found → redirect
    form = client.get(f"/admin/registry/person/{people.pk}/change/").content.decode()
    assert "asthma" not in form and "health_notes" not in form


def test_admin_shows_private_fields_with_confidential_clearance(client, people):
    _staff("view_restricted", "view_confidential")
    client.force_login(User.objects.get(username="staff"))
    assert "Secret Prisoner" in client.get("/admin/registry/person/").content.decode()
    assert "asthma" in client.get(f"/admin/registry/person/{people.pk}/change/").content.decode()


def test_admin_history_obeys_visibility_and_hides_private_changes(client, people):
    from politzek.registry.history import recorded_change

    secret = m.Person.objects.get(names__name="Secret Prisoner")
    with recorded_change("cli:test", "health update"):
        people.health_notes = "asthma, worsening"
        people.save()
    _staff("view_restricted", "view_historicalperson")
    client.force_login(User.objects.get(username="staff"))
    assert client.get(f"/admin/registry/person/{secret.pk}/history/").status_code == 404
    version = secret.history.latest().history_id
    assert client.get(f"/admin/registry/person/{secret.pk}/history/{version}/").status_code == 404
    history = client.get(f"/admin/registry/person/{people.pk}/history/")
    assert history.status_code == 200
    assert "health update" in history.content.decode()
    assert "asthma" not in history.content.decode()


def test_admin_history_for_cleared_staff(client, people):
    secret = m.Person.objects.get(names__name="Secret Prisoner")
    _staff("view_restricted", "view_confidential", "view_historicalperson")
    client.force_login(User.objects.get(username="staff"))
    assert client.get(f"/admin/registry/person/{secret.pk}/history/").status_code == 200


def test_admin_hides_cases_and_deal_rows_of_hidden_people(client, people):
    secret = m.Person.objects.get(names__name="Secret Prisoner")
    case = m.Case.objects.create(jurisdiction="BY", case_number="1-77/2024")
    case.defendants.add(secret)
    deal = m.Deal.objects.create(name="A deal", kind="exchange")
    m.DealRelease.objects.create(deal=deal, person=secret, direction="released_by_regime")
    m.DealRelease.objects.create(deal=deal, person=people, direction="released_by_regime")
    user = _staff("view_restricted")
    from django.contrib.auth.models import Permission

    for codename in ("view_case", "view_deal", "view_dealrelease"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(User.objects.get(username="staff"))
    assert "1-77/2024" not in client.get("/admin/registry/case/").content.decode()
    deal_page = client.get(f"/admin/registry/deal/{deal.pk}/change/").content.decode()
    assert "Visible Prisoner" in deal_page
    assert "Secret Prisoner" not in deal_page
