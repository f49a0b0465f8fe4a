"""The matcher's memo tables, bounded in a long-lived process.

The names modules keep functools caches sized for a batch (an import or a dedupe compares
hundreds of thousands of names: 50,000–200,000 entries each). A web worker answering searches
fills them too and never ends its batch: after 200 new surnames a worker held ~100 MB more in
them, most of it never read again. `trim` empties any table past a bound after a request; a
search still reuses its own words within itself, and the tables that matter across requests
(a name's transliteration, ~150 µs each) refill with the names that are asked for."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any


def memo_tables() -> tuple[Any, ...]:
    """Every functools cache defined in the politzek.names modules loaded so far (a page that
    compares no name has not loaded them, and trimming must not load them). Looked up again
    only when a module was loaded since: this runs after every web request."""
    if _seen[0] != len(sys.modules):
        loaded = tuple(sorted(name for name in list(sys.modules) if name.startswith("politzek.names.")))
        _seen[:] = [len(sys.modules), _tables_of(loaded)]
    return _seen[1]


_seen: list[Any] = [-1, ()]  # (how many modules were loaded, their memo tables) at the last look


@lru_cache(maxsize=8)
def _tables_of(modules: tuple[str, ...]) -> tuple[Any, ...]:
    found = []
    for name in modules:
        module = sys.modules[name]
        for value in vars(module).values():
            if callable(value) and hasattr(value, "cache_info") and hasattr(value, "cache_clear") \
                    and getattr(value, "__module__", "") == name:
                found.append(value)
    return tuple(found)


def trim(most: int) -> int:
    """Empty each table holding more than `most` entries; how many were emptied."""
    emptied = 0
    for table in memo_tables():
        if table.cache_info().currsize > most:
            table.cache_clear()
            emptied += 1
    return emptied
