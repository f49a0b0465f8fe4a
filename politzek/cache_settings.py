"""Where politzek keeps its caches (whole public pages, list counts and facets, rankings,
charts, simulator results): POLITZEK_CACHE names it, read once at start-up.

- `memory` (default): each server process its own, the fastest; a page is computed once per
  process.
- `file:/absolute/folder`: one folder shared by every process of one server (gunicorn's
  workers), so a page is computed once per server.
- `database`: a table in politzek's own database (created by `politzek init`), shared by every
  app server that uses the database: a page is computed once for all of them.

All three are Django's own cache backends; what they hold is derived and keyed by the data's
state, so wiping any of them loses only time."""

from __future__ import annotations

import os
from typing import Any

CACHE_VARIABLE = "POLITZEK_CACHE"
# The table `database` uses (created by `politzek init`).
CACHE_TABLE = "politzek_cache"
# Enough entries for a day's distinct pages and searches on a small server.
MAX_ENTRIES = 5000
# What `memory` may hold in each server process, in MB (each gunicorn worker holds its own).
MEMORY_MB_VARIABLE = "POLITZEK_CACHE_MEMORY_MB"
MEMORY_MB = 48


class CacheSettingError(ValueError):
    """POLITZEK_CACHE names no cache politzek knows."""


def cache_settings(value: str | None = None) -> dict[str, Any]:
    """Django's CACHES for POLITZEK_CACHE's value (the environment's when not given)."""
    value = (os.environ.get(CACHE_VARIABLE, "memory") if value is None else value).strip()
    options = {"MAX_ENTRIES": MAX_ENTRIES}
    if value in ("", "memory"):
        backend: dict[str, Any] = {"BACKEND": "politzek.bounded_memory_cache.BoundedMemoryCache"}
        options["MAX_BYTES"] = _memory_megabytes() * 1024 * 1024
    elif value == "database":
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    elif value.startswith("file:"):
        folder = value.removeprefix("file:")
        if not os.path.isabs(folder):
            raise CacheSettingError(f"{CACHE_VARIABLE}={value!r}: the folder must be an absolute path "
                                    "(file:/var/cache/politzek)")
        backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": folder}
    else:
        raise CacheSettingError(f"{CACHE_VARIABLE}={value!r} is not a cache politzek knows: "
                                "memory, file:/absolute/folder or database")
    return {"default": {**backend, "OPTIONS": options}}


def _memory_megabytes() -> int:
    text = os.environ.get(MEMORY_MB_VARIABLE, str(MEMORY_MB)).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65536:
        raise CacheSettingError(f"{MEMORY_MB_VARIABLE}={text!r} is not a whole number of megabytes (1 to 65536)")
    return int(text)
