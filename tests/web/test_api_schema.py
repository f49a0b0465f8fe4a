"""schemathesis against /api/openapi.json: generated requests to every operation get no
server error, and every answer matches the documented schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politzek.accountability.policy import default_policy
from politzek.accountability.run import run_cost
from politzek.registry import models as m
from tests.registry.factories import event, organization, person

# A whole registry and hundreds of requests: `-m 'not slow'` leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def operations():
    from politzek.wsgi import application

    # schemathesis calls the real WSGI application, whose request signals close the database
    # connection after each request; on PostgreSQL that would end the test's own transaction.
    # Django's test client disconnects them the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        viasna = organization("viasna", kind="human_rights")
        shown = person("Марыя Калеснікава", health_notes="private")
        event(shown, "detained", "2020-09-07")
        event(shown, "recognized", "2020-09-10", organization=viasna)
        hidden = person("Hidden", visibility="restricted")
        deal = m.Deal.objects.create(name="A deal", date="2025-09-11", kind="pardon_wave", parties=["BY"])
        m.Concession.objects.create(deal=deal, kind="money", description="a sum", estimated_value_usd=1000)
        for who in (shown, hidden):
            m.DealRelease.objects.create(deal=deal, person=who, direction="released_by_regime")
        m.Deal.objects.create(name="No date yet", kind="amnesty")
        judge = m.Official.objects.create(country="BY")
        judge.names.create(name="Judge Schema", is_primary=True)
        case = m.Case.objects.create(jurisdiction="BY", case_number="1-1/2020")
        case.defendants.add(shown)
        m.CaseRole.objects.create(case=case, official=judge, role="judge_first_instance")
        event(shown, "remanded", "2020-09-08", case=case)
        run_cost(default_policy(), "test")  # proposals and an index for /api/proposals and /api/cost
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        found = [result.ok() for result in schema.get_all_operations()]
        assert len(found) == 19  # every operation of the API (a new one raises this count)
        yield found
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_api_matches_its_schema(operations, data):
    operation = data.draw(st.sampled_from(operations))
    case = data.draw(operation.as_strategy())
    # The WSGI transport hands schemathesis the body as sent: ask for it uncompressed (gzip is
    # tested in tests/web/test_compression.py).
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
