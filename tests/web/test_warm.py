"""The server computes the public list's count and facets once before forking its workers
(web/warm.py), so their first list request reads them from the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from politzek.demo.generator import create_demo
from politzek.web.warm import warm_public_list

pytestmark = pytest.mark.django_db


def _queries_of_the_list(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_first_list_request_after_warming_runs_no_count_or_facet_query(client, settings):
    settings.POLITZEK_PAGE_CACHE_SECONDS = 0
    create_demo(people=60, seed=3)
    cache.clear()
    cold = _queries_of_the_list(client)
    cache.clear()
    assert warm_public_list()
    warmed = _queries_of_the_list(client)
    # Seven facets and the count were computed ahead; the page itself still reads its rows.
    assert warmed <= cold - 8, (cold, warmed)
