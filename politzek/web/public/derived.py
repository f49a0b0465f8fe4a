"""Results derived from the whole registry (deal prices and impacts, the cost page's
proposals), computed once per state of the data and day, then read from the cache
(POLITZEK_CACHE) by every request until a record changes: the page cache's rule
(web/page_cache.py) applied to the costly parts of a page, so that a page the page cache
misses (another language, a signed-in reader, a new query) does not recompute them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from politzek.flows import data_state

T = TypeVar("T")
# An upper bound on keeping an unread result: the key already changes with the data.
KEEP_SECONDS = 24 * 3600


def derived(name: str, compute: Callable[[], T], *parts: object, seconds: int = KEEP_SECONDS,
            per_language: bool = True) -> T:
    """`compute()`, or its result for the same name, parts, data state, day and language (a
    result may hold words in the page's language, such as an error's reason; `per_language`
    False for results that hold none). `seconds` bounds how long an unread result is kept."""
    language = get_language() if per_language else ""
    text = f"{name}|{parts!r}|{data_state.current().version}|{dt.date.today()}|{language}"
    key = "derived:" + hashlib.sha256(text.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
