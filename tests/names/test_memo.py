"""The matcher's memo tables stay bounded in a web worker (names/memo.py, web/apps.py)."""

from __future__ import annotations

import pytest

from politzek.names import compare, search_keys
from politzek.names.memo import memo_tables, trim
from politzek.web.apps import WEB_MEMO_ENTRIES


def test_every_cache_of_the_names_modules_is_found():
    tables = memo_tables()
    assert search_keys._ascii_words in tables and compare._folded in tables
    assert len(tables) >= 20


def test_a_table_past_the_bound_is_emptied_and_the_others_kept():
    search_keys._ascii_words.cache_clear()
    compare._folded.cache_clear()
    for i in range(30):
        search_keys.words(f"Name{i} Surname{i}")
    compare._folded("Kalesnikava")
    assert trim(10) >= 1
    assert search_keys._ascii_words.cache_info().currsize == 0
    assert compare._folded.cache_info().currsize == 1


@pytest.mark.django_db
def test_a_web_request_trims_them(client):
    search_keys._ascii_words.cache_clear()
    for i in range(WEB_MEMO_ENTRIES + 1):
        search_keys._ascii_words(f"w{i}")
    client.get("/")
    assert search_keys._ascii_words.cache_info().currsize <= WEB_MEMO_ENTRIES
