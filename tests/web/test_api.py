"""The JSON API: public reads, token-authenticated writes with the staff roles' permissions,
bad input as 4xx naming the field, and the OpenAPI schema checked by schemathesis."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from politzek.registry import models as m
from politzek.web.models import ApiToken
from politzek.web.staff.roles import ensure_roles
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db


def _token(role: str) -> str:
    ensure_roles()
    user = User.objects.create_user(f"api-{role}", password="a-long-enough-password")
    user.groups.add(Group.objects.get(name=role))
    return ApiToken.issue(user, "test")[1]


def _auth(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


NEW_PERSON = {"name": "Новы Чалавек", "country": "by", "first_event_kind": "detained",
              "first_event_date": "2026-11-01", "reason": "reported by relatives"}


def test_reads_are_public_and_paginated(client):
    for n in range(3):
        event(person(f"Person {n}"), "detained", f"2024-01-0{n + 1}")
    person("Hidden", visibility="restricted")
    page = client.get("/api/people", {"limit": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 2 and page["limit"] == 2
    second = client.get("/api/people", {"limit": 2, "offset": 2}).json()
    assert [p["name"] for p in second["items"]] == ["Person 2"]
    assert client.get("/api/people", {"limit": 0}).status_code == 422
    assert client.get("/api/people", {"limit": 501}).status_code == 422


def test_editor_token_creates_a_person_with_history(client):
    token = _token("editor")
    response = client.post("/api/people", NEW_PERSON, content_type="application/json", **_auth(token))
    assert response.status_code == 201, response.content
    created = m.Person.objects.get(pk=response.json()["id"])
    assert created.visibility == "restricted" and created.country == "BY"
    assert created.events.get().kind == "detained"
    assert created.history.get().history_change_reason == "reported by relatives"
    assert created.history.get().history_actor == "api:api-editor"
    response = client.post(f"/api/people/{created.pk}/events",
                           {"kind": "remanded", "date": "2026-11-03", "reason": "court record"},
                           content_type="application/json", **_auth(token))
    assert response.status_code == 201
    # An event written through the API carries its own source (the audit then counts it sourced).
    sourced = client.post(f"/api/people/{created.pk}/events",
                          {"kind": "transferred", "date": "2026-11-10", "reason": "letter from the family",
                           "sources": ["https://example.org/letter", "https://example.org/letter"]},
                          content_type="application/json", **_auth(token))
    assert sourced.status_code == 201
    event = m.Event.objects.get(pk=sourced.json()["id"])
    assert list(event.sources.values_list("url", flat=True)) == ["https://example.org/letter"]
    refused = client.post(f"/api/people/{created.pk}/events",
                          {"kind": "transferred", "date": "2026-11-11", "reason": "x", "sources": ["javascript:x"]},
                          content_type="application/json", **_auth(token))
    assert refused.status_code == 422 and "sources" in str(refused.json()["detail"])


def test_writes_need_a_valid_token_and_the_permission(client):
    assert client.post("/api/people", NEW_PERSON, content_type="application/json").status_code == 401
    assert client.post("/api/people", NEW_PERSON, content_type="application/json",
                       **_auth("pz_not-a-token")).status_code == 401
    response = client.post("/api/people", NEW_PERSON, content_type="application/json", **_auth(_token("viewer")))
    assert response.status_code == 403
    assert "registry.add_person" in response.json()["detail"]
    assert not m.Person.objects.exists()
    # A wrong token on a read is refused too, never treated as public.
    assert client.get("/api/people", **_auth("pz_wrong")).status_code == 401


@pytest.mark.parametrize(("change", "field"), [
    ({"country": "Belarus"}, "country"),
    ({"first_event_date": "2026-13-01"}, "date"),
    ({"first_event_kind": "abducted_by_aliens"}, "kind"),
    ({"reason": ""}, "reason"),
])
def test_bad_writes_are_422_naming_the_field_and_write_nothing(client, change, field):
    response = client.post("/api/people", {**NEW_PERSON, **change}, content_type="application/json",
                           **_auth(_token("editor")))
    assert response.status_code == 422
    assert field in response.content.decode()
    assert not m.Person.objects.exists()


def test_a_restricted_reader_token_sees_restricted_people(client):
    hidden = person("Hidden Person", visibility="restricted")
    assert client.get(f"/api/people/{hidden.pk}").status_code == 404
    response = client.get(f"/api/people/{hidden.pk}", **_auth(_token("viewer")))
    assert response.status_code == 200 and response.json()["private"] is None


def test_openapi_documents_pagination_and_filters(client):
    schema = client.get("/api/openapi.json").json()
    people = schema["paths"]["/api/people"]["get"]
    names = {parameter["name"] for parameter in people["parameters"]}
    assert {"q", "country", "status", "article", "region", "tag", "year", "organization", "sort", "limit",
            "offset"} <= names
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()


def test_a_misspelt_field_is_refused_not_dropped(client):
    response = client.post("/api/people", {**NEW_PERSON, "visibilty": "public"}, content_type="application/json",
                           **_auth(_token("editor")))
    assert response.status_code == 422
    assert "visibilty" in response.content.decode()
    assert not m.Person.objects.exists()
