"""POLITZEK_CACHE=memory: Django's per-process memory cache, bounded in bytes as well as in
entries. Entries alone bound nothing: 150 requests for 500-row API pages with a junk parameter
each took two workers from 212 to 773 MB (issue 33). Past the budget, the entries read least
recently go first, as Django's own culling does."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.locmem import LocMemCache

# Sizes of the pickled entries of each named cache, shared like Django's own tables by every
# thread's instance of the cache in this process.
_sizes: dict[str, dict[str, int]] = {}


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 1024 * 1024))
        self._sizes = _sizes.setdefault(name, {})

    @property
    def bytes_held(self) -> int:
        return sum(self._sizes.values())

    def _set(self, key: str, value: bytes, timeout: Any = None) -> None:
        if len(value) > self.max_bytes:
            self._delete(key)
            return  # larger than the whole budget: computed again when asked, never kept
        self._forget(key)
        held = self.bytes_held
        while self._cache and held + len(value) > self.max_bytes:
            oldest, _value = self._cache.popitem()  # the least recently read (the dict's end)
            self._expire_info.pop(oldest, None)
            held -= self._sizes.pop(oldest, 0)
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        if len(self._sizes) > len(self._cache):  # Django's entry culling dropped some
            for gone in [k for k in self._sizes if k not in self._cache]:
                del self._sizes[gone]

    def _forget(self, key: str) -> None:
        self._sizes.pop(key, None)

    def _delete(self, key: str) -> bool:
        self._forget(key)
        return super()._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
