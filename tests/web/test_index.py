"""The public index page: only what a visitor may see, the demo notice, a strict CSP."""

import pytest
from django.contrib.auth.models import User

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


def test_admin_requires_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    User.objects.create_superuser("admin", password="a-long-enough-password")
    client.login(username="admin", password="a-long-enough-password")
    assert client.get("/admin/registry/person/").status_code == 200
