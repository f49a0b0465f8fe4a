"""The data's state is read in one query, once per read-only request, and never carried from
one request to the next or across a write."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from politzek.flows import data_state
from politzek.flows.refresh import refresh
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db

STATE_QUERY = "UNION ALL SELECT 'h'"


def _state_reads(queries: CaptureQueriesContext) -> int:
    return sum(STATE_QUERY in query["sql"] for query in queries.captured_queries)


def test_a_public_page_reads_the_data_state_once(client, settings):
    settings.POLITZEK_PAGE_CACHE_SECONDS = 600  # the page cache asks too
    held = person("Ales Testau")
    event(held, "detained", "2021-06-25")
    refresh()
    for path in ("/", "/?q=Testau", "/api/people", f"/people/{held.pk}/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert _state_reads(queries) == 1, path


def test_the_next_request_sees_a_change_made_between_requests(client, settings):
    settings.POLITZEK_PAGE_CACHE_SECONDS = 0
    held = person("Ales Testau")
    event(held, "detained", "2021-06-25")
    assert "Testau" in client.get("/").content.decode()
    late = person("Pavel Volny")
    event(late, "detained", "2022-01-01")
    assert "Volny" in client.get("/").content.decode()
    assert "Volny" in client.get("/api/people").content.decode()


def test_outside_a_request_the_state_is_read_every_time():
    before = data_state.current()
    person("Ales Testau")
    after = data_state.current()
    assert after.version != before.version


def test_a_refresh_forgets_the_state_it_changed():
    held = person("Ales Testau")
    event(held, "detained", "2021-06-25")
    # What the request signals call (sending request_finished itself would close the test's
    # database connection, as it does after every real request).
    data_state._request_started(None, environ={"REQUEST_METHOD": "GET"})
    try:
        stale = data_state.current()
        assert data_state.current() is stale  # kept within the request
        refresh()
        assert data_state.current().refreshed != stale.refreshed
    finally:
        data_state._request_finished(None)


def test_a_renamed_organization_code_rebuilds_the_facts():
    from politzek.flows.models import Fact
    from politzek.registry import models as m

    held = person("Ales Testau")
    event(held, "detained", "2021-06-25")
    viasna = m.Organization.objects.create(code="viasna-test", name="Viasna")
    recognition = event(held, "recognized", "2021-07-01")
    recognition.organization = viasna
    recognition.save()
    refresh()
    assert Fact.objects.filter(organization="viasna-test").exists()
    viasna.code = "viasna-renamed"
    viasna.save()
    assert refresh().full
    assert Fact.objects.filter(organization="viasna-renamed").exists()
