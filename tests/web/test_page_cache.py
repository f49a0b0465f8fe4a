"""The public site under a spike: anonymous pages served whole from the cache, never a
changed record's old page, never a staff view to the public nor one language's page to
another; ETag and 304; cache headers a proxy can act on, and none on staff pages."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from politzek.web.page_cache import CACHE_HEADER
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    who = person("Ales Testau", region="Minsk")
    event(who, "detained", "2021-06-25")
    return who


def test_a_page_is_served_from_the_cache_until_the_data_moves(client, held):
    first = client.get(f"/people/{held.pk}/")
    assert first[CACHE_HEADER] == "miss"
    again = client.get(f"/people/{held.pk}/")
    assert again[CACHE_HEADER] == "hit" and again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]  # same headers as fresh
    # An edit: the next request shows it.
    held.occupation = "journalist"
    held.save()
    edited = client.get(f"/people/{held.pk}/")
    assert edited[CACHE_HEADER] == "miss" and "journalist" in edited.content.decode()
    # A new event of someone else moves every page too (the list's counts change).
    other = person("Pavel Volny")
    event(other, "detained", "2022-01-01")
    assert client.get("/")[CACHE_HEADER] == "miss"


def test_a_record_hidden_since_is_not_served_from_the_cache(client, held):
    assert client.get(f"/people/{held.pk}/").status_code == 200
    held.visibility = "restricted"
    held.save()
    assert client.get(f"/people/{held.pk}/").status_code == 404
    assert "Ales Testau" not in client.get("/").content.decode()


def test_staff_views_are_neither_served_from_nor_kept_in_the_cache(client, held):
    secret = person("Zmitser Sakretny", visibility="confidential")
    event(secret, "detained", "2021-01-01")
    client.force_login(staff("rita", "editor", confidential=True))
    seen = client.get("/")
    assert CACHE_HEADER not in seen and "Zmitser Sakretny" in seen.content.decode()
    assert "no-store" in seen["Cache-Control"]
    client.logout()
    public = client.get("/")
    assert public[CACHE_HEADER] == "miss" and "Zmitser Sakretny" not in public.content.decode()
    assert "public" in public["Cache-Control"] and "max-age=" in public["Cache-Control"]


def test_one_languages_page_is_never_served_to_another(client, held):
    english = client.get("/this-week/")
    russian = client.get("/ru/this-week/")
    assert russian[CACHE_HEADER] == "miss"
    assert 'lang="ru"' in russian.content.decode() and 'lang="en"' in english.content.decode()
    assert client.get("/ru/this-week/")[CACHE_HEADER] == "hit"


def test_etag_and_304(client, held):
    first = client.get("/")
    etag = first["ETag"]
    not_modified = client.get("/", headers={"if-none-match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    held.region = "Brest"
    held.save()
    changed = client.get("/", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.parametrize("path", ["/staff/login/", "/ru/staff/login/", "/be/staff/login/"])
def test_staff_pages_in_any_language_are_never_stored(client, path):
    response = client.get(path)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert CACHE_HEADER not in response


def test_an_api_token_bypasses_the_cache(client, held):
    response = client.get("/", headers={"authorization": "Bearer pz_nothing"})
    assert CACHE_HEADER not in response and "no-store" in response["Cache-Control"]


def test_every_history_table_moves_the_version(held):
    from politzek.web.page_cache import data_version

    before = data_version()
    m.Deal.objects.create(name="A deal", kind="amnesty")
    assert data_version() != before


def test_the_apis_anonymous_answers_are_cached_and_follow_the_data(client, held):
    first = client.get("/api/people")
    assert first[CACHE_HEADER] == "miss" and "public" in first["Cache-Control"]
    assert client.get("/api/people")[CACHE_HEADER] == "hit"
    held.names.create(name="Алесь Тэстаў", script="Cyrl", language="be")
    renamed = client.get("/api/people")
    assert renamed[CACHE_HEADER] == "miss" and "Алесь Тэстаў" in renamed.json()["items"][0]["other_names"]
