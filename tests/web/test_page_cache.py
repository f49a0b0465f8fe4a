"""The public site under a spike: anonymous pages served whole from the cache, never a
changed record's old page, never a staff view to the public nor one language's page to
another; ETag and 304; cache headers a proxy can act on, and none on staff pages."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from politzek.web.page_cache import CACHE_MARK
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    who = person("Ales Testau", region="Minsk")
    event(who, "detained", "2021-06-25")
    return who


def test_a_page_is_served_from_the_cache_until_the_data_moves(client, held):
    first = client.get(f"/people/{held.pk}/")
    assert getattr(first, CACHE_MARK, None) == "miss"
    again = client.get(f"/people/{held.pk}/")
    assert getattr(again, CACHE_MARK, None) == "hit" and again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]  # same headers as fresh
    # An edit: the next request shows it.
    held.occupation = "journalist"
    held.save()
    edited = client.get(f"/people/{held.pk}/")
    assert getattr(edited, CACHE_MARK, None) == "miss" and "journalist" in edited.content.decode()
    # A new event of someone else moves every page too (the list's counts change).
    other = person("Pavel Volny")
    event(other, "detained", "2022-01-01")
    assert getattr(client.get("/"), CACHE_MARK, None) == "miss"


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
    assert getattr(seen, CACHE_MARK, None) is None and "Zmitser Sakretny" in seen.content.decode()
    assert "no-store" in seen["Cache-Control"]
    client.logout()
    public = client.get("/")
    assert getattr(public, CACHE_MARK, None) == "miss" and "Zmitser Sakretny" not in public.content.decode()
    assert "public" in public["Cache-Control"] and "max-age=" in public["Cache-Control"]


def test_one_languages_page_is_never_served_to_another(client, held):
    english = client.get("/this-week/")
    russian = client.get("/ru/this-week/")
    assert getattr(russian, CACHE_MARK, None) == "miss"
    assert 'lang="ru"' in russian.content.decode() and 'lang="en"' in english.content.decode()
    assert getattr(client.get("/ru/this-week/"), CACHE_MARK, None) == "hit"


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
    assert getattr(response, CACHE_MARK, None) is None


def test_an_api_token_bypasses_the_cache(client, held):
    response = client.get("/", headers={"authorization": "Bearer pz_nothing"})
    assert getattr(response, CACHE_MARK, None) is None and "no-store" in response["Cache-Control"]


def test_every_history_table_moves_the_version(held):
    from politzek.web.page_cache import data_version

    before = data_version()
    m.Deal.objects.create(name="A deal", kind="amnesty")
    assert data_version() != before


def test_the_apis_anonymous_answers_are_cached_and_follow_the_data(client, held):
    first = client.get("/api/people")
    assert getattr(first, CACHE_MARK, None) == "miss" and "public" in first["Cache-Control"]
    assert getattr(client.get("/api/people"), CACHE_MARK, None) == "hit"
    held.names.create(name="Алесь Тэстаў", script="Cyrl", language="be")
    renamed = client.get("/api/people")
    assert getattr(renamed, CACHE_MARK, None) == "miss" and "Алесь Тэстаў" in renamed.json()["items"][0]["other_names"]


def test_no_header_tells_a_visitor_whether_the_page_was_kept(client, held):
    for _ in range(2):
        response = client.get("/", {"q": "Testau"})
        assert not [name for name in response.headers if "cache" in name.lower() and name.lower() != "cache-control"]


def test_feeds_are_kept_apart_by_host_and_scheme(client, held, settings):
    """A feed first asked for with another Host or over https (X-Forwarded-Proto behind a
    proxy) is not what the next reader gets: its links are built from the request."""
    settings.ALLOWED_HOSTS = ["testserver", "politzekabcdefgh.onion"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for path in ("/feed.atom", "/this-week.atom", "/this-week.ics", f"/people/{held.pk}/feed.atom"):
        onion = client.get(path, HTTP_HOST="politzekabcdefgh.onion").content.decode()
        secure = client.get(path, HTTP_X_FORWARDED_PROTO="https").content.decode()
        plain = client.get(path).content.decode()
        assert "politzekabcdefgh.onion" not in plain and "https://testserver" not in plain, path
        assert "onion" not in secure, path
        if "http://testserver" in plain:  # the feed writes absolute links: each kept apart
            assert "http://politzekabcdefgh.onion" in onion and "https://testserver" in secure, path


def test_the_memory_cache_is_bounded_in_bytes():
    from politzek.bounded_memory_cache import BoundedMemoryCache

    cache = BoundedMemoryCache("bounded-test", {"OPTIONS": {"MAX_BYTES": 100_000, "MAX_ENTRIES": 5000}})
    cache.clear()
    for n in range(60):
        cache.set(f"page-{n}", b"x" * 10_000)
    assert cache.bytes_held <= 100_000
    assert cache.get("page-59") is not None and cache.get("page-0") is None  # the least recently read went
    cache.get("page-55")  # read again: kept over newer ones not read since
    for n in range(60, 66):
        cache.set(f"page-{n}", b"x" * 10_000)
    assert cache.get("page-55") is not None and cache.get("page-56") is None
    cache.set("huge", b"x" * 200_000)  # larger than the budget: never kept, nothing evicted for it
    assert cache.get("huge") is None and cache.get("page-65") is not None
    cache.delete("page-65")
    assert cache.bytes_held == sum(len(v) for v in cache._cache.values())
